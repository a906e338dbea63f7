import { Address, ServiceEndpoint, StatefulService, WebService, Worker, findObject } from '../../lib';
import { containerOf, expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** A stack with a redis StatefulService on 6379, an api WebService on 9000 (Service port 80) and a caller. */
function setUp() {
  const { stack } = makeStack();
  const redis = new StatefulService(stack, 'redis', { image: 'redis:7.2.4', resources: RESOURCES, port: 6379, portName: 'redis', replicas: 1 });
  const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, port: 9000, servicePort: 80, extraPorts: [{ name: 'grpc', port: 9090 }] });
  const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
  return { stack, redis, api, web };
}

/** The env of the web container, as name -> value. */
function envOf(stack: ReturnType<typeof setUp>['stack'], workload = 'web', container?: string): Record<string, string> {
  const spec = podSpecOf(synth(stack), workload);
  const all = [...spec.containers, ...(spec.initContainers ?? [])];
  const c = container === undefined ? all[0] : all.find((x: any) => x.name === container);
  return Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e.value]));
}

describe('Address forms of connectTo()', () => {
  test('GIVEN no form WHEN connected THEN the variable is <NAME>_URL with an http URL (port left out when 80)', () => {
    // GIVEN
    const { stack, api, web } = setUp();
    // WHEN
    web.connectTo(api);
    // THEN
    expect(envOf(stack)).toEqual({ API_URL: 'http://api.test.svc.cluster.local' });
  });

  test('GIVEN Address.hostPort() WHEN connected THEN the variable is <NAME>_ADDR=<host>:<port>', () => {
    // GIVEN
    const { stack, api, web } = setUp();
    // WHEN
    web.connectTo(api, { as: Address.hostPort(), port: 9090 });
    // THEN
    expect(envOf(stack)).toEqual({ API_ADDR: 'api.test.svc.cluster.local:9090' });
  });

  test('GIVEN Address.host() WHEN connected THEN the variable is <NAME>_HOST with the DNS name only', () => {
    const { stack, redis, web } = setUp();
    web.connectTo(redis, { as: Address.host() });
    expect(envOf(stack)).toEqual({ REDIS_HOST: 'redis.test.svc.cluster.local' });
  });

  test('GIVEN Address.port() WHEN connected THEN the variable is <NAME>_PORT with the Service port', () => {
    const { stack, api, web } = setUp();
    web.connectTo(api, { as: Address.port() });
    expect(envOf(stack)).toEqual({ API_PORT: '80' });
  });

  test('GIVEN Address.url("redis") WHEN connected THEN the URL has that scheme and always the port', () => {
    const { stack, redis, web } = setUp();
    web.connectTo(redis, { as: Address.url('redis'), envVar: 'REDIS_URL' });
    expect(envOf(stack)).toEqual({ REDIS_URL: 'redis://redis.test.svc.cluster.local:6379' });
  });

  test('GIVEN Address.url("postgres", { path }) WHEN connected THEN the path follows the port', () => {
    const { stack } = makeStack();
    const db = new StatefulService(stack, 'db', { image: 'postgres:16.3', resources: RESOURCES, port: 5432, replicas: 1 });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.connectTo(db, { as: Address.url('postgres', { path: '/orders?sslmode=disable' }) });
    expect(envOf(stack)).toEqual({ DB_URL: 'postgres://db.test.svc.cluster.local:5432/orders?sslmode=disable' });
  });

  test('GIVEN Address.url("https") on port 443 WHEN connected THEN the default port is left out', () => {
    const { stack } = makeStack();
    const api = new WebService(stack, 'api', { image: IMAGE, resources: RESOURCES, servicePort: 443 });
    const web = new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    web.connectTo(api, { as: Address.url('https') });
    expect(envOf(stack)).toEqual({ API_URL: 'https://api.test.svc.cluster.local' });
  });

  test('GIVEN env with several forms WHEN connected once THEN each variable is set and one ingress rule is added', () => {
    // GIVEN
    const { stack, redis, web } = setUp();
    // WHEN
    web.connectTo(redis, { env: { REDIS_HOST: Address.host(), REDIS_PORT: Address.port() } });
    // THEN
    expect(envOf(stack)).toEqual({ REDIS_HOST: 'redis.test.svc.cluster.local', REDIS_PORT: '6379' });
    expect(findObject(synth(stack), 'NetworkPolicy', 'redis').spec.ingress).toHaveLength(1);
  });

  test('GIVEN every form WHEN connected THEN the NetworkPolicy rule is the same as for the default URL', () => {
    const rules = [undefined, Address.hostPort(), Address.host(), Address.port(), Address.url('redis')].map((as) => {
      const { stack, redis, web } = setUp();
      web.connectTo(redis, { as });
      return findObject(synth(stack), 'NetworkPolicy', 'redis').spec;
    });
    for (const r of rules) expect(r).toEqual(rules[0]);
  });
});

