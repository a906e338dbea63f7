import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type * as YamlModule from 'yaml';
import { PlatformError } from '../core/errors';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { findStack } from '../core/labels';
import { apiObjectsOf, checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { isPlainRecord, PropChecker } from '../core/_props';
import { forTerminal } from '../core/_terminal';
import { yamlErrorMessage } from '../core/_yaml-error';

/** The environment variable naming the helm binary when `helmBinary` is not set. */
export const HELM_BINARY_VARIABLE = 'HELM_BIN';

/** Helm's limit on a release name's length. */
const MAX_RELEASE_NAME = 53;

/** The most `helm template` may print: larger output is refused, not cut. */
const MAX_HELM_OUTPUT = 256 * 1024 * 1024;

/** An exact chart version (SemVer 2, an optional leading `v`): no range, no wildcard. */
const PINNED_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

/** Props of a `HelmChart`. */
export interface HelmChartProps extends ConstructMetadataProps {
  /**
   * The chart: a local chart folder (holding `Chart.yaml`) or packaged chart (`.tgz`), relative to the working
   * folder; the chart's name in `repo`; or an `oci://` reference.
   *
   * @example './charts/shop'
   * @example 'redis' (with repo)
   * @example 'oci://registry-1.docker.io/bitnamicharts/postgresql'
   */
  readonly chart: string;

  /**
   * The URL of the chart repository (`http://` or `https://`) that holds `chart`.
   *
   * @default none: `chart` is a local chart or an `oci://` reference
   */
  readonly repo?: string;

  /**
   * The chart's exact version (`1.2.3`, not a range), required for a chart from a repository or an `oci://`
   * reference, so that the output does not change when the repository publishes a new version.
   *
   * @default none for a local chart (the chart's own version)
   */
  readonly version?: string;

  /**
   * Values for the chart, over its `values.yaml` (as `helm template -f`): plain JSON data.
   *
   * @default the chart's own values
   */
  readonly values?: Record<string, unknown>;

  /**
   * The release name (`.Release.Name` in the chart's templates): a DNS-1123 label of at most 53 characters.
   *
   * @default the construct id
   */
  readonly releaseName?: string;

  /**
   * The helm binary (Helm 3) that renders the chart: a path, or a name looked up on `PATH`.
   *
   * @default the `HELM_BIN` environment variable, else `helm` on `PATH`
   */
  readonly helmBinary?: string;
}

const HELM_CHART = Symbol.for('cdk8s-platform.HelmChart');

/**
 * A Helm chart in a stack: `helm template` renders it when the construct is created, and each object it renders
 * becomes an API object of the stack, like the objects of any other construct. They get the stack's namespace
 * (`helm template --namespace`, and namespaced objects without one), the stack's labels, its layout, validation and
 * Pod Security enforcement; `metadata` labels and annotates every one of them.
 *
 * The chart is rendered for the Kubernetes version its environment targets (`--kube-version`), without the chart's
 * tests (`--skip-tests`) and without its `crds/` folder, as `helm template` does by default. A chart from a
 * repository must name an exact `version`.
 *
 * @see https://helm.sh/docs/helm/helm_template/
 * @example
 * new HelmChart(stack, 'cache', {
 *   chart: 'redis',
 *   repo: 'https://charts.example.com/stable',
 *   version: '19.6.4',
 *   values: { architecture: 'standalone' },
 * });
 */
export class HelmChart extends Construct {
  /** Whether `x` is a `HelmChart`, also across copies of this package. */
  public static isHelmChart(x: unknown): x is HelmChart {
    return x !== null && typeof x === 'object' && HELM_CHART in x;
  }

  /** The release name the chart was rendered with. */
  public readonly releaseName: string;
  /** The chart, as given. */
  public readonly chart: string;

  constructor(scope: Construct, id: string, props: HelmChartProps) {
    super(scope, id);
    Object.defineProperty(this, HELM_CHART, { value: true });
    const stack = findStack(this, 'HelmChart');
    const check = new PropChecker(this, 'HelmChart');
    const p: Partial<HelmChartProps> = isPlainRecord(props) ? props : {};
    const metadata = checkMetadata(check, p);
    const source = checkSource(check, p);
    const releaseName = p.releaseName ?? id;
    if (check.name('releaseName', releaseName, 'dns1123-label') && releaseName.length > MAX_RELEASE_NAME) {
      check.fail('releaseName', releaseName, `a DNS-1123 label of at most ${MAX_RELEASE_NAME} characters (Helm's limit)`);
    }
    if (p.values !== undefined && !isJsonRecord(p.values)) {
      check.fail('values', p.values, 'an object of plain JSON data (strings, numbers, booleans, null, arrays, objects)');
    }
    const binary = p.helmBinary ?? process.env[HELM_BINARY_VARIABLE] ?? 'helm';
    if (p.helmBinary !== undefined) check.string('helmBinary', p.helmBinary, 'a path to the helm binary, or its name on PATH');
    check.knownKeys('', props, 'HelmChartProps');
    check.throwIfInvalid();

    this.releaseName = releaseName;
    this.chart = source.chart;
    const args = [
      'template', releaseName, source.chart, ...source.flags,
      '--namespace', stack.namespace ?? 'default',
      '--kube-version', `${kubernetesVersionOf(this)}.0`,
      '--skip-tests',
    ];
    const values = p.values !== undefined ? JSON.stringify(p.values) : undefined;
    if (values !== undefined) args.push('--values', '-');
    const output = runHelm(this, binary, args, values, source.chart);
    for (const [objectId, manifest] of objectsOf(this, output, source.chart)) {
      const m = manifest.metadata as Record<string, unknown>;
      if (metadata.labels) m.labels = { ...(isPlainRecord(m.labels) ? m.labels : {}), ...metadata.labels };
      if (metadata.annotations) m.annotations = { ...(isPlainRecord(m.annotations) ? m.annotations : {}), ...metadata.annotations };
      new ApiObject(this, objectId, manifest as never);
    }
  }

  /** Every API object the chart rendered, in the order `helm template` printed them (the escape hatch). */
  public get apiObjects(): ApiObject[] {
    return apiObjectsOf(this);
  }
}

/** Where the chart comes from: the chart argument of `helm template` and the flags that locate it. */
interface ChartSource {
  readonly chart: string;
  readonly flags: string[];
}

function checkSource(check: PropChecker, p: Partial<HelmChartProps>): ChartSource {
  if (!check.string('chart', p.chart, 'a local chart folder or .tgz, a chart name with repo, or an oci:// reference')) return { chart: '', flags: [] };
  const chart = p.chart;
  const remote = p.repo !== undefined || chart.startsWith('oci://');
  if (p.repo !== undefined) {
    if (check.string('repo', p.repo, 'the URL of a chart repository (http:// or https://)') && !/^https?:\/\/[^\s/]+/.test(p.repo)) {
      check.fail('repo', p.repo, 'the URL of a chart repository (http:// or https://)');
    }
    if (chart.startsWith('oci://')) check.fail('repo', p.repo, 'nothing with an oci:// chart (the reference names its registry)');
  }
  if (p.version !== undefined && !remote) {
    check.fail('version', p.version, 'nothing for a local chart (its Chart.yaml names its version); a version pins a chart of a repository');
  } else if (p.version !== undefined) {
    if (check.string('version', p.version, 'an exact chart version, e.g. "1.2.3"') && !PINNED_VERSION.test(p.version)) {
      check.fail('version', p.version, 'an exact chart version, e.g. "1.2.3" (no range or wildcard: the output must not change when the repository publishes a version)');
    }
  } else if (remote) {
    check.fail('version', p.version, 'an exact chart version, e.g. "1.2.3": a chart from a repository must be pinned, so that the output does not change when the repository publishes a version');
  }
  if (!remote && !isLocalChart(chart)) {
    check.fail('chart', chart, `a local chart folder holding Chart.yaml, or a packaged chart (.tgz), relative to the working folder (${process.cwd()}); for a chart of a repository, set repo and version`);
  }
  const flags: string[] = [];
  if (p.repo !== undefined) flags.push('--repo', p.repo);
  if (p.version !== undefined) flags.push('--version', p.version);
  return { chart: remote ? chart : path.resolve(chart), flags };
}

function isLocalChart(chart: string): boolean {
  try {
    const stat = fs.statSync(chart);
    if (stat.isDirectory()) return fs.statSync(path.join(chart, 'Chart.yaml')).isFile();
    return stat.isFile() && /\.tgz$/.test(chart);
  } catch {
    return false;
  }
}

function isJsonRecord(x: unknown): boolean {
  const isJson = (v: unknown): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (Array.isArray(v)) return v.every(isJson);
    return isPlainRecord(v) && Object.values(v).every(isJson);
  };
  return isPlainRecord(x) && isJson(x);
}

