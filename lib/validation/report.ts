import { Finding, ValidationResult } from './finding';

/** The JSON report of `check --format json`: `{"findings": [{rule, severity, kind, namespace, name, field, message}]}`. */
export interface JsonReport {
  /** Every finding: rule, severity, kind, namespace (null when none), name, field and message. */
  readonly findings: ReadonlyArray<{
    readonly rule: string;
    readonly severity: string;
    readonly kind: string;
    readonly namespace: string | null;
    readonly name: string;
    readonly field: string;
    readonly message: string;
    readonly location?: string;
    readonly constructPath?: string;
  }>;
  /** Findings turned off or downgraded, with the justification. */
  readonly suppressed: ReadonlyArray<{ readonly rule: string; readonly action: string; readonly justification: string; readonly kind: string; readonly namespace: string | null; readonly name: string; readonly field: string }>;
  /** Objects of kinds that are not Kubernetes built-ins: not schema-checked. */
  readonly notSchemaChecked: ReadonlyArray<{ readonly apiVersion: string; readonly kind: string; readonly namespace: string | null; readonly name: string }>;
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

/** `Kind namespace/name`, or `Kind name` for an object without a namespace. */
function objectName(f: { kind: string; namespace?: string; name: string }): string {
  return `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name || '(unnamed)'}`;
}

/** One finding on one line: `error [rule] Kind ns/name field: message (at construct path or file:line)`. */
export function formatFinding(f: Finding): string {
  const where = f.constructPath ? ` (construct ${f.constructPath})` : f.location ? ` (${f.location})` : '';
  if (f.kind === '' && f.location) return `${f.severity} [${f.rule}] ${f.location}: ${f.message}`;
  return `${f.severity} [${f.rule}] ${objectName(f)}${f.field ? ` ${f.field}` : ''}: ${f.message}${where}`;
}

/** The human report: one line per finding, then suppressions, unchecked objects and a summary. */
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
    lines.push(`${s.action === 'off' ? 'suppressed' : 'downgraded'} [${key.split('\u0000')[0]}] ${s.count} finding(s): ${s.justification}`);
  }
  if (result.unchecked.length > 0) {
    lines.push(`not schema-checked (custom resources): ${result.unchecked.map(objectName).join(', ')}`);
  }
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const warnings = result.findings.length - errors;
  lines.push(`${errors} error(s), ${warnings} warning(s) in ${objectCount} object(s)`);
  return `${lines.join('\n')}\n`;
}
