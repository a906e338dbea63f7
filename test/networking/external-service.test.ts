import { ApiObject } from 'cdk8s';
import {
  Address, ExternalService, findObject, findObjects, NetworkPeer, Protocol, Secret, synthFindings, validateObjects, ValidationPreset, WebService, Worker,
} from '../../lib';
import { containerOf, expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const DNS_RULE = {
  to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
  ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
};

const RDS = 'orders.abc123.eu-west-1.rds.amazonaws.com';

describe('ExternalService with an externalName', () => {
  test('GIVEN an externalName WHEN synthesized THEN it is an ExternalName Service with the ports and no EndpointSlice', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new ExternalService(stack, 'orders-db', { externalName: RDS, ports: [{ port: 5432, name: 'postgres' }] });
    const objects = synth(stack);
    // THEN
    expect(findObject(objects, 'Service', 'orders-db').spec).toEqual({
      type: 'ExternalName', externalName: RDS, ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
    });
    expect(findObjects(objects, 'EndpointSlice')).toEqual([]);
  });

  test('GIVEN a port without a name WHEN synthesized THEN it is named port-<port>', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }, { port: 6432 }] });
    expect(db.endpointPorts.map((p) => p.name)).toEqual(['port-5432', 'port-6432']);
  });

  test('GIVEN no name WHEN created THEN the Service is named after the construct id, in the stack\'s namespace', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'orders-db', { externalName: RDS, ports: [{ port: 5432 }] });
    expect([db.name, db.serviceName, db.namespace]).toEqual(['orders-db', 'orders-db', 'test']);
  });

  test('GIVEN an externalName WHEN its dnsName is read THEN it is the Service\'s in-cluster name', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }] });
    expect(db.dnsName).toBe('db.test.svc.cluster.local');
  });

  test('GIVEN connectDirectly WHEN its dnsName is read THEN it is the external name itself', () => {
    const { stack } = makeStack();
    const api = new ExternalService(stack, 'payments', { externalName: 'api.payments.example', ports: [{ port: 443 }], connectDirectly: true });
    expect(api.dnsName).toBe('api.payments.example');
  });

  test('GIVEN no cidr WHEN its egress peers are read THEN they are empty: every address, on the port', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }] });
    expect(db.egressPeers).toEqual([]);
  });

  test('GIVEN a cidr WHEN its egress peers are read THEN they are that IP block', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }], cidr: '10.20.0.0/16' });
    expect(db.egressPeers).toEqual([NetworkPeer.ipBlock('10.20.0.0/16')]);
  });

  test('GIVEN an externalName WHEN a port has another targetPort THEN a PropError says the Service port is used', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432, targetPort: 6432 }] }), {
      path: 'test/db', prop: 'ports[0].targetPort', received: '6432', allowed: 'the port itself (5432)',
    });
  });

  test('GIVEN an IP address as externalName WHEN created THEN a PropError points to addresses', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'db', { externalName: '10.0.0.1', ports: [{ port: 5432 }] }), {
      path: 'test/db', prop: 'externalName', received: '"10.0.0.1"', allowed: 'give an IP address in addresses',
    });
  });

  test('GIVEN an externalName that is not a DNS name WHEN created THEN a PropError names externalName', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'db', { externalName: 'DB_Host', ports: [{ port: 5432 }] }), {
      path: 'test/db', prop: 'externalName', received: '"DB_Host"', allowed: 'DNS-1123 subdomain',
    });
  });

  test('GIVEN an ExternalName Service in a stack WHEN validated strictly THEN there is no finding on it', () => {
    const { stack } = makeStack();
    new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }] });
    expect(synthFindings(stack).filter((f) => f.name === 'db')).toEqual([]);
  });
});