/** Runs `helm` with `args` (and `input` on its standard input), returning what it printed. */
function runHelm(scope: Construct, binary: string, args: string[], input: string | undefined, chart: string): string {
  const result = spawnSync(binary, args, { env: process.env, input: input ?? '', maxBuffer: MAX_HELM_OUTPUT, windowsHide: true });
  const where = `HelmChart at "${scope.node.path}" (chart ${JSON.stringify(forTerminal(chart))})`;
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') {
      throw new PlatformError(
        `${where} needs the helm binary to render the chart, and ${JSON.stringify(forTerminal(binary))} ` +
        `${code === 'ENOENT' ? 'was not found' : 'could not be run (permission denied)'}. Install Helm 3 ` +
        '(https://helm.sh/docs/intro/install/, e.g. "brew install helm" or your distribution\'s package), ' +
        `or point at an installed one with the HelmChart prop helmBinary or the ${HELM_BINARY_VARIABLE} environment variable.`,
      );
    }
    throw new PlatformError(`${where}: running ${JSON.stringify(forTerminal(binary))} failed: ${forTerminal(result.error.message)}`);
  }
  if (result.status !== 0) {
    const how = result.signal ? `was stopped by ${result.signal}` : `exited with code ${result.status}`;
    const stderr = result.stderr.toString('utf8').trim().split('\n').map((l) => `  ${forTerminal(l)}`).join('\n');
    throw new PlatformError(`${where}: helm template ${how}:\n${stderr}`);
  }
  return result.stdout.toString('utf8');
}

