import { formatValue, PlatformError } from '../core/errors';
import { Severity } from './finding';
import { isKebabCase, Rule } from './rule';

const PRESET = Symbol.for('cdk8s-platform.ValidationPreset');

/** Rules that say what validation could not check: warnings under every preset, strict included. */
const WARNINGS_ONLY = new Set(['schema-unknown-kind', 'crd-validation-rules']);

/** The names of the built-in presets. */
const BUILT_IN_NAMES = ['recommended', 'strict', 'api-only'];

/** What a preset name may be. */
const NAME_ALLOWED = 'a kebab-case name (lower case letters, digits and single hyphens), e.g. "acme-production"';

/** What a severity of `ValidationPresetProps.severities` may be. */
const SEVERITY_ALLOWED = '"error", "warning" or "off"';

/** A rule's severity under a preset: `error`, `warning`, or `off` (the rule does not run). */
export type PresetSeverity = Severity | 'off';

/** The props of `ValidationPreset.custom()`. */
export interface ValidationPresetProps {
  /**
   * The preset's name, as `check --preset` takes it: kebab-case, and not the name of a built-in preset
   * (`recommended`, `strict`, `api-only`).
   */
  readonly name: string;

  /**
   * The preset whose severities apply to every rule that `severities` does not name.
   *
   * @default ValidationPreset.RECOMMENDED
   */
  readonly base?: ValidationPreset;

  /**
   * Severities by rule id, over the base's: `error` or `warning` runs the rule with findings of that severity (even a
   * rule the base turns off), `off` turns it off. The ids are checked when the preset is used: each must be a
   * built-in rule's or one of the `rules` validated with.
   *
   * @default none: every rule as the base has it
   */
  readonly severities?: Readonly<Record<string, PresetSeverity>>;
}

/**
 * Which validation rules run, and how severe their findings are: one of the built-in presets, or a team's own
 * (`ValidationPreset.custom()`).
 *
 * @example
 * const acme = ValidationPreset.custom({
 *   name: 'acme',
 *   base: ValidationPreset.RECOMMENDED,
 *   severities: { 'image-pinned': 'error', 'ssh-port': 'off' },
 * });
 * new PlatformApp({ validation: { preset: acme } });
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export class ValidationPreset {
  /**
   * What the API server would reject (schema, API-server rules) and what breaks between objects are errors;
   * dangling references and policy (Pod Security Standards, resources, probes, pinned images, disruption budgets)
   * are warnings, and so are custom resources whose CustomResourceDefinition is not known (once per kind).
   */
  public static readonly RECOMMENDED = new ValidationPreset('recommended', {}, undefined, (rule) => rule.severity);

  /**
   * Every rule's findings are errors, except what validation could not check: custom resources whose
   * CustomResourceDefinition is not known and CEL rules not evaluated are warnings.
   */
  public static readonly STRICT = new ValidationPreset('strict', {}, undefined, (rule) => (WARNINGS_ONLY.has(rule.id) ? 'warning' : 'error'));

  /** Only what the API server would reject and cross-object integrity; no policy rules. */
  public static readonly API_ONLY = new ValidationPreset('api-only', {}, undefined,
    (rule) => (rule.layer === 'policy' ? undefined : rule.severity));

  /** Every built-in preset. */
  public static readonly ALL: readonly ValidationPreset[] = [ValidationPreset.RECOMMENDED, ValidationPreset.STRICT, ValidationPreset.API_ONLY];

  /** Whether `x` is a `ValidationPreset`, also across copies of this package. */
  public static isValidationPreset(x: unknown): x is ValidationPreset {
    return x !== null && typeof x === 'object' && PRESET in x;
  }

  /** The built-in preset named `name` (`recommended`, `strict`, `api-only`), if there is one. */
  public static named(name: string): ValidationPreset | undefined {
    return ValidationPreset.ALL.find((p) => p.name === name);
  }

  /**
   * A team's own preset: a base preset with some rules' severities changed or turned off.
   *
   * @throws PlatformError naming each invalid prop: the value received and what is allowed
   */
  public static custom(props: ValidationPresetProps): ValidationPreset {
    const problems: Array<{ prop: string; value: unknown; allowed: string }> = [];
    const p: Partial<ValidationPresetProps> = props !== null && typeof props === 'object' ? props : {};
    if (props === null || typeof props !== 'object') problems.push({ prop: 'props', value: props, allowed: 'an object with a name' });
    else if (typeof p.name !== 'string' || !isKebabCase(p.name)) problems.push({ prop: 'name', value: p.name, allowed: NAME_ALLOWED });
    else if (BUILT_IN_NAMES.includes(p.name)) {
      problems.push({ prop: 'name', value: p.name, allowed: `a name no built-in preset has (${BUILT_IN_NAMES.join(', ')})` });
    }
    if (p.base !== undefined && !ValidationPreset.isValidationPreset(p.base)) {
      problems.push({ prop: 'base', value: p.base, allowed: 'a ValidationPreset, e.g. ValidationPreset.STRICT' });
    }
    const severities: Record<string, PresetSeverity> = {};
    if (p.severities !== undefined && (p.severities === null || typeof p.severities !== 'object' || Array.isArray(p.severities))) {
      problems.push({ prop: 'severities', value: p.severities, allowed: `an object of rule ids to ${SEVERITY_ALLOWED}` });
    } else {
      for (const [id, severity] of Object.entries(p.severities ?? {})) {
        if (!isKebabCase(id)) problems.push({ prop: `severities[${JSON.stringify(id)}]`, value: id, allowed: 'a rule id as key, e.g. "image-pinned"' });
        else if (severity !== 'error' && severity !== 'warning' && severity !== 'off') {
          problems.push({ prop: `severities[${JSON.stringify(id)}]`, value: severity, allowed: SEVERITY_ALLOWED });
        } else severities[id] = severity;
      }
    }
    if (problems.length > 0) {
      throw new PlatformError(`Invalid ValidationPreset.custom() props${typeof p.name === 'string' ? ` of preset ${formatValue(p.name)}` : ''}:\n` +
        problems.map((q) => `  - ${q.prop}: received ${formatValue(q.value)}; allowed: ${q.allowed}`).join('\n'));
    }
    const base = p.base ?? ValidationPreset.RECOMMENDED;
    return new ValidationPreset(p.name!, Object.freeze(severities), base, (rule) => {
      const own = severities[rule.id];
      if (own === undefined) return base.severityOf(rule);
      return own === 'off' ? undefined : own;
    });
  }

  private constructor(
    /** The preset's name, as the `check` command's `--preset` takes it. */
    public readonly name: string,
    /** The severities this preset sets by rule id, over its base's (none for a built-in preset). */
    public readonly severities: Readonly<Record<string, PresetSeverity>>,
    /** The preset this one changes, for a custom preset (none for a built-in preset). */
    public readonly base: ValidationPreset | undefined,
    private readonly decide: (rule: Rule) => Severity | undefined,
  ) {
    Object.defineProperty(this, PRESET, { value: true });
  }

  /** The severity of `rule`'s findings under this preset, or `undefined` when the rule does not run. */
  public severityOf(rule: Rule): Severity | undefined {
    return this.decide(rule);
  }
}
