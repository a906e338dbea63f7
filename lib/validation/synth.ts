import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { externalReferenceOf } from '../core/_external';
import { PlatformError } from '../core/errors';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { ManifestObject } from '../core/manifest-object';
import { Finding } from './finding';
import { DeclaredExternal } from './_index';
import { formatFinding } from './report';
import { DOWNGRADED_ANNOTATION, SUPPRESSED_ANNOTATION, Suppression, suppressionAnnotation, suppressionsOf } from './suppression';
import { ObjectSource, validateObjects, ValidationOptions } from './validator';

const OPTIONS = Symbol.for('cdk8s-platform.ValidationOptions');
const ENVIRONMENT = Symbol.for('cdk8s-platform.Environment');
const VALIDATION_ERROR = Symbol.for('cdk8s-platform.ValidationError');
const lastFindings = new WeakMap<IConstruct, Finding[]>();
const pendingWarnings = new WeakMap<IConstruct, Finding[]>();

/** The synthesized objects of one chart, with the construct path of each (as `_synth.ts` renders them). */
interface RenderedChart {
  readonly chart: IConstruct;
  readonly objects: ManifestObject[];
  readonly paths: string[];
}

/** Validation problems in a synthesized app: nothing was written. */
export class ValidationError extends PlatformError {
  /** Whether `x` is a `ValidationError`, also across copies of this package. */
  public static isValidationError(x: unknown): x is ValidationError {
    return x !== null && typeof x === 'object' && VALIDATION_ERROR in x;
  }

  /** Every finding (errors and warnings), errors first. */
  public readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(`Validation failed; nothing was written. ${errors.length} error(s):\n${errors.map((f) => `  - ${formatFinding(f)}`).join('\n')}`);
    this.name = 'ValidationError';
    this.findings = findings;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/** Records the validation options of an app (its `validation` prop). @internal */
export function setValidationOptions(app: IConstruct, options: ValidationOptions): void {
  Object.defineProperty(app, OPTIONS, { value: options });
}

/** The validation options recorded for `app` (none: the defaults). */
function validationOptionsOf(app: IConstruct): ValidationOptions {
  return (app as unknown as Record<symbol, ValidationOptions | undefined>)[OPTIONS] ?? {};
}

/**
 * Fails on the errors among `findings`; otherwise keeps them (warnings) for `takeValidationWarnings()`.
 *
 * @throws ValidationError when any finding is an error
 */
function acceptFindings(app: IConstruct, findings: readonly Finding[]): void {
  if (findings.some((f) => f.severity === 'error')) throw new ValidationError(findings);
  const pending = pendingWarnings.get(app);
  if (pending) for (const f of findings) pending.push(f); // not push(...): it overflows the stack for long lists
  else pendingWarnings.set(app, [...findings]);
}

/** The findings of the last validation of the objects below `root` (its warnings, when it passed). @internal */
export function lastValidationFindings(root: IConstruct): readonly Finding[] {
  return lastFindings.get(root) ?? [];
}

/** The warnings of every validation in the app of `scope` since the last call, to print them once. @internal */
export function takeValidationWarnings(scope: IConstruct): Finding[] {
  const app = scope.node.root;
  const warnings = pendingWarnings.get(app) ?? [];
  pendingWarnings.delete(app);
  return warnings;
}

/**
 * Validates every object the synth rendered, with the app's options, the suppressions of the constructs that define
 * them and the externals they import; records each construct suppression in its objects' annotations.
 *
 * @param below `root` and every construct below it (as `root.node.findAll()` lists them), if the caller has them
 * @throws ValidationError when any finding is an error
 * @internal
 */
export function validateSynthesized(root: IConstruct, charts: readonly RenderedChart[], below: readonly IConstruct[] = root.node.findAll()): void {
  const app = root.node.root;
  const options = validationOptionsOf(app);
  const suppressionsAt = new Map<string, Suppression[]>();
  const externals: DeclaredExternal[] = [...(options.externals ?? [])];
  // The constructs above `root` (their suppressions are inherited) and every construct below it.
  for (const c of [...root.node.scopes.slice(0, -1), ...below]) {
    const own = suppressionsOf(c);
    if (own.length > 0) suppressionsAt.set(c.node.path, [...own]);
    const ext = externalReferenceOf(c);
    if (ext && !ApiObject.isApiObject(c)) externals.push({ kind: ext.kind, name: ext.name });
  }
  // Each Environment is its own cluster: its objects are validated together, apart from the other environments'.
  const groups = new Map<IConstruct | undefined, RenderedChart[]>();
  for (const chart of charts) {
    const env = chart.chart.node.scopes.find(isEnvironment);
    const group = groups.get(env);
    if (group) group.push(chart);
    else groups.set(env, [chart]);
  }
  const findings: Finding[] = [];
  for (const [env, group] of groups) {
    const kubernetesVersion = kubernetesVersionOf(env ?? root);
    const objects: ManifestObject[] = [];
    const sources: ObjectSource[] = [];
    for (const chart of group) {
      chart.objects.forEach((o, i) => {
        const path = chart.paths[i];
        const suppressions = inherited(path, suppressionsAt);
        if (suppressions.length > 0) annotate(o, suppressions);
        objects.push(o);
        sources.push({ constructPath: path, suppressions });
      });
    }
    // Not push(...): spread arguments overflow the stack past about 120,000 findings.
    for (const f of validateObjects(objects, { ...options, externals, kubernetesVersion }, sources).findings) findings.push(f);
  }
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  lastFindings.set(root, findings);
  acceptFindings(app, findings);
}

/**
 * Validates objects an app renders outside the construct tree (the GitOps controllers' objects), with the app's
 * options; `what` stands for the construct path in findings.
 *
 * @returns the objects
 * @throws ValidationError when any finding is an error
 * @internal
 */
export function validateRendered(app: IConstruct, objects: ManifestObject[], what: string): ManifestObject[] {
  const options = { ...validationOptionsOf(app), kubernetesVersion: kubernetesVersionOf(app) };
  const { findings } = validateObjects(objects, options, objects.map(() => ({ constructPath: what })));
  acceptFindings(app, findings);
  return objects;
}

/** Whether `c` is an `Environment` (by its brand: this module does not load the environments module). */
function isEnvironment(c: IConstruct): boolean {
  return ENVIRONMENT in c;
}

/** The suppressions of the construct at `path` and of its parents. */
function inherited(path: string, at: Map<string, Suppression[]>): Suppression[] {
  if (at.size === 0) return [];
  const out: Suppression[] = [];
  const parts = path.split('/');
  for (let n = 0; n <= parts.length; n++) out.push(...(at.get(parts.slice(0, n).join('/')) ?? []));
  return out;
}

/** Keeps the justification of each construct suppression in the object's annotations. */
function annotate(o: ManifestObject, suppressions: Suppression[]): void {
  const metadata = o.metadata as { annotations?: Record<string, string> };
  const annotations = { ...(metadata.annotations ?? {}) };
  for (const [key, action] of [[SUPPRESSED_ANNOTATION, 'off'], [DOWNGRADED_ANNOTATION, 'downgrade']] as const) {
    const of = suppressions.filter((s) => s.action === action);
    if (of.length > 0) annotations[key] = suppressionAnnotation(of);
  }
  metadata.annotations = Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => a.localeCompare(b)));
}