/** The objects of helm's output, each with a construct id made of its kind and name. */
function objectsOf(scope: Construct, output: string, chart: string): Array<[string, Record<string, unknown>]> {
  const where = `HelmChart at "${scope.node.path}" (chart ${JSON.stringify(forTerminal(chart))})`;
  const objects: Array<[string, Record<string, unknown>]> = [];
  const ids = new Set<string>();
  // `yaml` is loaded only by an app with a chart.
  const { parseAllDocuments } = require('yaml') as typeof YamlModule;
  for (const doc of parseAllDocuments(output)) {
    if (doc.errors.length > 0) throw new PlatformError(`${where}: helm template printed invalid YAML: ${forTerminal(yamlErrorMessage(doc.errors[0].message))}`);
    const manifest: unknown = doc.toJS();
    if (manifest === null || manifest === undefined) continue;
    const metadata = isPlainRecord(manifest) ? manifest.metadata : undefined;
    if (!isPlainRecord(manifest) || typeof manifest.apiVersion !== 'string' || typeof manifest.kind !== 'string' || !isPlainRecord(metadata) || typeof metadata.name !== 'string') {
      throw new PlatformError(`${where}: the chart rendered a document that is not a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : '';
    const base = `${manifest.kind}-${metadata.name}`;
    const objectId = [base, `${base}-${group}`, `${base}-${group}-${String(metadata.namespace ?? '')}`].find((c) => !ids.has(c));
    if (objectId === undefined) {
      throw new PlatformError(`${where}: the chart rendered ${forTerminal(manifest.kind)} ${JSON.stringify(forTerminal(metadata.name))} twice`);
    }
    ids.add(objectId);
    objects.push([objectId, manifest]);
  }
  return objects;
}
