import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { replaceSubfoldersAtomically, writeFolderAtomically } from '../output/atomic-write';
import { checkOutputFolder } from '../output/output-folder';
import { applyOrderIndexes } from '../output/apply-order';
import { environmentReadme, README_FILE } from '../output/environment-readme';
import { GitOps, GITOPS_FOLDER } from '../output/gitops';
import { objectFile, PlacedObject, planEntries, planLayout } from '../output/layout';
import { toYaml } from '../output/yaml';
import { fileSource } from '../input/manifest-files';
import { readObjects } from '../input/manifest-objects';
import { ObjectRef, registerPreviousOutput } from '../core/_previous-output';
import { asDuplicateIdError } from '../core/_construct-id';
import { PropChecker } from '../core/_props';
import { forTerminal } from '../core/_terminal';
import { synthesizeCharts } from './_synth-walk';
import { SynthError } from './synth-error';
import { Environment } from './environment';
import { ENVIRONMENT_SELECTION_VARIABLE, STDOUT_VARIABLE } from '../core/synth-variables';
import { kubernetesVersionOf, setKubernetesVersion } from '../core/kubernetes-version';
import { formatValue, PlatformError } from '../core/errors';
import { ManifestObject } from '../core/manifest-object';
import { formatFinding } from '../validation/report';
import { readValidationCrds, setValidationOptions, takeValidationWarnings, validationStep } from './_validate';
import { GitOpsChart } from './_gitops-chart';
import { checkValidationOptions, ValidationOptions } from '../validation/validator';
import { applyInheritedProps, checkInheritedProps } from './_inherited-props';
import { capacitySummary } from './_capacity-summary';
import { counted, recordSynthCounts, synthSummaryLine, takeSynthCounts } from './_synth-summary';
import type { Provider } from '../providers/provider';
import type { WorkloadDefaults } from '../workloads/workload-defaults';


/** The rendered objects of one output folder. @internal */
interface OutputFolder {
  /** The environment's name; "" for an app without environments (written to the top of the output folder). */
  readonly name: string;
  readonly objects: PlacedObject[];
  /** The Kubernetes version the environment (or the app) targets, for its README. */
  readonly kubernetesVersion: string;
}

/** Props of a `PlatformApp`. */
export interface PlatformAppProps {
  /**
   * The folder the YAML is written to.
   *
   * @default the `CDK8S_OUTDIR` environment variable (set by `cdk8s synth`), else "dist"
   */
  readonly outdir?: string;

  /**
   * The environments to synthesize, by name; the output folders of the others are left as they are.
   *
   * @default the comma-separated names in the `CDK8S_PLATFORM_ENV` environment variable (set by
   * `cdk8s-platform synth --env`), else every environment
   */
  readonly environments?: string[];

  /**
   * The managed Kubernetes offering the app deploys to: LoadBalancer annotations, default storage and ingress
   * classes. Inherited by everything below.
   *
   * @default the provider set above, else Provider.generic()
   */
  readonly provider?: Provider;

  /**
   * Settings every workload of the app inherits unless it sets its own (resources, security, scheduling,
   * spread, disruption budgets). Merged field by field with the defaults set above.
   *
   * @default none
   */
  readonly workloadDefaults?: WorkloadDefaults;

  /**
   * The GitOps controllers to generate objects for (`GitOps.argoCd()`, `GitOps.flux()`): they are written to
   * `<outdir>/_gitops/`, pointing at each environment's folder.
   *
   * @default none
   */
  readonly gitOps?: GitOps[];

  /**
   * How the synthesized objects are validated before anything is written: the preset (which rules run, how severe
   * their findings are; `ValidationPreset.custom()` for a team's own), the team's own `rules`, app-wide suppressions
   * (each with a justification), objects declared to exist outside the output, and the `crds` (files or folders of
   * CustomResourceDefinitions, read when the app is created) custom resources are checked against.
   *
   * @default `ValidationPreset.RECOMMENDED`, the built-in rules only, no suppressions, as externals only the imported
   * constructs (`fromXxxName()`), and as CRDs only those in the output
   */
  readonly validation?: ValidationOptions;

