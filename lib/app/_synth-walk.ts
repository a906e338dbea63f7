import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { withCapacityCache } from '../core/_capacity';
import { renderApiObject, RenderError, withRenderCache } from '../core/_render';
import { enclosingEnvironment, MANAGED_BY, PlatformAnnotations, RecommendedLabels } from '../core/labels';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { ManifestObject } from '../core/manifest-object';
import { isValidLabelValue } from '../core/names';
import { CustomResourceScopes, isCrd, scopeOfObject } from '../core/resource-scope';
import { AppStack } from './app-stack';
import { SynthError, SynthProblem } from './synth-error';

/** The objects of one chart (stack), in construct-tree order. @internal */
export interface SynthesizedChart {
  readonly chart: Chart;
  readonly objects: ManifestObject[];
  /** The construct path of each object, index for index. */
  readonly paths: string[];
}

const SEPARATE_OUTPUT = Symbol.for('cdk8s-platform.SeparateOutput');

/**
 * Marks `construct` as holding objects written apart (the GitOps chart): a walk of the tree above it does not enter
 * it; a walk from it does.
 */
export function markSeparateOutput(construct: IConstruct): void {
  Object.defineProperty(construct, SEPARATE_OUTPUT, { value: true });
}

/** Whether `c` holds objects written apart (`markSeparateOutput()`). */
export function isSeparateOutput(c: IConstruct): boolean {
  return SEPARATE_OUTPUT in c;
}

/**
 * A step of the synth walk that the caller injects (`PlatformApp` injects validation, `app/_validate.ts`): made once
 * the tree below the root is walked and valid, from the root and every construct below it.
 *
 * @internal
 */
export interface SynthStep {
  /** Annotations the walk adds to the object it renders for the construct at `path`, if any. */
  annotationsOf(path: string): Readonly<Record<string, string>> | undefined;
  /** Checks the rendered objects; throws to stop the synth. */
  check(charts: readonly SynthesizedChart[]): void;
  /**
   * CustomResourceDefinitions known besides those in the output (the app's `validation.crds` files): their
   * `spec.scope` says which custom kinds are cluster-scoped.
   */
  readonly customResourceDefinitions?: readonly ManifestObject[];
}

/**
 * Validates every construct below `root` and renders every API object, grouped by its nearest chart, in one walk
 * of the tree (cdk8s's own `App.synth()` walks the whole tree once per chart); then runs the step the caller gives
 * (validation of the rendered objects), which also says what annotations each object gets as it is rendered.
 *
 * @throws SynthError if any construct's validation fails, or an object would lose a field it was given
 * @throws whatever the step throws (`ValidationError` when a rendered object has an error)
 * @internal
 */