describe('ExternalService with addresses', () => {
  test('GIVEN addresses WHEN synthesized THEN a Service without a selector and an EndpointSlice for it are rendered', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new ExternalService(stack, 'ledger', { addresses: ['10.30.0.5', '10.30.0.6'], ports: [{ port: 443, name: 'https', targetPort: 8443 }] });
    const objects = synth(stack);
    // THEN
    expect(findObject(objects, 'Service', 'ledger').spec).toEqual({ ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }] });
    const slice = findObject(objects, 'EndpointSlice', 'ledger-1');
    expect(slice.apiVersion).toBe('discovery.k8s.io/v1');
    expect(slice.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'ledger', 'endpointslice.kubernetes.io/managed-by': 'cdk8s-platform' });
    expect(slice).toMatchObject({
      addressType: 'IPv4', endpoints: [{ addresses: ['10.30.0.5'] }, { addresses: ['10.30.0.6'] }], ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
    });
  });

  test('GIVEN IPv6 addresses WHEN synthesized THEN the EndpointSlice\'s address type is IPv6', () => {
    const { stack } = makeStack();
    new ExternalService(stack, 'ledger', { addresses: ['2001:db8::5'], ports: [{ port: 443 }] });
    expect(findObject(synth(stack), 'EndpointSlice', 'ledger-1').addressType).toBe('IPv6');
  });

  test('GIVEN addresses and no cidr WHEN its egress peers are read THEN they are each address alone', () => {
    const { stack } = makeStack();
    const svc = new ExternalService(stack, 'ledger', { addresses: ['10.30.0.5', '10.30.0.6'], ports: [{ port: 443 }] });
    expect(svc.egressPeers).toEqual([NetworkPeer.ipBlock('10.30.0.5/32'), NetworkPeer.ipBlock('10.30.0.6/32')]);
  });

  test('GIVEN addresses WHEN its API objects are read THEN they are the Service, then the EndpointSlice', () => {
    const { stack } = makeStack();
    const svc = new ExternalService(stack, 'ledger', { addresses: ['10.30.0.5'], ports: [{ port: 443 }] });
    expect(svc.apiObjects.map((o) => o.kind)).toEqual(['Service', 'EndpointSlice']);
    expect(ApiObject.of(svc)).toBe(svc.apiObject);
  });

  test('GIVEN addresses WHEN the stack is validated strictly THEN neither object has a finding', () => {
    const { stack } = makeStack();
    new ExternalService(stack, 'ledger', { addresses: ['10.30.0.5'], ports: [{ port: 443 }] });
    const { findings } = validateObjects(synth(stack), { preset: ValidationPreset.STRICT, kubernetesVersion: '1.33' });
    expect(findings.filter((f) => f.name.startsWith('ledger'))).toEqual([]);
  });

  test('GIVEN addresses of both families WHEN created THEN a PropError asks for one family', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { addresses: ['10.0.0.5', '2001:db8::5'], ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'addresses', received: '["10.0.0.5","2001:db8::5"]', allowed: 'addresses of one family',
    });
  });

  test.each(['127.0.0.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1'])('GIVEN the address %s WHEN created THEN a PropError says the API server refuses it', (ip) => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { addresses: [ip], ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'addresses[0]', received: JSON.stringify(ip), allowed: 'not unspecified, loopback or link-local',
    });
  });

  test('GIVEN something that is not an IP address WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { addresses: ['db.example.com'], ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'addresses[0]', received: '"db.example.com"', allowed: 'an IPv4 or IPv6 address',
    });
  });

  test('GIVEN an address twice WHEN created THEN a PropError asks for no duplicates', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { addresses: ['10.0.0.5', '10.0.0.5'], ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'addresses', received: '["10.0.0.5","10.0.0.5"]', allowed: 'without duplicates',
    });
  });

  test('GIVEN an empty list of addresses WHEN created THEN a PropError names addresses', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { addresses: [], ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'addresses', received: '[]', allowed: '1 to 1000 IP addresses',
    });
  });

  test('GIVEN connectDirectly with addresses WHEN created THEN a PropError says it needs an externalName', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { addresses: ['10.0.0.5'], ports: [{ port: 443 }], connectDirectly: true }), {
      path: 'test/svc', prop: 'connectDirectly', received: 'true', allowed: 'without externalName',
    });
  });
});