describe('connectTo() twice', () => {
  test('GIVEN a target connected twice on one port WHEN synthesized THEN its NetworkPolicy has one rule for the caller', () => {
    // GIVEN
    const { stack, redis } = setUp();
    const web = new WebService(stack, 'web2', { image: IMAGE, resources: RESOURCES, initContainers: [{ name: 'wait', image: 'busybox:1.36.1', resources: RESOURCES }] });
    // WHEN
    web.connectTo(redis, { as: Address.url('redis') });
    web.connectTo(redis, { env: { REDIS_HOST: Address.host(), REDIS_PORT: Address.port() }, containers: ['wait'] });
    // THEN
    expect(findObject(synth(stack), 'NetworkPolicy', 'redis').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: web.selectorLabels } }], ports: [{ port: 6379, protocol: 'TCP' }] },
    ]);
  });

  test('GIVEN a target connected on two ports WHEN synthesized THEN each port has its rule', () => {
    const { stack, api, web } = setUp();
    web.connectTo(api);
    web.connectTo(api, { port: 9090, as: Address.hostPort() });
    expect(findObject(synth(stack), 'NetworkPolicy', 'api').spec.ingress.map((r: any) => r.ports[0].port)).toEqual([9000, 9090]);
  });
});

describe('connectTo() into other containers', () => {
  test('GIVEN an init container named in containers WHEN connected THEN it gets the variable and the main container not', () => {
    // GIVEN
    const { stack, redis } = setUp();
    const web = new WebService(stack, 'web2', { image: IMAGE, resources: RESOURCES, initContainers: [{ name: 'wait-for-redis', image: 'busybox:1.36.1', resources: RESOURCES }] });
    // WHEN
    web.connectTo(redis, { as: Address.hostPort(), containers: ['wait-for-redis'] });
    // THEN
    expect(envOf(stack, 'web2', 'wait-for-redis')).toEqual({ REDIS_ADDR: 'redis.test.svc.cluster.local:6379' });
    expect(envOf(stack, 'web2')).toEqual({});
  });

  test('GIVEN a sidecar and the main container named WHEN connected THEN both get the variable', () => {
    const { stack, api } = setUp();
    const web = new WebService(stack, 'web2', { image: IMAGE, resources: RESOURCES, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', resources: RESOURCES }] });
    web.connectTo(api, { containers: ['web2', 'proxy'] });
    expect(envOf(stack, 'web2')).toEqual({ API_URL: 'http://api.test.svc.cluster.local' });
    expect(envOf(stack, 'web2', 'proxy')).toEqual({ API_URL: 'http://api.test.svc.cluster.local' });
  });

  test('GIVEN an init container added with addInitContainer() WHEN connected THEN it gets the variable', () => {
    const { stack } = makeStack();
    const db = new StatefulService(stack, 'db', { image: 'postgres:16.3', resources: RESOURCES, port: 5432, replicas: 1 });
    const w = new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000 });
    w.addInitContainer({ name: 'migrate', image: IMAGE, resources: RESOURCES });
    w.connectTo(db, { as: Address.url('postgres'), containers: ['migrate'] });
    const init = podSpecOf(synth(stack), 'w').initContainers[0];
    expect(init.env).toEqual([{ name: 'DB_URL', value: 'postgres://db.test.svc.cluster.local:5432' }]);
  });

  test('GIVEN an unknown container WHEN connecting THEN a PropError lists the container names', () => {
    const { api, web } = setUp();
    expectPropError(() => web.connectTo(api, { containers: ['nope'] }), {
      path: 'test/web', prop: 'connectTo() containers', received: '"nope"', allowed: "one of the pod's containers: web",
    });
  });
});