  /**
   * The Kubernetes minor version the app deploys to (`"1.27"` to `"1.36"`): what the constructs render (features of
   * later versions are refused, with the version they need) and what the output is validated against (schema, API
   * server rules, served API versions). An `Environment` may set its own.
   *
   * @default "1.33" (`DEFAULT_KUBERNETES_VERSION`)
   */
  readonly kubernetesVersion?: string;

  /**
   * Whether `synth()` prints, on standard error, the CPU and memory the workloads of each namespace request at
   * their lowest and highest scale (standard output stays clean).
   *
   * @default true
   */
  readonly capacitySummary?: boolean;
}

const PLATFORM_APP = Symbol.for('cdk8s-platform.PlatformApp');

/**
 * The largest file of the previous output read back for an object (a SealedSecret's, to keep its unchanged
 * ciphertexts): the API server stores objects of at most about 1.5 MiB, so a larger file is not one synth wrote.
 */
const PREVIOUS_OBJECT_MAX_SIZE = 4 * 1024 * 1024;

export { STDOUT_VARIABLE } from '../core/synth-variables';

/**
 * The root of a cdk8s-platform app: holds `Environment`s (or directly `AppStack`s) and writes their YAML.
 *
 * `synth()` validates the whole construct tree first and writes nothing if anything is wrong. It then writes each
 * environment to `<outdir>/<env>/` (an app without environments: to `<outdir>/`), one folder per namespace and one
 * file per object (`<namespace>/<kind>-<name>.yaml`, cluster-scoped objects in `_cluster/`) with a
 * `kustomization.yaml` listing them in apply order. Files are written to a staging folder first and swapped in
 * only when complete, so a failed synth never changes the previous output. The same input gives the same bytes.
 *
 * @example
 * // apps/main.ts, run by `cdk8s-platform synth` (or `cdk8s synth`)
 * PlatformApp.run((app) => {
 *   new ShopStack(new Environment(app, 'dev'), 'shop', { replicas: 1 });
 *   new ShopStack(new Environment(app, 'prod'), 'shop', { replicas: 3 });
 * });
 */
export class PlatformApp extends App {
  /** Whether `x` is a `PlatformApp`, also across copies of this package. */
  public static isPlatformApp(x: unknown): x is PlatformApp {
    return x !== null && typeof x === 'object' && PLATFORM_APP in x;
  }

  /**
   * Creates an app, lets `build` define its stacks, and synthesizes it. Invalid input (a `PlatformError`, and two
   * constructs given one id under the same scope) is printed as a plain message and sets the exit code to 1, with
   * nothing written; any other error is printed with its stack trace. After a synth that wrote the output, its last
   * line on standard error counts what was written and the time since the app's process started, measured:
   * `Synthesized 3 environments, 156 objects in 162 files into dist/ in 1.2 s`.
   */
  public static run(build: (app: PlatformApp) => void, props: PlatformAppProps = {}): void {
    let app: PlatformApp | undefined;
    try {
      app = new PlatformApp(props);
      build(app);
      app.synth();
      const counts = takeSynthCounts(app);
      if (counts) process.stderr.write(`${forTerminal(synthSummaryLine(counts, process.uptime()))}\n`);
    } catch (caught) {
      const e = asDuplicateIdError(caught, app) ?? caught;
      if (PlatformError.isPlatformError(e)) {
        console.error(forTerminal(`cdk8s-platform: ${e.message}`, true));
      } else {
        console.error(e instanceof Error && e.stack ? e.stack : e);
      }
      process.exitCode = 1;
    }
  }

  /**
   * The names of the environments selected for synthesis, or undefined for all of them (and for an app without
   * environments).
   */
  public readonly selectedEnvironments?: readonly string[];

  /** The GitOps controllers objects are generated for. */
  public readonly gitOps: readonly GitOps[];

  /** Whether `synth()` prints the capacity summary. */
  public readonly capacitySummary: boolean;

