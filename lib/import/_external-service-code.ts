/**
 * A Service that selects no imported workload, as an `ExternalService` when it is an ExternalName Service the
 * construct writes field for field: its external name, named ports (TCP, UDP or SCTP, the target port the port
 * itself), labels and annotations.
 *
 * Anything else keeps the Service a raw ApiObject, with the field as the reason: a Service with a selector (its pods
 * are not among the imported workloads), a Service without selector (its Endpoints or EndpointSlices are the
 * input's own, while the construct writes an EndpointSlice of its own), an ExternalName Service without ports or
 * with an unnamed one (the construct names every port), and any field the construct has no prop for.
 */
import { isIP } from 'net';
import { isDns1123Subdomain } from '../core/names';
import { ImportContext, asList, asObject, asStrings } from './_import-context';
import { Item, metadataProblems, metadataProp } from './_import-item';
import { Printable } from './_source-text';

/** The labels an ExternalService keeps for its EndpointSlice, which its `metadata.labels` may not set. */
const RESERVED_LABELS = ['kubernetes.io/service-name', 'endpointslice.kubernetes.io/managed-by'];

/** The protocols a Service port has, each with the `Protocol` member that writes it (TCP, the default, none). */
const PROTOCOLS: ReadonlyMap<string, string | undefined> = new Map([['TCP', undefined], ['UDP', 'UDP'], ['SCTP', 'SCTP']]);

/**
 * An ExternalName Service's props for `new ExternalService(this, id, props)`, or why it stays raw (the field the
 * construct cannot express, with its path).
 */
export function externalServiceCode(ctx: ImportContext, item: Item): Record<string, Printable> | string {
  const o = item.object;
  if (o.apiVersion !== 'v1') return `apiVersion ${String(o.apiVersion)}`;
  const other = Object.keys(o).find((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k));
  if (other !== undefined) return other;
  const meta = metadataProblems(o);
  if (meta.length > 0) return meta[0];
  const labels = asStrings(asObject(o.metadata)?.labels) ?? {};
  const reserved = RESERVED_LABELS.find((l) => labels[l] !== undefined);
  if (reserved !== undefined) return `metadata.labels['${reserved}'] (ExternalService keeps that label for its EndpointSlice)`;
  const spec = asObject(o.spec) ?? {};
  if (spec.type !== 'ExternalName') {
    return spec.selector !== undefined
      ? 'spec.selector (it selects the pods of no imported Deployment or StatefulSet)'
      : 'spec.selector (none: its endpoints are objects of its own, while ExternalService writes an EndpointSlice of its own, named "<name>-1")';
  }
  const extra = Object.keys(spec).find((k) => !['type', 'externalName', 'ports', 'sessionAffinity'].includes(k));
  if (extra !== undefined) return `spec.${extra}`;
  if (spec.sessionAffinity !== undefined && spec.sessionAffinity !== 'None') return 'spec.sessionAffinity';
  const externalName = spec.externalName;
  if (typeof externalName !== 'string' || isIP(externalName) !== 0 || isDns1123Subdomain(externalName).length > 0) {
    return `spec.externalName (${JSON.stringify(externalName)}: ExternalService takes a DNS name without a trailing dot)`;
  }
  const rawPorts = asList(spec.ports);
  if (rawPorts.length === 0) return 'spec.ports (none: ExternalService needs at least one port)';
  const ports: Printable[] = [];
  for (const [i, raw] of rawPorts.entries()) {
    const at = `spec.ports[${i}]`;
    const p = asObject(raw) ?? {};
    const portExtra = Object.keys(p).find((k) => !['name', 'port', 'targetPort', 'protocol'].includes(k));
    if (portExtra !== undefined) return `${at}.${portExtra}`;
    if (typeof p.port !== 'number') return `${at}.port`;
    if (typeof p.name !== 'string') return `${at}.name (none: ExternalService names every port)`;
    if (p.targetPort !== undefined && p.targetPort !== p.port) return `${at}.targetPort (${JSON.stringify(p.targetPort)}: an ExternalName Service is reached on its port itself)`;
    const protocol = p.protocol ?? 'TCP';
    if (typeof protocol !== 'string' || !PROTOCOLS.has(protocol)) return `${at}.protocol`;
    const member = PROTOCOLS.get(protocol);
    ports.push({ port: p.port, name: p.name, protocol: member === undefined ? undefined : ctx.use('Protocol', member) });
  }
  return { ...metadataProp(o), externalName, ports };
}
