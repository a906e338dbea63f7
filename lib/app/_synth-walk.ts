import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { withCapacityCache } from '../core/_capacity';
import { renderApiObject, RenderError, withRenderCache } from '../core/_render';
import { PlatformAnnotations } from '../core/labels';
import { ManifestObject } from '../core/manifest-object';
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
  const apiObjects: Array<[ApiObject, SynthesizedChart]> = [];
  const constructs: IConstruct[] = [];

  const visit = (c: IConstruct, current: SynthesizedChart | undefined): void => {
    let chart = current;
    if (Chart.isChart(c)) {
      const outer = current && stackAnnotations.get(current);
      chart = { chart: c, objects: [], paths: [] };
      const own = AppStack.isAppStack(c) ? c._objectAnnotations : undefined;
      if (own ?? outer) stackAnnotations.set(chart, (own ?? outer)!);
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
      chart.objects.push(json);
      chart.paths.push(obj.node.path);
    }
  });
  if (problems.length > 0) throw new SynthError(problems);
  step?.check(charts);
  return charts;
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
