import * as fs from 'fs';
import * as path from 'path';
import { externalServiceCode } from '../../lib/import/_external-service-code';
import { ImportContext, Json } from '../../lib/import/_import-context';
import { Item, labelPaths } from '../../lib/import/_import-item';
import { print } from '../../lib/import/_source-text';
import { tmpdir } from '../_helpers';
import { KubeObject } from './_kubernetes-defaults';
import { additionsNotInOutput, compareObjects, synthesizeModule, typeErrors } from './_round-trip';

/** An ExternalName Service `orders-db` of namespace `shop`, with `spec` over a managed database's name and port. */
function service(spec: Json = {}, object: Json = {}): Item {
  return {
    object: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'orders-db', namespace: 'shop' },
      spec: { type: 'ExternalName', externalName: 'orders.abc123.eu-west-1.rds.amazonaws.com', ports: [{ name: 'postgres', port: 5432 }], ...spec },
      ...object,
    },
    source: 'in.yaml#1',
    kind: 'Service',
    namespace: 'shop',
    name: 'orders-db',
  };
}

/** The mapping of `item`, printed as the generator prints props (or the reason it stays raw). */
function mapped(item: Item, ctx = new ImportContext()): string {
  const result = externalServiceCode(ctx, item);
  return typeof result === 'string' ? `raw: ${result}` : print(result);
}

/**
 * `item` through the ExternalService its props make, as the generator would write it (`new ExternalService(this, name,
 * props)` in an AppStack of its namespace, its labels recorded as an addition): type-checked, synthesized and compared
 * with the input after the API server's defaults.
 */
function roundTrip(item: Item): { typeErrors: string[]; differences: string[]; additionsMissing: string[] } {
  const ctx = new ImportContext();
  const props = externalServiceCode(ctx, item);
  if (typeof props === 'string') throw new Error(`not mapped: ${props}`);
  ctx.add('labels', item.name, { kind: item.kind, namespace: item.namespace, name: item.name }, labelPaths(item.object, ['metadata']));
  const dir = tmpdir();
  const file = path.join(dir, 'external.ts');
  fs.writeFileSync(file, [
    `import { ${[...new Set(['AppStack', 'ExternalService', 'PlatformApp', ...ctx.libraryImports()])].join(', ')} } from 'cdk8s-platform';`,
    '',
    'export function defineImportedApp(app: PlatformApp): void {',
    `  const stack = new AppStack(app, '${item.namespace}', { namespace: '${item.namespace}', createNamespace: false });`,
    `  new ExternalService(stack, '${item.name}', ${print(props, 2)});`,
    '}',
    '',
  ].join('\n'));
  const output = synthesizeModule(file, path.join(dir, 'out'));
  const additions = ctx.allAdditions().flatMap((a) => a.fields);
  return {
    typeErrors: typeErrors([file]),
    differences: compareObjects([item.object as KubeObject], output, { additions }),
    additionsMissing: additionsNotInOutput(additions, output),
  };
}

