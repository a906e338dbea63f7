/**
 * A Gateway API HTTPRoute as an `HttpRoute` construct: its Gateways (`Gateway.fromGatewayName()`), host names, path
 * matches and weighted backends, when the backends are Services of the module's workloads.
 *
 * Only what synthesizes to the same object after the HTTPRoute CRD's defaults (gateway.networking.k8s.io/v1) is
 * mapped: a parentRef's group and kind, a backendRef's group, kind and weight, a match's path type (`PathPrefix`) and
 * value (`/`) may be given or left out. Anything else (filters, header, query or method matches, timeouts, retries,
 * session persistence, a parentRef without namespace or with a port, a backend in another namespace or that is not a
 * Service of an imported workload) keeps the route a raw ApiObject, with the field as the reason.
 */
import { ImportContext, Json, asList, asObject } from './_import-context';
import { Item, metadataProblems, metadataProp } from './_import-item';
import { Printable, code, print, quote } from './_source-text';

/** The Gateway API's group, which a parentRef names by default. */
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The `HttpPathMatch` factory of each path match type. */
const PATH_TYPES: ReadonlyMap<unknown, string> = new Map([['PathPrefix', 'prefix'], ['Exact', 'exact'], ['RegularExpression', 'regularExpression']]);

/** A workload of the module whose Service a route may name: its variable and its Service's ports as read. */
export interface RouteBackendWorkload {
  readonly variable: string;
  readonly ports: Json[];
}

/**
 * An HTTPRoute's props for `new HttpRoute(this, id, props)`, or why it stays raw (the first field the construct
 * cannot express, with its path).
 *
 * @param workloads the module's workloads in the route's namespace, by the name of their Service
 * @param constructId gives a construct id not taken in the stack, from the one wanted (for the Gateway references)
 */
export function httpRouteCode(ctx: ImportContext, item: Item, workloads: ReadonlyMap<string, RouteBackendWorkload>,
  constructId: (wanted: string) => string): Record<string, Printable> | string {
  const o = item.object;
  if (o.apiVersion !== `${GATEWAY_GROUP}/v1`) return `apiVersion ${String(o.apiVersion)} (HttpRoute writes ${GATEWAY_GROUP}/v1)`;
  const other = Object.keys(o).find((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k));
  if (other !== undefined) return other;
  const meta = metadataProblems(o);
  if (meta.length > 0) return meta[0];
  const spec = asObject(o.spec) ?? {};
  const extra = Object.keys(spec).find((k) => !['parentRefs', 'hostnames', 'rules'].includes(k));
  if (extra !== undefined) return `spec.${extra}`;
  const gateways = gatewaysCode(ctx, item, spec.parentRefs, constructId);
  if (typeof gateways === 'string') return gateways;
  if (spec.hostnames !== undefined && (!Array.isArray(spec.hostnames) || !spec.hostnames.every((h) => typeof h === 'string'))) return 'spec.hostnames';
  if (!Array.isArray(spec.rules) || spec.rules.length === 0) return 'spec.rules (none: the construct needs at least one rule with backends)';
  const rules: Printable[] = [];
  for (const [i, raw] of spec.rules.entries()) {
    const rule = ruleCode(ctx, item, asObject(raw), `spec.rules[${i}]`, workloads);
    if (typeof rule === 'string') return rule;
    rules.push(rule);
  }
  return { ...metadataProp(o), gateways, hostnames: spec.hostnames as string[] | undefined, rules };
}

/** The `gateways` prop: a `Gateway.fromGatewayName()` per parentRef, or why the refs cannot be one. */
function gatewaysCode(ctx: ImportContext, item: Item, parentRefs: unknown, constructId: (wanted: string) => string): Printable[] | string {
  if (!Array.isArray(parentRefs) || parentRefs.length === 0) return 'spec.parentRefs (none: the construct needs a Gateway)';
  const seen = new Map<string, Array<string | undefined>>();
  const out: Printable[] = [];
  for (const [i, raw] of parentRefs.entries()) {
    const at = `spec.parentRefs[${i}]`;
    const ref = asObject(raw) ?? {};
    const extra = Object.keys(ref).find((k) => !['group', 'kind', 'name', 'namespace', 'sectionName'].includes(k));
    if (extra !== undefined) return `${at}.${extra}`;
    if (ref.group !== undefined && ref.group !== GATEWAY_GROUP) return `${at}.group (${String(ref.group)}: the construct attaches to Gateways only)`;
    if (ref.kind !== undefined && ref.kind !== 'Gateway') return `${at}.kind (${String(ref.kind)}: the construct attaches to Gateways only)`;
    if (typeof ref.name !== 'string') return `${at}.name`;
    if (typeof ref.namespace !== 'string') return `${at}.namespace (none: the construct always writes the Gateway's namespace)`;
    if (ref.sectionName !== undefined && typeof ref.sectionName !== 'string') return `${at}.sectionName`;
    const sectionName = ref.sectionName as string | undefined;
    // One Gateway twice only as distinct listeners (the CRD's rule, which the construct checks).
    const parent = `${ref.namespace}/${ref.name}`;
    const sections = seen.get(parent) ?? [];
    if (sections.length > 0 && (sectionName === undefined || sections.includes(undefined) || sections.includes(sectionName))) return `${at} (the same Gateway twice)`;
    seen.set(parent, [...sections, sectionName]);
    const id = constructId(parentRefs.length === 1 ? `${item.name}-gateway` : `${item.name}-gateway-${i + 1}`);
    const attributes = print({ gatewayName: ref.name, namespace: ref.namespace, sectionName });
    out.push(code(`${ctx.need('Gateway')}.fromGatewayName(this, ${quote(id)}, ${attributes})`));
  }
  return out;
}