  constructor(props: PlatformAppProps = {}) {
    super({ outdir: props.outdir });
    Object.defineProperty(this, PLATFORM_APP, { value: true });
    setValidationOptions(this, props.validation ?? {});
    const fromVariable = process.env[ENVIRONMENT_SELECTION_VARIABLE]?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const selection = props.environments ?? (fromVariable && fromVariable.length > 0 ? fromVariable : undefined);
    if (selection !== undefined && (!Array.isArray(selection) || selection.some((n) => typeof n !== 'string'))) {
      throw new PlatformError(`Invalid PlatformApp props: environments received ${formatValue(selection)}; allowed: an array of environment names`);
    }
    this.selectedEnvironments = selection ? [...new Set(selection)] : undefined;
    const check = new PropChecker(this, 'PlatformApp');
    checkValidationOptions(check, props.validation);
    check.knownKeys('validation', props.validation, 'ValidationOptions');
    readValidationCrds(this, check, props.validation);
    if (props.validation?.kubernetesVersion !== undefined) {
      check.fail('validation.kubernetesVersion', props.validation.kubernetesVersion, 'nothing: set kubernetesVersion on the PlatformApp or on each Environment (it decides what is rendered too)');
    }
    const gitOps = props.gitOps ?? [];
    if (!Array.isArray(gitOps)) check.fail('gitOps', gitOps, 'an array of GitOps.argoCd(...) or GitOps.flux(...)');
    else gitOps.forEach((g, i) => {
      if (GitOps.isGitOps(g)) g._check(check, `gitOps[${i}]`);
      else check.fail(`gitOps[${i}]`, g, 'GitOps.argoCd(...) or GitOps.flux(...)');
    });
    check.knownKeys('', props, 'PlatformAppProps');
    checkInheritedProps(check, props);
    check.knownKeys('workloadDefaults', props.workloadDefaults, 'WorkloadDefaults');
    check.throwIfInvalid();
    this.gitOps = [...gitOps];
    registerPreviousOutput(this, (scope, ref) => this.readPrevious(scope, ref));
    applyInheritedProps(this, props);
    setKubernetesVersion(this, props.kubernetesVersion, 'Invalid PlatformApp props: kubernetesVersion');
    this.capacitySummary = props.capacitySummary ?? true;
  }

  /** The environments defined in the app, in the order they were defined. */
  public get environments(): Environment[] {
    return this.node.children.filter(Environment.isEnvironment);
  }

  /**
   * Validates the app and renders every object, without writing anything.
   *
   * @returns the objects of each selected environment, in apply order, by environment name; for an app without
   * environments, one entry named ""
   * @throws SynthError if validation fails
   */
  public synthManifests(): Map<string, ManifestObject[]> {
    return new Map(this.render().map((f) => [f.name, f.objects.map((p) => p.object)]));
  }

  /**
   * Validates the app and writes each selected environment to its folder, `<outdir>/<env>/` (an app without
   * environments: to `<outdir>/`): one folder per namespace, one file per object, and a `kustomization.yaml`.
   *
   * With `gitOps`, the controllers' objects for every environment go to `<outdir>/_gitops/`, with their own
   * `kustomization.yaml`.
   *
   * Nothing is written unless everything is valid. When every environment is synthesized, the output folder is
   * replaced as a whole (the folders of environments that no longer exist go away); when some are selected, only
   * their folders are new and everything else in it is kept. Either way the new output is written in full next to the
   * output folder and swapped in at once (see `writeFolderAtomically()`). Validation warnings are printed to stderr.
   *
   * @throws PlatformError before anything is rendered when the output folder is refused (see `checkOutputFolder()`:
   * the project, a folder above it, a file, or a folder synth did not write)
   */
  public synth(): void {
    if (process.env[STDOUT_VARIABLE] !== undefined && /^[1-9][0-9]*$/.test(process.env[STDOUT_VARIABLE]!)) {
      this.printOutput();
      return;
    }
    // Before anything is rendered: synth replaces only a folder it wrote, never the project.
    checkOutputFolder(this.outdir);
    const leftovers = this.writeOutput();
    for (const warning of leftovers) process.stderr.write(`cdk8s-platform: warning: ${forTerminal(warning)}\n`);
    for (const finding of takeValidationWarnings(this)) process.stderr.write(`cdk8s-platform: ${formatFinding(finding)}\n`);
    if (this.capacitySummary) process.stderr.write(capacitySummary(this, this.selectedEnvironments));
  }