export function synthesizeCharts(root: IConstruct, makeStep?: (root: IConstruct, below: readonly IConstruct[]) => SynthStep): SynthesizedChart[] {
  const problems: SynthProblem[] = [];
  const charts: SynthesizedChart[] = [];
  const byChart = new Map<Chart, SynthesizedChart>();
  /** The annotations of the nearest AppStack of each chart (its `metadata.annotations`), for the chart's objects. */
  const stackAnnotations = new Map<SynthesizedChart, Readonly<Record<string, string>>>();
  /** The labels every object of each chart carries (see `chartLabels()`). */
  const stackLabels = new Map<SynthesizedChart, Readonly<Record<string, string>>>();
  const apiObjects: Array<[ApiObject, SynthesizedChart]> = [];
  const constructs: IConstruct[] = [];

  const visit = (c: IConstruct, current: SynthesizedChart | undefined): void => {
    let chart = current;
    if (Chart.isChart(c)) {
      const outer = current && stackAnnotations.get(current);
      chart = { chart: c, objects: [], paths: [] };
      const own = AppStack.isAppStack(c) ? c._objectAnnotations : undefined;
      if (own ?? outer) stackAnnotations.set(chart, (own ?? outer)!);
      stackLabels.set(chart, chartLabels(c));
      byChart.set(c, chart);
      charts.push(chart);
    }
    constructs.push(c);
    for (const message of c.node.validate()) problems.push({ path: c.node.path, message });
    if (ApiObject.isApiObject(c)) {
      if (!chart) {
        problems.push({ path: c.node.path, message: 'an API object must be defined inside a Chart (an AppStack)' });
      } else {
        apiObjects.push([c, chart]);
      }
    }
    for (const child of c.node.children) if (!isSeparateOutput(child)) visit(child, chart);
  };
  // Validations that look at the whole tree (a namespace's quota fit) share what they compute in this pass.
  withCapacityCache(() => visit(root, undefined));

  if (problems.length > 0) throw new SynthError(problems);
  const step = makeStep?.(root, constructs);
  withRenderCache(() => {
    for (const [obj, chart] of apiObjects) {
      let json: ManifestObject;
      try {
        json = renderApiObject(obj) as ManifestObject;
      } catch (e) {
        // A field that would be lost: reported with the others, as the construct tree's problems are (once: an object
        // another one reads when it is rendered, a ConfigMap for a config hash, fails for both).
        if (!RenderError.isRenderError(e)) throw e;
        if (!problems.some((p) => p.path === e.constructPath && p.message === e.problem)) problems.push({ path: e.constructPath, message: e.problem });
        continue;
      }
      const plaintext = plaintextSecretProblem(json);
      if (plaintext) problems.push({ path: obj.node.path, message: plaintext });
      const underOwn = stackAnnotations.get(chart);
      if (underOwn) addAnnotations(json, underOwn, 'under');
      const annotations = step?.annotationsOf(obj.node.path);
      if (annotations) addAnnotations(json, annotations, 'over');
      addMissingLabels(json, stackLabels.get(chart)!);
      chart.objects.push(json);
      chart.paths.push(obj.node.path);
    }
  });
  for (const p of applyScopes(charts, step?.customResourceDefinitions ?? [])) problems.push(p);
  if (problems.length > 0) throw new SynthError(problems);
  step?.check(charts);
  return charts;
}

/**
 * The labels every object of `chart` carries, under its own: its nearest AppStack's (the recommended labels of the
 * stack, its `metadata.labels`, the environment's), so that objects of a plain Chart inside a stack get them too;
 * outside any AppStack, `app.kubernetes.io/managed-by` and the environment's label.
 */
function chartLabels(chart: Chart): Readonly<Record<string, string>> {
  const scopes = chart.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const c = scopes[i];
    if (AppStack.isAppStack(c)) return c.labels;
  }
  const environment = enclosingEnvironment(chart) as { labels?: Record<string, string> } | undefined;
  return { [RecommendedLabels.MANAGED_BY]: MANAGED_BY, ...(environment?.labels ?? {}) };
}

/**
 * Adds to the rendered object `o` the labels of `stack` it lacks, and `app.kubernetes.io/name` from its own name
 * when it has none (objects our constructs did not build: raw `ApiObject`s, `Include`, cdk8s-plus-27, `cdk8s import`
 * classes, Helm output) and the name is a label value. Its labels stay sorted by key; an object that has them all is
 * left as it is.
 */
function addMissingLabels(o: ManifestObject, stack: Readonly<Record<string, string>>): void {
  const metadata = o.metadata as { name?: unknown; labels?: Record<string, string> };
  const own = metadata.labels ?? {};
  const missing: Record<string, string> = {};
  let count = 0;
  for (const key of Object.keys(stack)) {
    if (!(key in own)) {
      missing[key] = stack[key];
      count++;
    }
  }
  const name = metadata.name;
  if (!(RecommendedLabels.NAME in own) && typeof name === 'string' && isValidLabelValue(name).length === 0) {
    missing[RecommendedLabels.NAME] = name;
    count++;
  }
  if (count === 0) return;
  const merged = { ...missing, ...own };
  metadata.labels = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
}

