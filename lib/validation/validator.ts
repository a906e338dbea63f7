import { formatValue } from '../core/errors';
import { checkKubernetesVersion, DEFAULT_KUBERNETES_VERSION } from '../core/kubernetes-version';
import { ManifestObject } from '../core/manifest-object';
import { fieldPathSegments } from '../core/_field-path';
import { hasSecretFields, HIDDEN, hideSecretValues, holdsSecret, secretValuesOf, valueAt } from '../core/_secret-fields';
import { Finding, Severity, SuppressedFinding, UncheckedObject, ValidationResult } from './finding';
import { DeclaredExternal, ObjectIndex } from './_index';
import { ValidationPreset } from './presets';
import { Rule, RuleContext } from './rule';
import { ALL_RULES } from './rules';
import { isKnownKind } from './schema/_schema';
import { parseSuppressionAnnotations, Suppression } from './suppression';
import { isObject, nameOf, namespaceOf } from './_util';
import { externalsDeclaredBy } from './_externals';

/** How to validate a set of objects. */
export interface ValidationOptions {
  /**
   * Which rules run, and how severe their findings are.
   *
   * @default ValidationPreset.RECOMMENDED
   */
  readonly preset?: ValidationPreset;

  /**
   * Rules turned off or downgraded for every object, each with its justification.
   *
   * @default none
   */
  readonly suppressions?: readonly Suppression[];

  /**
   * Objects that exist outside the validated output (created by hand, by another tool, or in another repository),
   * so that references to them are not reported as missing.
   *
   * @default none (besides imported constructs, `fromXxxName()`, in a synth, and each object's
   * `cdk8s-platform.io/external-references` annotation)
   */
  readonly externals?: readonly DeclaredExternal[];

  /**
   * The Kubernetes minor version the objects are validated for: its schema, API server rules and served API
   * versions (`"1.27"` to `"1.36"`).
   *
   * @default "1.33" (`DEFAULT_KUBERNETES_VERSION`)
   */
  readonly kubernetesVersion?: string;
}

/**
 * Where one object given to `validateObjects()` came from, and the suppressions that apply to it alone.
 *
 * Findings on the object name its construct path and location from here.
 */
export interface ObjectSource {
  /**
   * The construct path, for synthesized objects.
   *
   * @default none: the object's findings name no construct
   */
  readonly constructPath?: string;
  /**
   * `file:line`, for objects read from YAML.
   *
   * @default none: the object's findings name no file
   */
  readonly location?: string;
  /**
   * The `file:line` of one field of the object (a finding's field path), for objects read from YAML.
   *
   * @default `location` for every field
   */
  readonly locate?: (field: string) => string;
  /**
   * Suppressions of the construct (or its parents) that defined the object.
   *
   * @default none: only app-wide suppressions and the object's suppression annotations apply
   */
  readonly suppressions?: readonly Suppression[];
}

/**
 * Runs every validation rule over `objects`, in one pass over them (cross-object rules use an index built once).
 *
 * @param sources where each object came from, index for index
 */
