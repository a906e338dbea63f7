import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { externalReferenceOf } from '../core/external-reference';
import { kubernetesVersionOf } from '../core/kubernetes-version';
import { ManifestObject } from '../core/manifest-object';
import type { PropChecker } from '../core/_props';
import { readCrds } from '../input/crd-files';
import { Finding } from '../validation/finding';
import { DeclaredExternal } from '../validation/object-index';
import { Suppression } from '../validation/suppression';
import { suppressionAnnotations } from '../validation/suppression-annotations';
import { ValidationError } from '../validation/validation-error';
import { ObjectSource, validateObjects, ValidationOptions } from '../validation/validator';
import { suppressionsOf } from './construct-suppressions';
import { Environment } from './environment';
import type { SynthesizedChart, SynthStep } from './_synth-walk';

// The glue between the construct tree and validation, which works on plain objects: the app's options, the
// suppressions of constructs, the externals of imported constructs, one validation per Environment.

const OPTIONS = Symbol.for('cdk8s-platform.ValidationOptions');
const CRDS = Symbol.for('cdk8s-platform.ValidationCrds');
const lastFindings = new WeakMap<IConstruct, Finding[]>();
const pendingWarnings = new WeakMap<IConstruct, Finding[]>();

/** Records the validation options of an app (its `validation` prop). */
export function setValidationOptions(app: IConstruct, options: ValidationOptions): void {
  Object.defineProperty(app, OPTIONS, { value: options });
}

/**
 * Reads the CustomResourceDefinitions of `options.crds` (relative to the working folder) once, for every validation
 * of `app`; a path that cannot be read, or holds anything but CRDs, is a problem of `validation.crds[i]` in `check`.
 */
export function readValidationCrds(app: IConstruct, check: PropChecker, options: ValidationOptions | undefined): void {
  const paths: unknown = options?.crds;
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) return; // checkValidationOptions() says why
  const read = readCrds(paths as string[]);
  for (const p of read.problems) {
    check.fail(`validation.crds[${p.index}]`, paths[p.index], `a readable file or folder of CustomResourceDefinition YAML (${p.message})`);
  }
  Object.defineProperty(app, CRDS, { value: read.crds });
}

/** The validation options recorded for `app` (none: the defaults), with the CRDs read from its `crds`. */
function validationOptionsOf(app: IConstruct): ValidationOptions {
  const options = (app as unknown as Record<symbol, ValidationOptions | undefined>)[OPTIONS] ?? {};
  const crds = (app as unknown as Record<symbol, ManifestObject[] | undefined>)[CRDS];
  return crds === undefined || crds.length === 0 ? options : { ...options, customResourceDefinitions: [...(options.customResourceDefinitions ?? []), ...crds] };
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

/** The findings of the last validation of the objects below `root` (its warnings, when it passed). */
export function lastValidationFindings(root: IConstruct): readonly Finding[] {
  return lastFindings.get(root) ?? [];
}

/** The warnings of every validation in the app of `scope` since the last call, to print them once. */
export function takeValidationWarnings(scope: IConstruct): Finding[] {
  const app = scope.node.root;
  const warnings = pendingWarnings.get(app) ?? [];
  pendingWarnings.delete(app);
  return warnings;
}

/**
 * The synth walk's validation step (`synthesizeCharts(root, validationStep)`): the rendered objects are validated
 * with the app's options, the suppressions of the constructs that define them and the externals they import; each
 * object rendered gets the annotations recording its constructs' suppressions.
 *
 * @param below `root` and every construct below it, as the walk lists them
 */
export function validationStep(root: IConstruct, below: readonly IConstruct[]): SynthStep {
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
  return {
    // The CRDs of validation.crds: the synth walk reads the scope of custom kinds from them (and from the output's).
    customResourceDefinitions: options.customResourceDefinitions,
    annotationsOf(path) {
      const suppressions = inherited(path, suppressionsAt);
      return suppressions.length > 0 ? suppressionAnnotations(suppressions) : undefined;
    },
    check(charts) {
      const findings = validateCharts(root, charts, options, externals, suppressionsAt);
      lastFindings.set(root, findings);
      acceptFindings(app, findings);
    },
  };
}

/** The findings of `charts`, each Environment's validated on its own (it is its own cluster), errors first. */
function validateCharts(root: IConstruct, charts: readonly SynthesizedChart[], options: ValidationOptions, externals: readonly DeclaredExternal[],
  suppressionsAt: Map<string, Suppression[]>): Finding[] {
  const groups = new Map<IConstruct | undefined, SynthesizedChart[]>();
  for (const chart of charts) {
    const env = chart.chart.node.scopes.find(Environment.isEnvironment);
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
        objects.push(o);
        sources.push({ constructPath: chart.paths[i], suppressions: inherited(chart.paths[i], suppressionsAt) });
      });
    }
    // Not push(...): spread arguments overflow the stack past about 120,000 findings.
    for (const f of validateObjects(objects, { ...options, externals, kubernetesVersion }, sources).findings) findings.push(f);
  }
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return findings;
}

/** The suppressions of the construct at `path` and of its parents. */
function inherited(path: string, at: Map<string, Suppression[]>): Suppression[] {
  if (at.size === 0) return [];
  const out: Suppression[] = [];
  const parts = path.split('/');
  for (let n = 0; n <= parts.length; n++) out.push(...(at.get(parts.slice(0, n).join('/')) ?? []));
  return out;
}
