import { formatValue, PlatformError, PropProblem } from '../core/errors';
import { checkKubernetesVersion, DEFAULT_KUBERNETES_VERSION } from '../core/kubernetes-version';
import { ManifestObject } from '../core/manifest-object';
import { fieldPathSegments } from '../core/_field-path';
import { hasSecretFields, HIDDEN, hideSecretValues, holdsSecret, secretValuesOf, valueAt } from '../core/_secret-fields';
import { Finding, Severity, SuppressedFinding, UncheckedObject, ValidationResult } from './finding';
import { DeclaredExternal, ObjectIndex } from './object-index';
import { ValidationPreset } from './presets';
import { isKebabCase, Rule, RuleLayer } from './rule';
import { ALL_RULES, ruleById } from './rules';
import { isKnownKind } from './schema/_schema';
import { parseSuppressionAnnotations, Suppression } from './suppression';
import type { PropChecker } from '../core/_props';
import { isObject, nameOf, namespaceOf } from './_util';
import { CrdIndex, setCrdIndex } from './_crd-index';
import { isCrd } from '../core/resource-scope';
import { externalsDeclaredBy } from './external-references';
import { enforcedSeverityOf, PssRuleContext } from './_pss';

/** How to validate a set of objects. */
export interface ValidationOptions {
  /**
   * Which rules run, and how severe their findings are.
   *
   * @default ValidationPreset.RECOMMENDED
   */
  readonly preset?: ValidationPreset;

  /**
   * A team's own rules, run after the built-in ones, with the same shape: each has an id of its own (not a built-in
   * rule's, nor another's of this list), and the preset and suppressions apply to it by that id. `podRule()` makes a
   * rule that checks pod templates as the built-in pod rules do.
   *
   * @default none: the built-in rules (`ALL_RULES`) only
   */
  readonly rules?: readonly Rule[];

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

  /**
   * Files or folders of CustomResourceDefinition YAML (`apiextensions.k8s.io/v1`), relative to the working folder,
   * that custom resources are checked against (`crd-schema`, `crd-version-served`, ...). A `PlatformApp` reads them
   * once, when it is constructed, and refuses a path that cannot be read or holds anything but CRDs;
   * `validateObjects()` reads no file: give it the CRD objects as `customResourceDefinitions`.
   *
   * @default none: only the CRDs among the objects validated (and `customResourceDefinitions`)
   */
  readonly crds?: readonly string[];

  /**
   * CustomResourceDefinitions (`apiextensions.k8s.io/v1` objects) that custom resources are checked against, besides
   * those among the objects validated (which take precedence: they are what is applied).
   *
   * @default none
   */
  readonly customResourceDefinitions?: readonly ManifestObject[];
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
  const problems = validationOptionProblems(options);
  if (problems.length > 0) {
    throw new PlatformError(`Invalid validation options:\n${problems.map((p) => `  - ${p.prop}: received ${formatValue(p.value)}; allowed: ${p.allowed}`).join('\n')}`);
  }
  const preset = options.preset ?? ValidationPreset.RECOMMENDED;
  const custom = options.rules ?? [];
  const knownIds = custom.length === 0 ? undefined : new Set(custom.map((r) => r.id));
  const kubernetesVersion = options.kubernetesVersion === undefined
    ? DEFAULT_KUBERNETES_VERSION : checkKubernetesVersion(options.kubernetesVersion, 'kubernetesVersion');
  const appWide = new Map<string, Suppression>();
  for (const s of options.suppressions ?? []) appWide.set(s.rule, s);