describe('externalServiceCode: an ExternalName Service as an ExternalService', () => {
  test('GIVEN an ExternalName Service with a named port WHEN mapped THEN the props hold its external name and port', () => {
    // GIVEN / WHEN
    const text = mapped(service());
    // THEN
    expect(text).toBe("{ externalName: 'orders.abc123.eu-west-1.rds.amazonaws.com', ports: [{ port: 5432, name: 'postgres' }] }");
  });

  test('GIVEN labels and annotations WHEN mapped THEN they are the metadata prop', () => {
    // GIVEN
    const item = service({}, { metadata: { name: 'orders-db', namespace: 'shop', labels: { app: 'orders-db' }, annotations: { owner: 'data' } } });
    // WHEN / THEN
    expect(mapped(item)).toContain("metadata: { labels: { app: 'orders-db' }, annotations: { owner: 'data' } }");
  });

  test('GIVEN a UDP port WHEN mapped THEN its protocol is Protocol.UDP, imported by the module', () => {
    // GIVEN
    const ctx = new ImportContext();
    // WHEN
    const text = mapped(service({ ports: [{ name: 'syslog', port: 514, protocol: 'UDP' }] }), ctx);
    // THEN
    expect(text).toContain("ports: [{ port: 514, name: 'syslog', protocol: Protocol.UDP }]");
    expect(ctx.libraryImports()).toEqual(['Protocol']);
  });

  test('GIVEN ports that spell out the defaults (protocol TCP, targetPort the port, sessionAffinity None) WHEN mapped THEN they map as ports that leave them out', () => {
    // GIVEN
    const spelled = service({ sessionAffinity: 'None', ports: [{ name: 'postgres', port: 5432, targetPort: 5432, protocol: 'TCP' }] });
    // WHEN / THEN
    expect(mapped(spelled)).toBe(mapped(service()));
  });

  test('GIVEN an ExternalName Service with labels, annotations and two ports WHEN its ExternalService is synthesized THEN it equals the input after defaults but for the listed labels', () => {
    // GIVEN
    const item = service({
      ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }, { name: 'metrics', port: 9187, targetPort: 9187 }],
      sessionAffinity: 'None',
    }, { metadata: { name: 'orders-db', namespace: 'shop', labels: { app: 'orders-db' }, annotations: { owner: 'data' } } });
    // WHEN
    const trip = roundTrip(item);
    // THEN
    expect(trip).toEqual({ typeErrors: [], differences: [], additionsMissing: [] });
  });
});

describe('externalServiceCode: what keeps a Service raw, with the field', () => {
  test.each([
    ['a Service with a selector no workload has', service({ type: undefined, externalName: undefined, selector: { app: 'legacy' } }), 'spec.selector (it selects'],
    ['a Service without selector (its own Endpoints)', service({ type: undefined, externalName: undefined }), 'spec.selector (none'],
    ['another apiVersion', service({}, { apiVersion: 'v2' }), 'apiVersion v2'],
    ['a status', service({}, { status: {} }), 'status'],
    ['metadata the construct has no prop for', service({}, { metadata: { name: 'orders-db', namespace: 'shop', finalizers: ['x'] } }), 'metadata.finalizers'],
    ['the EndpointSlice label the construct keeps', service({}, { metadata: { name: 'orders-db', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'x' } } }), "metadata.labels['kubernetes.io/service-name']"],
    ['a field the construct has no prop for', service({ externalTrafficPolicy: 'Local' }), 'spec.externalTrafficPolicy'],
    ['ClientIP session affinity', service({ sessionAffinity: 'ClientIP' }), 'spec.sessionAffinity'],
    ['an IP address as external name', service({ externalName: '10.20.0.15' }), 'spec.externalName'],
    ['an external name with a trailing dot', service({ externalName: 'orders.example.com.' }), 'spec.externalName'],
    ['no ports', service({ ports: undefined }), 'spec.ports'],
    ['an unnamed port', service({ ports: [{ port: 5432 }] }), 'spec.ports[0].name'],
    ['a target port other than the port', service({ ports: [{ name: 'postgres', port: 5432, targetPort: 6432 }] }), 'spec.ports[0].targetPort'],
    ['an appProtocol', service({ ports: [{ name: 'postgres', port: 5432, appProtocol: 'postgresql' }] }), 'spec.ports[0].appProtocol'],
    ['an unknown protocol', service({ ports: [{ name: 'postgres', port: 5432, protocol: 'toString' }] }), 'spec.ports[0].protocol'],
  ])('GIVEN %s WHEN mapped THEN the Service stays raw, the reason naming the field', (_what, item, field) => {
    // GIVEN / WHEN
    const text = mapped(item);
    // THEN
    expect(text.startsWith(`raw: ${field}`)).toBe(true);
  });
});