/** One rule's props (`{ matches?, backends }`), or why it cannot be one. */
function ruleCode(ctx: ImportContext, item: Item, rule: Json | undefined, at: string,
  workloads: ReadonlyMap<string, RouteBackendWorkload>): Record<string, Printable> | string {
  if (rule === undefined) return at;
  const extra = Object.keys(rule).find((k) => k !== 'matches' && k !== 'backendRefs');
  if (extra !== undefined) return `${at}.${extra}`;
  let matches: Printable[] | undefined;
  if (rule.matches !== undefined) {
    if (!Array.isArray(rule.matches) || rule.matches.length === 0) return `${at}.matches (an empty list: the construct writes none or at least one)`;
    matches = [];
    for (const [j, raw] of rule.matches.entries()) {
      const match = matchCode(ctx, asObject(raw), `${at}.matches[${j}]`);
      if (typeof match === 'string') return match;
      matches.push(match);
    }
  }
  const refs = asList(rule.backendRefs);
  if (refs.length === 0) return `${at}.backendRefs (none: the construct needs at least one backend)`;
  const backends: Printable[] = [];
  for (const [j, raw] of refs.entries()) {
    const backend = backendCode(item, asObject(raw), `${at}.backendRefs[${j}]`, workloads);
    if (typeof backend === 'string') return backend;
    backends.push(backend);
  }
  return { matches, backends };
}

/** A match as `HttpPathMatch.prefix/exact/regularExpression(...)`: a path only, its type and value as defaulted. */
function matchCode(ctx: ImportContext, match: Json | undefined, at: string): Printable | string {
  if (match === undefined) return at;
  const extra = Object.keys(match).find((k) => k !== 'path');
  if (extra !== undefined) return `${at}.${extra}`;
  const path = asObject(match.path) ?? (match.path === undefined ? {} : undefined);
  if (path === undefined) return `${at}.path`;
  const pathExtra = Object.keys(path).find((k) => k !== 'type' && k !== 'value');
  if (pathExtra !== undefined) return `${at}.path.${pathExtra}`;
  const type = path.type ?? 'PathPrefix';
  const value = path.value ?? '/';
  const factory = PATH_TYPES.get(type);
  if (factory === undefined) return `${at}.path.type`;
  if (typeof value !== 'string') return `${at}.path.value`;
  return code(`${ctx.need('HttpPathMatch')}.${factory}(${quote(value)})`);
}

/** A backendRef as `{ backend, port?, weight? }`: a Service of a workload of the module, on one of its ports. */
function backendCode(item: Item, ref: Json | undefined, at: string, workloads: ReadonlyMap<string, RouteBackendWorkload>): Record<string, Printable> | string {
  if (ref === undefined) return at;
  const extra = Object.keys(ref).find((k) => !['group', 'kind', 'name', 'namespace', 'port', 'weight'].includes(k));
  if (extra !== undefined) return `${at}.${extra}`;
  if ((ref.group !== undefined && ref.group !== '') || (ref.kind !== undefined && ref.kind !== 'Service')) {
    return `${at} (a ${String(ref.kind ?? 'Service')} of group "${String(ref.group ?? '')}": the construct routes to Services)`;
  }
  if (ref.namespace !== undefined) return `${at}.namespace (the construct writes none: its backends are in the route's namespace "${item.namespace}")`;
  const workload = typeof ref.name === 'string' ? workloads.get(ref.name) : undefined;
  if (workload === undefined) return `${at}.name (${String(ref.name)}: not the Service of a workload of the module)`;
  const ports = workload.ports.map((p) => p.port);
  if (typeof ref.port !== 'number' || !ports.includes(ref.port)) return `${at}.port (${String(ref.port)}: not a port of Service "${String(ref.name)}")`;
  if (ref.weight !== undefined && !Number.isInteger(ref.weight)) return `${at}.weight`;
  return { backend: code(workload.variable), port: ref.port === ports[0] ? undefined : ref.port, weight: ref.weight as number | undefined };
}