  /**
   * `synth --stdout`: validates the app and prints the selected environment (the only one, or the app without
   * environments) on standard output as one YAML stream, in the order its `kustomization.yaml` lists the objects.
   * No file is written and no lock taken; warnings and the capacity summary go to standard error.
   */
  private printOutput(): void {
    const names = this.environments.map((e) => e.environmentName);
    const selected = this.selectedEnvironments ?? (names.length > 1 ? names : undefined);
    if (selected !== undefined && selected.length > 1) {
      const how = this.selectedEnvironments ? `${selected.length} are selected (${selected.join(', ')})` : `the app defines ${names.length} (${names.join(', ')})`;
      throw new PlatformError(`synth --stdout prints one environment, and ${how}: choose one with --env, e.g. --env ${forTerminal(selected[0])}.`);
    }
    takeValidationWarnings(this);
    const [folder] = this.render();
    const yaml = toYaml(planLayout(folder.objects).files.map(([, object]) => object));
    for (const finding of takeValidationWarnings(this)) process.stderr.write(`cdk8s-platform: ${formatFinding(finding)}\n`);
    if (this.capacitySummary) process.stderr.write(capacitySummary(this, this.selectedEnvironments));
    const fd = Number(process.env[STDOUT_VARIABLE]);
    if (fd === 1) {
      process.stdout.write(yaml);
      return;
    }
    const bytes = Buffer.from(yaml, 'utf8');
    for (let written = 0; written < bytes.length;) written += fs.writeSync(fd, bytes, written);
  }

  /** Renders and writes the output. @returns the writer's warnings */
  private writeOutput(): string[] {
    takeValidationWarnings(this);
    const folders = this.render();
    // Each file is serialized as it is written: the YAML of every object is never held at once. File names are
    // checked (planLayout()) before anything is written.
    const plans = folders.map((f) => ({ name: f.name, plan: planLayout(f.objects), readme: true, objects: f.objects, kubernetesVersion: f.kubernetesVersion as string | undefined }));
    if (this.gitOps.length > 0) {
      const placedObjects = this.renderGitOps();
      plans.push({ name: GITOPS_FOLDER, plan: planLayout(placedObjects), readme: false, objects: placedObjects, kubernetesVersion: undefined });
    }
    /** The files of each folder: the kustomization, each object, and (but in `_gitops/`) the README. */
    const filesOf = function* files(p: (typeof plans)[number], prefix: string): Generator<readonly [string, string]> {
      yield* planEntries(p.plan, prefix);
      if (p.readme) yield [`${prefix}${README_FILE}`, environmentReadme(p.name, p.objects.map((o) => o.object), { kubernetesVersion: p.kubernetesVersion })];
    };
    const counter = { files: 0 };
    const warnings = this.selectedEnvironments === undefined
      ? writeFolderAtomically(this.outdir, (function* all(): Generator<readonly [string, string]> {
        for (const p of plans) yield* counted(filesOf(p, p.name ? `${p.name}/` : ''), counter);
      })())
      : replaceSubfoldersAtomically(this.outdir, new Map(plans.map((p) => [p.name, counted(filesOf(p, ''), counter)])));
    recordSynthCounts(this, {
      environments: folders.map((f) => f.name).filter((n) => n !== ''),
      selected: this.selectedEnvironments !== undefined,
      objects: plans.reduce((n, p) => n + p.objects.length, 0),
      files: counter.files,
      outdir: this.outdir,
    });
    return warnings;
  }

  /**
   * The objects of the GitOps controllers (`gitOps` prop) for every environment of the app, selected or not.
   *
   * @throws SynthError when they refer to environments the app does not define
   * @throws ValidationError when the rendered objects fail validation
   */
  public synthGitOps(): ManifestObject[] {
    return this.renderGitOps().map((p) => p.object);
  }

