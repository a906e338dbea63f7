import { Severity } from './finding';
import { Rule } from './rule';

const PRESET = Symbol.for('cdk8s-platform.ValidationPreset');

/** Rules that only a strict preset turns on. */
const STRICT_ONLY = new Set(['schema-unknown-kind']);

/**
 * Which validation rules run, and how severe their findings are.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export class ValidationPreset {
  /**
   * What the API server would reject (schema, API-server rules) and what breaks between objects are errors;
   * dangling references and policy (Pod Security Standards, resources, probes, pinned images, disruption budgets)
   * are warnings. Custom resources are not reported.
   */
  public static readonly RECOMMENDED = new ValidationPreset('recommended', (rule) => (STRICT_ONLY.has(rule.id) ? undefined : rule.severity));

  /** Every rule's findings are errors; objects of unknown kinds (custom resources) are warnings. */
  public static readonly STRICT = new ValidationPreset('strict', (rule) => (STRICT_ONLY.has(rule.id) ? 'warning' : 'error'));

  /** Only what the API server would reject and cross-object integrity; no policy rules. */
  public static readonly API_ONLY = new ValidationPreset('api-only',
    (rule) => (rule.layer === 'policy' || STRICT_ONLY.has(rule.id) ? undefined : rule.severity));

  /** Every preset, by name. */
  public static readonly ALL: readonly ValidationPreset[] = [ValidationPreset.RECOMMENDED, ValidationPreset.STRICT, ValidationPreset.API_ONLY];

  /** Whether `x` is a `ValidationPreset`, also across copies of this package. */
  public static isValidationPreset(x: unknown): x is ValidationPreset {
    return x !== null && typeof x === 'object' && PRESET in x;
  }

  /** The preset named `name` (`recommended`, `strict`, `api-only`), if there is one. */
  public static named(name: string): ValidationPreset | undefined {
    return ValidationPreset.ALL.find((p) => p.name === name);
  }

  private constructor(
    /** The preset's name, as the `check` command's `--preset` takes it. */
    public readonly name: string,
    private readonly decide: (rule: Rule) => Severity | undefined,
  ) {
    Object.defineProperty(this, PRESET, { value: true });
  }

  /** The severity of `rule`'s findings under this preset, or `undefined` when the rule does not run. */
  public severityOf(rule: Rule): Severity | undefined {
    return this.decide(rule);
  }
}