describe('ExternalService props', () => {
  test('GIVEN both externalName and addresses WHEN created THEN a PropError asks for one of them', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { externalName: RDS, addresses: ['10.0.0.5'], ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'externalName', received: JSON.stringify(RDS), allowed: 'not both and not neither',
    });
  });

  test('GIVEN neither externalName nor addresses WHEN created THEN a PropError asks for one of them', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { ports: [{ port: 443 }] }), {
      path: 'test/svc', prop: 'externalName', received: 'undefined', allowed: 'either externalName',
    });
  });

  test('GIVEN no ports WHEN created THEN a PropError names ports', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { externalName: RDS, ports: [] }), {
      path: 'test/svc', prop: 'ports', received: '[]', allowed: 'a non-empty array',
    });
  });

  test('GIVEN a name that is not a DNS-1035 label WHEN created THEN a PropError names name', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { name: '1db', externalName: RDS, ports: [{ port: 5432 }] }), {
      path: 'test/svc', prop: 'name', received: '"1db"', allowed: 'DNS-1035 label',
    });
  });

  test('GIVEN a cidr that is not one WHEN created THEN a PropError names cidr', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { externalName: RDS, ports: [{ port: 5432 }], cidr: '10.20.0.0' }), {
      path: 'test/svc', prop: 'cidr', received: '"10.20.0.0"', allowed: 'an IPv4 or IPv6 CIDR',
    });
  });

  test('GIVEN credentialEnv without credentials WHEN created THEN a PropError says it needs the Secret', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { externalName: RDS, ports: [{ port: 5432 }], credentialEnv: { PGPASSWORD: 'password' } }), {
      path: 'test/svc', prop: 'credentialEnv', received: '{"PGPASSWORD":"password"}', allowed: 'nothing without credentials',
    });
  });

  test('GIVEN credentials that are not a Secret WHEN created THEN a PropError names credentials', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'svc', { externalName: RDS, ports: [{ port: 5432 }], credentials: 'db-secret' as any }), {
      path: 'test/svc', prop: 'credentials', received: '"db-secret"', allowed: 'a Secret',
    });
  });

  test('GIVEN credentialEnv with a value that is not a Secret key WHEN created THEN a PropError names the variable', () => {
    const { stack } = makeStack();
    const secret = Secret.fromSecretName(stack, 'creds', 'orders-db');
    expectPropError(() => new ExternalService(stack, 'svc', { externalName: RDS, ports: [{ port: 5432 }], credentials: secret, credentialEnv: { PGPASSWORD: 'pass word' } }), {
      path: 'test/svc', prop: 'credentialEnv.PGPASSWORD', received: '"pass word"', allowed: 'a key of the credentials Secret',
    });
  });

  test('GIVEN an ExternalService WHEN allowFrom() is called on it THEN a PropError says it runs outside the cluster', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }] });
    expectPropError(() => db.allowFrom(NetworkPeer.namespace('monitoring')), {
      path: 'test/db', prop: 'allowFrom()', received: '{"source":{"kind":"namespace","namespace":"monitoring"}}', allowed: 'runs outside the cluster',
    });
  });

  test('GIVEN metadata labels WHEN synthesized THEN the Service carries them beside its component label', () => {
    const { stack } = makeStack();
    new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432, protocol: Protocol.TCP }], metadata: { labels: { team: 'orders' } } });
    expect(findObject(synth(stack), 'Service', 'db').metadata.labels).toMatchObject({ team: 'orders', 'app.kubernetes.io/component': 'external-service' });
  });

  test('GIVEN the EndpointSlice\'s service-name label in metadata WHEN created THEN a PropError says the EndpointSlice uses it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalService(stack, 'db2', { externalName: RDS, ports: [{ port: 5432 }], metadata: { labels: { 'kubernetes.io/service-name': 'x' } } }), {
      path: 'test/db2', prop: 'metadata.labels.kubernetes.io/service-name', received: '"x"',
    });
  });

  test('GIVEN an ExternalService WHEN tested with isExternalService THEN it is one, and a plain object is not', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }] });
    expect([ExternalService.isExternalService(db), ExternalService.isExternalService({ name: 'db' })]).toEqual([true, false]);
  });
});