export function validateObjects(objects: readonly ManifestObject[], options: ValidationOptions = {}, sources: ReadonlyArray<ObjectSource | undefined> = []): ValidationResult {
  const preset = options.preset ?? ValidationPreset.RECOMMENDED;
  const kubernetesVersion = options.kubernetesVersion === undefined
    ? DEFAULT_KUBERNETES_VERSION : checkKubernetesVersion(options.kubernetesVersion, 'kubernetesVersion');
  const appWide = new Map<string, Suppression>();
  for (const s of options.suppressions ?? []) appWide.set(s.rule, s);

  const severities = new Map<Rule, Severity>();
  for (const rule of ALL_RULES) {
    const severity = preset.severityOf(rule);
    if (severity) severities.set(rule, severity);
  }
  const rulesByKind = new Map<string, Rule[]>();
  const rulesFor = (kind: string): Rule[] => {
    let list = rulesByKind.get(kind);
    if (!list) {
      list = [...severities.keys()].filter((r) => !r.kinds || r.kinds.includes(kind));
      rulesByKind.set(kind, list);
    }
    return list;
  };

  let index: ObjectIndex | undefined;
  const externals = [...(options.externals ?? [])];
  for (const o of objects) externals.push(...externalsDeclaredBy(o));

  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const unchecked: UncheckedObject[] = [];

  let object: ManifestObject;
  let rule: Rule;
  let source: ObjectSource | undefined;
  let local: Map<string, Suppression> | undefined;
  let secrets: string[] | undefined;
  /** `message` without the secret values of the object (see `withoutSecrets()`). */
  const redact = (field: string, message: string): string => {
    if (!hasSecretFields(object)) return message;
    secrets ??= secretValuesOf(object);
    return withoutSecrets(object, field, message, secrets);
  };
  const ctx: RuleContext = {
    report(field: string, message: string): void {
      message = redact(field, message);
      const base = severities.get(rule)!;
      const finding: Finding = {
        rule: rule.id,
        severity: base,
        apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : '',
        kind: typeof object.kind === 'string' ? object.kind : '',
        namespace: namespaceOf(object) || undefined,
        name: nameOf(object),
        constructPath: source?.constructPath,
        location: source?.locate ? source.locate(field) : source?.location,
        field,
        message,
      };
      const s = local?.get(rule.id) ?? appWide.get(rule.id);
      if (s) {
        suppressed.push({ finding, action: s.action, justification: s.justification });
        if (s.action === 'off') return;
        if (base === 'error') {
          warnings.push({ ...finding, severity: 'warning' });
          return;
        }
      }
      (finding.severity === 'error' ? errors : warnings).push(finding);
    },
    kubernetesVersion,
    get index(): ObjectIndex {
      if (!index) index = new ObjectIndex(objects, externals);
      return index;
    },
  };

  for (let i = 0; i < objects.length; i++) {
    object = objects[i];
    source = sources[i];
    local = undefined;
    secrets = undefined;
    const annotated = isObject(object.metadata) && isObject(object.metadata.annotations)
      ? parseSuppressionAnnotations(object.metadata.annotations).suppressions : [];
    if (annotated.length > 0 || (source?.suppressions?.length ?? 0) > 0) {
      local = new Map([...(source?.suppressions ?? []), ...annotated].map((s) => [s.rule, s]));
    }
    if (typeof object.kind === 'string' && typeof object.apiVersion === 'string' && !isKnownKind(object.apiVersion, object.kind)) {
      unchecked.push({ apiVersion: object.apiVersion, kind: object.kind, namespace: namespaceOf(object) || undefined, name: nameOf(object) });
    }
    for (rule of rulesFor(typeof object.kind === 'string' ? object.kind : '')) {
      try {
        rule.check(object, ctx);
      } catch (e) {
        ctx.report('', `the rule could not check this object (${e instanceof Error ? e.message : String(e)}); allowed: an object of the shape Kubernetes ${kubernetesVersion} defines`);
      }
    }
  }
  return { findings: [...errors, ...warnings], suppressed, unchecked };
}

/**
 * A finding's `message` on `field` of `o` without secret values: when the field is, is inside or contains a
 * secret-bearing field (`core/_secret-fields.ts`), the value the rule quoted (`received` it) is `(hidden)`; and, in
 * case a rule quoted one elsewhere, every one of the object's `secrets` anywhere in the message is `(hidden)` too.
 */
function withoutSecrets(o: ManifestObject, field: string, message: string, secrets: readonly string[]): string {
  const path = fieldPathSegments(field);
  const value = valueAt(o, path);
  let out = message;
  if (value !== undefined && holdsSecret(o, path, value)) {
    const quoted = formatValue(value);
    out = out.includes(`received ${quoted}`) ? out.split(`received ${quoted}`).join(`received ${HIDDEN}`) : out.split(quoted).join(HIDDEN);
  }
  return hideSecretValues(out, secrets);
}