  const severities = new Map<Rule, Severity>();
  // Pod Security rules in a namespace that enforces their level: what PodSecurity admission rejects (see _pss.ts).
  const enforcedSeverities = new Map<Rule, Severity>();
  const active: Rule[] = [];
  for (const rule of custom.length === 0 ? ALL_RULES : [...ALL_RULES, ...custom]) {
    const severity = preset.severityOf(rule);
    if (severity) severities.set(rule, severity);
    const enforced = enforcedSeverityOf(rule, preset);
    if (enforced) enforcedSeverities.set(rule, enforced);
    if (severity || enforced) active.push(rule);
  }
  const rulesByKind = new Map<string, Rule[]>();
  const rulesFor = (kind: string): Rule[] => {
    let list = rulesByKind.get(kind);
    if (!list) {
      list = active.filter((r) => !r.kinds || r.kinds.includes(kind));
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
  /** Records a finding of `rule` at `base`, its severity under the preset (none: the preset does not report it). */
  const push = (field: string, message: string, base: Severity | undefined): void => {
    if (base === undefined) return;
    message = redact(field, message);
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
      remediation: rule.remediation,
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
  };
  const ctx: PssRuleContext = {
    report: (field: string, message: string): void => push(field, message, severities.get(rule)),
    reportEnforced: (field: string, message: string): void => push(field, message, enforcedSeverities.get(rule)),
    kubernetesVersion,
    isKnownRule: (id: string): boolean => isRuleId(id, knownIds),
    get index(): ObjectIndex {
      if (!index) index = new ObjectIndex(objects, externals);
      return index;
    },
  };
  const crds = new CrdIndex([...(options.customResourceDefinitions ?? []), ...objects.filter(isCrd)]);
  setCrdIndex(ctx, crds);

  for (let i = 0; i < objects.length; i++) {
    object = objects[i];
    source = sources[i];
    local = undefined;
    secrets = undefined;
    for (const s of source?.suppressions ?? []) {
      if (!isRuleId(s.rule, knownIds)) {
        throw new PlatformError(`Invalid suppression (Validation.suppress() or downgrade()) of the construct at ${JSON.stringify(source?.constructPath ?? '')} ` +
          `or of a construct above it: received the rule id ${formatValue(s.rule)}; allowed: ${RULE_ID_ALLOWED}`);
      }
    }
    const annotated = isObject(object.metadata) && isObject(object.metadata.annotations)
      ? parseSuppressionAnnotations(object.metadata.annotations).suppressions : [];
    if (annotated.length > 0 || (source?.suppressions?.length ?? 0) > 0) {
      local = new Map([...(source?.suppressions ?? []), ...annotated].map((s) => [s.rule, s]));
    }
    if (typeof object.kind === 'string' && typeof object.apiVersion === 'string' && !isKnownKind(object.apiVersion, object.kind)
      && !crds.versionOf(object)?.served) {
      unchecked.push({ apiVersion: object.apiVersion, kind: object.kind, namespace: namespaceOf(object) || undefined, name: nameOf(object) });
    }
    for (rule of rulesFor(typeof object.kind === 'string' ? object.kind : '')) {
      try {
        rule.check(object, ctx);
      } catch (e) {
        push('', `the rule could not check this object (${e instanceof Error ? e.message : String(e)}); allowed: an object of the shape Kubernetes ${kubernetesVersion} defines`,
          severities.get(rule) ?? enforcedSeverities.get(rule));
      }
    }
  }
  return { findings: [...errors, ...warnings], suppressed, unchecked };
}

const RULE_ID_ALLOWED = 'the id of a built-in rule (ALL_RULES) or of one of validation.rules';
const LAYERS: readonly RuleLayer[] = ['schema', 'api', 'integrity', 'policy'];

/** Whether `id` is a built-in rule's or one of `custom`'s. */
function isRuleId(id: string, custom: ReadonlySet<string> | undefined): boolean {
  return ruleById(id) !== undefined || custom?.has(id) === true;
}

/**
 * Records the problems of a `validation` prop (`ValidationOptions`) in `check`, under `prop`: the same ones
 * `validateObjects()` refuses.
 *
 * @internal
 */
export function checkValidationOptions(check: PropChecker, options: ValidationOptions | undefined, prop = 'validation'): void {
  if (options === undefined) return;
  for (const p of validationOptionProblems(options)) check.fail(`${prop}.${p.prop}`, p.value, p.allowed);
}

/**
 * What is wrong with `options`' custom rules (their shape, an id that is a built-in rule's or another's of the list),
 * its preset (a rule id it names that no rule has) and its suppressions (a rule id no rule has).
 *
 * @internal
 */
export function validationOptionProblems(options: ValidationOptions): PropProblem[] {
  const problems: PropProblem[] = [];
  const rules: unknown = options.rules;
  const ids = new Map<string, { at: string; description: unknown }>();
  if (rules !== undefined && !Array.isArray(rules)) {
    problems.push({ prop: 'rules', value: rules, allowed: 'an array of rules, each { id, description, layer, severity, remediation, check } or podRule({ ... })' });
  } else {
    (rules ?? []).forEach((rule: unknown, i: number) => ruleProblems(rule, `rules[${i}]`, ids, problems));
  }
  const known = new Set(ids.keys());
  const preset: unknown = options.preset;
  if (preset !== undefined && !ValidationPreset.isValidationPreset(preset)) {
    problems.push({ prop: 'preset', value: preset, allowed: 'a ValidationPreset: RECOMMENDED, STRICT, API_ONLY or ValidationPreset.custom({ ... })' });
  } else {
    for (let p = preset as ValidationPreset | undefined; p !== undefined; p = p.base) {
      for (const id of Object.keys(p.severities ?? {})) {
        if (!isRuleId(id, known)) problems.push({ prop: `preset.severities[${JSON.stringify(id)}]`, value: id, allowed: `${RULE_ID_ALLOWED} (preset ${JSON.stringify(p.name)})` });
      }
    }
  }
  const crds: unknown = options.crds;
  if (crds !== undefined && (!Array.isArray(crds) || crds.some((c) => typeof c !== 'string' || c === ''))) {
    problems.push({ prop: 'crds', value: crds, allowed: 'an array of paths to files or folders of CustomResourceDefinition YAML, relative to the working folder' });
  }
  const definitions: unknown = options.customResourceDefinitions;
  if (definitions !== undefined && (!Array.isArray(definitions) || definitions.some((c) => !isObject(c) || !isCrd(c as ManifestObject)))) {
    problems.push({ prop: 'customResourceDefinitions', value: definitions, allowed: 'an array of CustomResourceDefinition objects (apiVersion apiextensions.k8s.io/v1)' });
  }
  const suppressions: unknown = options.suppressions;
  if (Array.isArray(suppressions)) {
    suppressions.forEach((s: unknown, i: number) => {
      if (Suppression.isSuppression(s) && !isRuleId(s.rule, known)) problems.push({ prop: `suppressions[${i}].rule`, value: s.rule, allowed: RULE_ID_ALLOWED });
    });
  }
  return problems;
}

/** Adds the problems of `rule` (at `at`, e.g. `rules[0]`) to `problems`; records its id in `ids`. */
function ruleProblems(rule: unknown, at: string, ids: Map<string, { at: string; description: unknown }>, problems: PropProblem[]): void {
  if (rule === null || typeof rule !== 'object') {
    problems.push({ prop: at, value: rule, allowed: 'a rule: { id, description, layer, severity, remediation, check } or podRule({ ... })' });
    return;
  }
  const r = rule as Record<string, unknown>;
  const nonEmpty = (key: string, allowed: string): void => {
    if (typeof r[key] !== 'string' || (r[key] as string).trim() === '') problems.push({ prop: `${at}.${key}`, value: r[key], allowed });
  };
  if (typeof r.id !== 'string' || !isKebabCase(r.id)) {
    problems.push({ prop: `${at}.id`, value: r.id, allowed: 'a kebab-case id (lower case letters, digits and single hyphens), e.g. "acme-memory-limit"' });
  } else {
    const builtIn = ruleById(r.id);
    const other = ids.get(r.id);
    if (builtIn) {
      problems.push({ prop: `${at}.id`, value: r.id, allowed: `an id of its own: the built-in rule ${JSON.stringify(builtIn.id)} (${builtIn.description}) has it` });
    } else if (other) {
      problems.push({ prop: `${at}.id`, value: r.id, allowed: `an id of its own: ${other.at} (${formatValue(other.description)}) has it` });
    } else ids.set(r.id, { at, description: r.description });
  }
  nonEmpty('description', 'what the rule checks, in one sentence');
  if (!LAYERS.includes(r.layer as RuleLayer)) problems.push({ prop: `${at}.layer`, value: r.layer, allowed: LAYERS.map((l) => `"${l}"`).join(', ') });
  if (r.severity !== 'error' && r.severity !== 'warning') problems.push({ prop: `${at}.severity`, value: r.severity, allowed: '"error" or "warning"' });
  nonEmpty('remediation', 'what to change to fix a finding, in one sentence');
  if (r.kinds !== undefined && (!Array.isArray(r.kinds) || r.kinds.some((k) => typeof k !== 'string' || k === ''))) {
    problems.push({ prop: `${at}.kinds`, value: r.kinds, allowed: 'an array of kinds, e.g. ["Deployment", "StatefulSet"] (omitted: every kind)' });
  }
  if (typeof r.check !== 'function') problems.push({ prop: `${at}.check`, value: r.check, allowed: 'a function (object, ctx) that reports problems with ctx.report(field, message)' });
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