describe('connectTo() form errors', () => {
  test('GIVEN env together with envVar WHEN connecting THEN a PropError says to pick one', () => {
    const { redis, web } = setUp();
    expectPropError(() => web.connectTo(redis, { envVar: 'X', env: { REDIS_HOST: Address.host() } }), {
      path: 'test/web', prop: 'connectTo() env', received: '"REDIS_HOST"', allowed: 'either env',
    });
  });

  test('GIVEN a value of env that is not an Address WHEN connecting THEN a PropError names the variable', () => {
    const { redis, web } = setUp();
    expectPropError(() => web.connectTo(redis, { env: { REDIS_HOST: 'host' as any } }), {
      path: 'test/web', prop: 'connectTo() env.REDIS_HOST', received: '"host"', allowed: 'Address.url()',
    });
  });

  test('GIVEN an invalid scheme WHEN connecting THEN a PropError names the scheme', () => {
    const { redis, web } = setUp();
    expectPropError(() => web.connectTo(redis, { as: Address.url('Redis:') }), {
      path: 'test/web', prop: 'connectTo() as scheme', received: '"Redis:"', allowed: 'RFC 3986 scheme',
    });
  });

  test('GIVEN a path without a leading slash WHEN connecting THEN a PropError names the path', () => {
    const { redis, web } = setUp();
    expectPropError(() => web.connectTo(redis, { as: Address.url('redis', { path: '0' }) }), {
      path: 'test/web', prop: 'connectTo() as path', received: '"0"', allowed: 'a path starting with "/"',
    });
  });

  test('GIVEN an empty env WHEN connecting THEN a PropError asks for at least one variable', () => {
    const { redis, web } = setUp();
    expectPropError(() => web.connectTo(redis, { env: {} }), { path: 'test/web', prop: 'connectTo() env', received: '{}', allowed: 'at least one variable' });
  });

  test('GIVEN a variable already set on a named container WHEN connecting THEN nothing is added to any container', () => {
    // GIVEN
    const { stack, redis } = setUp();
    const web = new WebService(stack, 'web2', { image: IMAGE, resources: RESOURCES, env: { REDIS_HOST: 'x' }, initContainers: [{ name: 'init', image: 'busybox:1.36.1', resources: RESOURCES }] });
    // WHEN
    expectPropError(() => web.connectTo(redis, { as: Address.host(), containers: ['init', 'web2'] }), {
      path: 'test/web2', prop: 'connectTo() env REDIS_HOST', received: '"REDIS_HOST"', allowed: 'not already set on container "web2"',
    });
    // THEN
    expect(envOf(stack, 'web2', 'init')).toEqual({});
  });
});

describe('address()', () => {
  test('GIVEN a service WHEN address() is called with each form THEN it gives what connectTo() writes', () => {
    const { redis, api } = setUp();
    expect(api.address()).toBe('http://api.test.svc.cluster.local');
    expect(api.address(Address.hostPort(), { port: 9090 })).toBe('api.test.svc.cluster.local:9090');
    expect(redis.address(Address.url('redis', { path: '/0' }))).toBe('redis://redis.test.svc.cluster.local:6379/0');
    expect(redis.address(Address.host())).toBe('redis.test.svc.cluster.local');
    expect(redis.address(Address.port())).toBe('6379');
  });

  test('GIVEN address() WHEN passed to addEnv() THEN the container gets it', () => {
    const { stack, redis, web } = setUp();
    web.addEnv('CACHE', redis.address(Address.hostPort()));
    expect(containerOf(synth(stack), 'web').env).toEqual([{ name: 'CACHE', value: 'redis.test.svc.cluster.local:6379' }]);
  });

  test('GIVEN an unknown port WHEN address() is called THEN a PropError lists the Service ports', () => {
    const { api } = setUp();
    expectPropError(() => api.address(Address.hostPort(), { port: 1 }), { path: 'test/api', prop: 'address() port', received: '1', allowed: 'one of the Service ports of "api": 80, 9090' });
  });

  test('GIVEN an imported Service WHEN connected with Address.hostPort() THEN the variable names it', () => {
    const { stack, web } = setUp();
    const search = ServiceEndpoint.fromServiceName(stack, 'search', { serviceName: 'opensearch', namespace: 'search', ports: [{ port: 9200 }] });
    web.connectTo(search, { as: Address.hostPort() });
    expect(envOf(stack)).toEqual({ OPENSEARCH_ADDR: 'opensearch.search.svc.cluster.local:9200' });
  });

  test('GIVEN an Address WHEN printed THEN it reads as the factory call', () => {
    expect(`${Address.url('postgres', { path: '/x' })} ${Address.hostPort()}`).toBe('Address.url("postgres", { path: "/x" }) Address.hostPort()');
  });
});