/**
 * Makes every object of `charts` follow its kind's scope at its Kubernetes version: a cluster-scoped object (a
 * built-in kind, or a custom kind whose CRD, in the output of the same Environment or among `crds`, says `Cluster`)
 * loses its `metadata.namespace` (cdk8s gives every object of a chart the chart's namespace); a namespaced one
 * without a namespace is a problem. A custom kind with no CRD known is left as it is.
 *
 * @returns the problems, with the construct path of each object
 */
function applyScopes(charts: readonly SynthesizedChart[], crds: readonly ManifestObject[]): SynthProblem[] {
  const problems: SynthProblem[] = [];
  // Each Environment is its own cluster: CRDs in one's output say nothing about another's.
  const scopesByEnvironment = new Map<IConstruct | undefined, CustomResourceScopes>();
  for (const chart of charts) {
    const environment = enclosingEnvironment(chart.chart);
    let custom = scopesByEnvironment.get(environment);
    if (!custom) scopesByEnvironment.set(environment, custom = new CustomResourceScopes(crds));
    for (const o of chart.objects) if (isCrd(o)) custom.add(o);
  }
  for (const chart of charts) {
    const custom = scopesByEnvironment.get(enclosingEnvironment(chart.chart))!;
    const version = kubernetesVersionOf(chart.chart);
    chart.objects.forEach((o, i) => {
      const scope = scopeOfObject(o, version, custom);
      if (scope === undefined || o.metadata === null || typeof o.metadata !== 'object') return;
      const namespace: unknown = o.metadata.namespace;
      if (scope === 'Cluster' && namespace !== undefined) {
        const { namespace: _dropped, ...rest } = o.metadata;
        (o as { metadata: ManifestObject['metadata'] }).metadata = rest;
      } else if (scope === 'Namespaced' && (namespace === undefined || namespace === '')) {
        problems.push({
          path: chart.paths[i],
          message: `${o.kind} ${JSON.stringify(o.metadata.name)} (${o.apiVersion}) is namespaced, but has no namespace: define it in an AppStack ` +
            '(its objects live in the stack\'s namespace), give its Chart a namespace, or set its metadata.namespace',
        });
      }
    });
  }
  return problems;
}

/**
 * Adds `annotations` to the rendered object `o`, `under` its own (a key it sets keeps its value) or `over` them (its
 * annotations stay sorted by key, as rendering leaves them).
 */
function addAnnotations(o: ManifestObject, annotations: Readonly<Record<string, string>>, where: 'under' | 'over'): void {
  const metadata = o.metadata as { annotations?: Record<string, string> };
  const own = metadata.annotations ?? {};
  const merged = where === 'under' ? { ...annotations, ...own } : { ...own, ...annotations };
  metadata.annotations = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Why `o` must not be written: a Secret with data (or stringData) that does not allow plaintext. Every rendered
 * object is checked, escape-hatch `ApiObject`s included.
 */
function plaintextSecretProblem(o: ManifestObject): string | undefined {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1') return undefined;
  const keys = [...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})];
  if (keys.length === 0 || o.metadata.annotations?.[PlatformAnnotations.ALLOW_PLAINTEXT] === 'true') return undefined;
  return `Secret ${JSON.stringify(o.metadata.name)} would write plaintext values (keys ${keys.map((k) => JSON.stringify(k)).join(', ')}) to the output, ` +
    'where anyone who can read it (and Git) can read them. Keep them out of the output: reference an existing Secret ' +
    '(Secret.fromSecretName()), an ExternalSecret or a SealedSecret; or, for a local cluster only, allow it with ' +
    `Secret's allowPlaintext: true (on a raw ApiObject: the annotation ${PlatformAnnotations.ALLOW_PLAINTEXT}: "true").`;
}