  /**
   * Builds the GitOps objects as API objects of the app's `_gitops` chart (`GitOpsChart`), and renders and validates
   * them with the same walk as the environments' objects.
   */
  private renderGitOps(): PlacedObject[] {
    const environments = this.environments.length > 0 ? this.environments.map((e) => ({ name: e.environmentName })) : [{ name: '' }];
    const problems = this.gitOps.flatMap((g, i) => g._validate(environments).map((message) => ({ path: `gitOps[${i}]`, message })));
    if (problems.length > 0) throw new SynthError(problems);
    const chart = GitOpsChart.of(this);
    chart.build(this.gitOps, environments);
    return synthesizeCharts(chart, validationStep).flatMap((c) => c.objects.map((object, i) => ({ object, constructPath: c.paths[i] })));
  }

  /** Validates the app and returns all of its objects (of the selected environments) as one YAML stream. */
  public synthYaml(): string {
    return toYaml([...this.synthManifests().values()].flat());
  }

  /**
   * The object `ref` of the environment of `scope` as the previous synth wrote it, if its file holds that object and
   * only it. The file is read as `check` reads files (`input/`): only a regular file (a FIFO put there cannot hang the
   * synth), at most `PREVIOUS_OBJECT_MAX_SIZE` bytes; anything else is no previous object.
   */
  private readPrevious(scope: IConstruct, ref: ObjectRef): ManifestObject | undefined {
    const env = Environment.of(scope)?.environmentName;
    const file = path.join(this.outdir, env ?? '', objectFile({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } }));
    const objects: ManifestObject[] = [];
    for (const item of readObjects(fileSource(file), { maxInputSize: PREVIOUS_OBJECT_MAX_SIZE })) {
      if (item.type === 'problem') return undefined;
      objects.push(item.object);
    }
    const [object] = objects;
    const same = objects.length === 1 && object.apiVersion === ref.apiVersion && object.kind === ref.kind &&
      object.metadata?.name === ref.name && object.metadata?.namespace === ref.namespace;
    return same ? object : undefined;
  }

  private render(): OutputFolder[] {
    const environments = this.environments;
    if (environments.length === 0) {
      if (this.selectedEnvironments !== undefined) {
        throw new PlatformError(`Environment(s) ${this.selectedEnvironments.map((n) => `"${n}"`).join(', ')} selected (by the environments prop or ${ENVIRONMENT_SELECTION_VARIABLE}), but the app defines no Environment.`);
      }
      return [{ name: '', objects: placed(synthesizeCharts(this, validationStep)), kubernetesVersion: kubernetesVersionOf(this) }];
    }
    const names = environments.map((e) => e.environmentName);
    const unknown = (this.selectedEnvironments ?? []).filter((n) => !names.includes(n));
    if (unknown.length > 0) {
      throw new PlatformError(`Unknown environment(s) ${unknown.map((n) => `"${n}"`).join(', ')} selected (by the environments prop or ${ENVIRONMENT_SELECTION_VARIABLE}); the app defines: ${names.join(', ')}.`);
    }
    const outside = this.node.children.filter((c) => !Environment.isEnvironment(c) && !GitOpsChart.isGitOpsChart(c))
      .flatMap((c) => c.node.findAll().filter((x: IConstruct) => Chart.isChart(x)));
    if (outside.length > 0) {
      throw new SynthError(outside.map((c) => ({
        path: c.node.path,
        message: `this stack is outside every Environment, but the app defines environments (${names.join(', ')}): define every stack inside an Environment, or none`,
      })));
    }
    const selected = environments.filter((e) => this.selectedEnvironments?.includes(e.environmentName) ?? true);
    return selected.map((e) => ({ name: e.environmentName, objects: placed(synthesizeCharts(e, validationStep)), kubernetesVersion: kubernetesVersionOf(e) }));
  }
}

/** The objects of `charts`, with their construct paths, in apply order. */
function placed(charts: ReturnType<typeof synthesizeCharts>): PlacedObject[] {
  const all = charts.flatMap((c) => c.objects.map((object, i) => ({ object, constructPath: c.paths[i] })));
  return applyOrderIndexes(all.map((p) => p.object)).map((i) => all[i]);
}
