import { forTerminal } from '../core/_terminal';
import { Finding, ValidationResult } from './finding';

/** One finding in the JSON report. */
export interface JsonFinding {
  /** The rule's id, e.g. `metadata-labels`. */
  readonly rule: string;
  /** `error` or `warning`. */
  readonly severity: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace; null for a cluster-scoped object. */
  readonly namespace: string | null;
  /** The object's name. */
  readonly name: string;
  /** The field the finding is about, e.g. `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** What is wrong: the value received and what is allowed. */
  readonly message: string;
  /**
   * What to change to fix it, in one sentence (the rule's remediation).
   *
   * @default none: no rule found it (a file that could not be read)
   */
  readonly remediation?: string;
  /**
   * Where the object was read from, `file:line`.
   *
   * @default none: the object was synthesized, not read from a file
   */
  readonly location?: string;
  /**
   * The construct path of the construct that made the object.
   *
   * @default none: the object was read from a file
   */
  readonly constructPath?: string;
}

/** A finding turned off or downgraded, in the JSON report. */
export interface JsonSuppressedFinding {
  /** The rule's id. */
  readonly rule: string;
  /** What was done with it: turned off or downgraded. */
  readonly action: string;
  /** Why, as written where it was suppressed. */
  readonly justification: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace; null for a cluster-scoped object. */
  readonly namespace: string | null;
  /** The object's name. */
  readonly name: string;
  /** The field the finding is about. */
  readonly field: string;
}

/** An object of a kind that is not a Kubernetes built-in, without a known CRD, in the JSON report: not schema-checked. */
export interface JsonUncheckedObject {
  /** The object's API version. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace; null for a cluster-scoped object. */
  readonly namespace: string | null;
  /** The object's name. */
  readonly name: string;
}

/** The JSON report of `check --format json`: `{"findings": [{rule, severity, kind, namespace, name, field, message, remediation}]}`. */
export interface JsonReport {
  /** Every finding: rule, severity, kind, namespace (null when none), name, field, message and remediation. */
  readonly findings: readonly JsonFinding[];
  /** Findings turned off or downgraded, with the justification. */
  readonly suppressed: readonly JsonSuppressedFinding[];
  /** Objects of kinds that are not Kubernetes built-ins, without a known CRD: not schema-checked. */
  readonly notSchemaChecked: readonly JsonUncheckedObject[];
}

/** The JSON report of a validation result. */
export function toJsonReport(result: ValidationResult): JsonReport {
  return {
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      kind: f.kind,
      namespace: f.namespace ?? null,
      name: f.name,
      field: f.field,
      message: f.message,
      ...(f.remediation !== undefined ? { remediation: f.remediation } : {}),
      ...(f.location !== undefined ? { location: f.location } : {}),
      ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
    })),
    suppressed: result.suppressed.map((s) => ({
      rule: s.finding.rule, action: s.action, justification: s.justification,
      kind: s.finding.kind, namespace: s.finding.namespace ?? null, name: s.finding.name, field: s.finding.field,
    })),
    notSchemaChecked: result.unchecked.map((u) => ({ apiVersion: u.apiVersion, kind: u.kind, namespace: u.namespace ?? null, name: u.name })),
  };
}

/** `Kind namespace/name`, or `Kind name` for an object without a namespace, safe to print (see `forTerminal()`). */
function objectName(f: { kind: string; namespace?: string; name: string }): string {
  return `${forTerminal(f.kind)} ${f.namespace ? `${forTerminal(f.namespace)}/` : ''}${f.name ? forTerminal(f.name) : '(unnamed)'}`;
}

/**
 * One finding: `error [rule] Kind ns/name field: message (at construct path or file:line)` on one line, then, when
 * it has one, its remediation on a line of its own, indented: `    remediation: what to change`. Every value in it is
 * escaped with `forTerminal()`, so that nothing read from an object or a file name acts on the terminal or fakes a
 * line.
 */
export function formatFinding(f: Finding): string {
  const where = f.constructPath ? ` (construct ${forTerminal(f.constructPath)})` : f.location ? ` (${forTerminal(f.location)})` : '';
  const head = `${f.severity} [${forTerminal(f.rule)}]`;
  const line = f.kind === '' && f.location ? `${head} ${forTerminal(f.location)}: ${forTerminal(f.message)}`
    : `${head} ${objectName(f)}${f.field ? ` ${forTerminal(f.field)}` : ''}: ${forTerminal(f.message)}${where}`;
  return f.remediation ? `${line}\n    remediation: ${forTerminal(f.remediation)}` : line;
}

/**
 * The human report: each finding (with its remediation under it), then suppressions, unchecked objects and a summary; values escaped as
 * `formatFinding()` escapes them.
 */
export function formatReport(result: ValidationResult, objectCount: number): string {
  const lines = result.findings.map(formatFinding);
  const byRule = new Map<string, { action: string; justification: string; count: number }>();
  for (const s of result.suppressed) {
    const key = `${s.finding.rule}\u0000${s.action}\u0000${s.justification}`;
    const entry = byRule.get(key) ?? { action: s.action, justification: s.justification, count: 0 };
    entry.count++;
    byRule.set(key, entry);
  }
  for (const [key, s] of byRule) {
    lines.push(`${s.action === 'off' ? 'suppressed' : 'downgraded'} [${forTerminal(key.split('\u0000')[0])}] ${s.count} finding(s): ${forTerminal(s.justification)}`);
  }
  if (result.unchecked.length > 0) {
    lines.push(`not schema-checked (custom resources): ${result.unchecked.map(objectName).join(', ')}`);
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  lines.push(`${errors} error(s), ${warnings} warning(s) in ${objectCount} object(s)`);
  return `${lines.join('\n')}\n`;
}