describe('connectTo() an ExternalService', () => {
  test('GIVEN an ExternalName service WHEN a workload connects to it THEN the URL names the Service and no NetworkPolicy is rendered', () => {
    // GIVEN
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'orders-db', { externalName: RDS, ports: [{ port: 5432 }] });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    // WHEN
    api.connectTo(db);
    const objects = synth(stack);
    // THEN
    expect(containerOf(objects, 'api').env).toEqual([{ name: 'ORDERS_DB_URL', value: 'http://orders-db.test.svc.cluster.local:5432' }]);
    expect(findObjects(objects, 'NetworkPolicy')).toEqual([]);
  });

  test('GIVEN an address form with a scheme WHEN connected THEN the variable uses it', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'orders-db', { externalName: RDS, ports: [{ port: 5432 }] });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    api.connectTo(db, { envVar: 'DATABASE_URL', as: Address.url('postgres') });
    expect(containerOf(synth(stack), 'api').env).toEqual([{ name: 'DATABASE_URL', value: 'postgres://orders-db.test.svc.cluster.local:5432' }]);
  });

  test('GIVEN connectDirectly WHEN connected THEN the variable names the external host', () => {
    const { stack } = makeStack();
    const payments = new ExternalService(stack, 'payments', { externalName: 'api.payments.example', ports: [{ port: 443 }], connectDirectly: true });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    api.connectTo(payments, { as: Address.url('https') });
    expect(containerOf(synth(stack), 'api').env).toEqual([{ name: 'PAYMENTS_URL', value: 'https://api.payments.example' }]);
  });

  test('GIVEN a default-deny namespace and a cidr WHEN connected THEN the caller\'s egress goes to the CIDR on the port', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }], cidr: '10.20.0.0/16' });
    const w = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    w.connectTo(db);
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'w').spec.egress).toEqual([
      DNS_RULE, { to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
  });

  test('GIVEN a default-deny namespace and an externalName without a cidr WHEN connected THEN the caller\'s egress goes to any address on the port', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }] });
    const w = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    w.connectTo(db);
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'w').spec.egress).toEqual([DNS_RULE, { ports: [{ port: 5432, protocol: 'TCP' }] }]);
  });

  test('GIVEN a default-deny namespace and addresses WHEN connected THEN the caller\'s egress goes to each address on the port at the addresses', () => {
    // GIVEN
    const { stack } = makeStack({ namespaceOptions: { defaultDenyNetwork: true } });
    const ledger = new ExternalService(stack, 'ledger', { addresses: ['10.30.0.5'], ports: [{ port: 443, targetPort: 8443 }] });
    const w = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    // WHEN
    w.connectTo(ledger);
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'w').spec.egress[1]).toEqual({ to: [{ ipBlock: { cidr: '10.30.0.5/32' } }], ports: [{ port: 8443, protocol: 'TCP' }] });
  });

  test('GIVEN credentials WHEN connected THEN every key of the Secret reaches the container through envFrom', () => {
    // GIVEN
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }], credentials: Secret.fromSecretName(stack, 'creds', 'orders-db') });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    // WHEN
    api.connectTo(db);
    // THEN
    expect(containerOf(synth(stack), 'api').envFrom).toEqual([{ secretRef: { name: 'orders-db' } }]);
  });

  test('GIVEN credentialEnv WHEN connected THEN each variable reads its key of the Secret, and there is no envFrom', () => {
    // GIVEN
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', {
      externalName: RDS, ports: [{ port: 5432 }], credentials: Secret.fromSecretName(stack, 'creds', 'orders-db'), credentialEnv: { PGPASSWORD: 'password' },
    });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    // WHEN
    api.connectTo(db);
    // THEN
    const c = containerOf(synth(stack), 'api');
    expect(c.env).toEqual([
      { name: 'DB_URL', value: 'http://db.test.svc.cluster.local:5432' },
      { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password' } } },
    ]);
    expect(c.envFrom).toBeUndefined();
  });

  test('GIVEN credentialEnv naming a variable the container sets WHEN connected THEN a PropError names it', () => {
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', {
      externalName: RDS, ports: [{ port: 5432 }], credentials: Secret.fromSecretName(stack, 'creds', 'orders-db'), credentialEnv: { PGPASSWORD: 'password' },
    });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, env: { PGPASSWORD: 'x' } } as any);
    expectPropError(() => api.connectTo(db), { path: 'test/api', prop: 'connectTo() env PGPASSWORD', received: '"PGPASSWORD"', allowed: 'a variable not already set' });
  });

  test('GIVEN credentials and an init container WHEN connected to it THEN the credentials go to that container too', () => {
    // GIVEN
    const { stack } = makeStack();
    const db = new ExternalService(stack, 'db', { externalName: RDS, ports: [{ port: 5432 }], credentials: Secret.fromSecretName(stack, 'creds', 'orders-db') });
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES });
    api.addInitContainer({ name: 'migrate', image: IMAGE, resources: RESOURCES });
    // WHEN
    api.connectTo(db, { containers: ['migrate'] });
    // THEN
    const init = findObject(synth(stack), 'Deployment', 'api').spec.template.spec.initContainers[0];
    expect([init.env, init.envFrom]).toEqual([[{ name: 'DB_URL', value: 'http://db.test.svc.cluster.local:5432' }], [{ secretRef: { name: 'orders-db' } }]]);
  });
});
