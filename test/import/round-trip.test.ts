import * as fs from 'fs';
import * as path from 'path';
import { CliIo, main } from '../../lib/cli';
import { tmpdir } from '../_helpers';
import {
  commentBefore, findObject, KINDS_WITH_CONSTRUCTS, occurrences, rawKinds, RoundTripSet, useRoundTrips,
} from './_round-trip';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(__dirname, '..', 'fixtures', 'import');

/** The corpus sets (test/fixtures/import/README.md says what each is modelled on). */
const SETS: RoundTripSet[] = [
  { name: 'shop', paths: [path.join(CORPUS, 'shop')] },
  { name: 'podinfo', paths: [path.join(CORPUS, 'helm-podinfo', 'podinfo.yaml')], namespace: 'podinfo' },
  { name: 'compose', paths: [path.join(CORPUS, 'compose-shop', 'compose.yaml')], namespace: 'shop' },
  { name: 'bad', paths: [path.join(CORPUS, 'bad')], namespace: 'greeter' },
];

/** How many of each high-level construct the module of each set creates. */
const CONSTRUCTS: Record<string, Record<string, number>> = {
  // frontend, productcatalogservice and cartservice have Services; loadgenerator has none; redis-cart is stateful
  shop: { 'new WebService(': 3, 'new Worker(': 1, 'new StatefulService(': 1, 'new Config(': 1, 'new CronTask(': 1, 'new ServiceAccount(': 2 },
  // podinfo and its redis, each with its Service (podinfo's container port http-metrics, which its Service does not
  // expose, is an extra port); the redis ConfigMap; the chart's ServiceAccount
  podinfo: { 'new WebService(': 2, 'new Config(': 1, 'new ServiceAccount(': 1 },
  // web, api and postgres (expose) have a Service; worker has none; postgres.env is a Config
  compose: { 'new WebService(': 3, 'new Worker(': 1, 'new Config(': 1 },
  // greeter (manifests), app (ports) and cache (expose) have a Service; docker (compose) has none; greeter-config
  bad: { 'new WebService(': 3, 'new Worker(': 1, 'new Config(': 1 },
};

const trip = useRoundTrips(SETS);

/** How many of each high-level construct of {@link CONSTRUCTS} the module of set `name` creates. */
function constructCounts(name: string): Record<string, number> {
  const { source } = trip(name).result;
  return Object.fromEntries(Object.keys(CONSTRUCTS[name]).map((c) => [c, occurrences(source, c)]));
}

/** The kinds the module of set `name` writes raw although the library has a construct for them. */
function rawKindsWithConstructs(name: string): string[] {
  return rawKinds(trip(name).result.source).filter((k) => KINDS_WITH_CONSTRUCTS.includes(k));
}

describe.each(SETS.map((s) => [s.name]))('the %s set: the constructs used', (name) => {
  test('GIVEN the module WHEN read THEN it creates the high-level constructs of its objects', () => {
    expect(constructCounts(name)).toEqual(CONSTRUCTS[name]);
  });

  test('GIVEN the module WHEN read THEN no kind the library has a construct for is a raw ApiObject', () => {
    expect(rawKindsWithConstructs(name)).toEqual([]);
  });
});

describe('the shop set (microservices-demo-shaped manifests)', () => {
  test('GIVEN an Ingress, an HPA, a PDB and a NetworkPolicy WHEN imported THEN they are constructs or workload props', () => {
    // GIVEN / WHEN
    const { source } = trip('shop').result;
    // THEN
    expect(source).toContain('new Ingress(');
    expect(source).toContain('autoscaling: {');
    expect(source).toContain('disruptionBudget: {');
    expect(source).toContain('new NetworkPolicy(');
  });

  test('GIVEN env values naming other imported Services (cartservice:7070, redis-cart:6379, frontend:80) WHEN imported THEN they are connectTo() calls', () => {
    // GIVEN / WHEN
    const { source } = trip('shop').result;
    // THEN one per caller and target: frontend → productcatalogservice and cartservice, cartservice → redis-cart,
    // loadgenerator → frontend
    expect(occurrences(source, '.connectTo(')).toBeGreaterThanOrEqual(4);
  });

  test('GIVEN a Secret in the input WHEN imported THEN it is referenced by name and none of its values is in the code', () => {
    // GIVEN
    const { result, referencedSecrets } = trip('shop');
    // WHEN / THEN
    expect([...referencedSecrets]).toEqual(['Secret/shop/shop-secrets']);
    for (const value of ['fixture-redis-password-7f3a', 'Zml4dHVyZS1yZWRpcy1wYXNzd29yZC03ZjNh', 'fixture-api-token-91c2']) {
      expect(result.source).not.toContain(value);
    }
  });

  test('GIVEN the shop WHEN imported THEN the only problem reported is the note that its Secret is referenced, not written', () => {
    // GIVEN / WHEN
    const { problems } = trip('shop').result;
    // THEN
    expect(problems).toEqual([{ source: 'test/fixtures/import/shop/config.yaml#2', message: expect.stringContaining('Secret "shop-secrets" is referenced by name') }]);
  });
});

describe('the podinfo set (helm template output)', () => {
  test('GIVEN objects without namespace WHEN imported with --namespace podinfo THEN every namespaced object is in podinfo', () => {
    // GIVEN / WHEN
    const { output } = trip('podinfo');
    // THEN
    expect([...new Set(output.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata.namespace))]).toEqual(['podinfo']);
  });

  test('GIVEN the chart\'s HPA WHEN imported THEN it is the web service\'s autoscaling', () => {
    expect(trip('podinfo').result.source).toContain('autoscaling: {');
  });

  test('GIVEN helm\'s labels and the checksum annotation WHEN synthesized THEN they are kept as given', () => {
    // GIVEN / WHEN
    const redis = findObject(trip('podinfo').output, 'Deployment', 'my-release-podinfo-redis');
    // THEN
    expect(redis.metadata.labels['helm.sh/chart']).toBe('podinfo-6.5.4');
    expect(redis.spec.template.metadata.annotations['checksum/config']).toBe('4a6c0a2ca0e0c8ba2cd1e35d5a2a0f1ba1bcfbb3a92b8e51a0c7b0c2f3a9ea7d');
  });
});

describe('the compose set (four services)', () => {
  test('GIVEN depends_on on services with a port WHEN imported THEN they are connectTo() calls', () => {
    // GIVEN / WHEN
    const { source } = trip('compose').result;
    // THEN web → api, api → postgres, worker → postgres
    expect(occurrences(source, '.connectTo(')).toBe(3);
  });

  test('GIVEN the compose file\'s values WHEN synthesized THEN the image tags come from .env and the API\'s settings are kept', () => {
    // GIVEN / WHEN
    const { output } = trip('compose');
    const api = findObject(output, 'Deployment', 'api');
    const container = api.spec.template.spec.containers[0];
    // THEN
    expect(container.image).toBe('ghcr.io/example/shop-api:2.3.1');
    expect(findObject(output, 'Deployment', 'worker').spec.template.spec.containers[0].image).toBe('ghcr.io/example/shop-worker:2.3.1');
    expect(api.spec.replicas).toBe(2);
    expect(container.env).toEqual(expect.arrayContaining([{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'DATABASE_HOST', value: 'postgres' }]));
    // Compose's memory units are binary: 512M is 512 MiB
    expect(container.resources).toEqual({ limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
  });

  test('GIVEN web publishing 8080:80 WHEN synthesized THEN its Service listens on 8080 and targets 80', () => {
    // GIVEN / WHEN
    const port = findObject(trip('compose').output, 'Service', 'web').spec.ports[0];
    // THEN
    expect([port.port, port.targetPort]).toEqual([8080, 80]);
  });

  test('GIVEN postgres with a named volume and an env_file WHEN synthesized THEN it mounts a claim and reads the file\'s values from a ConfigMap', () => {
    // GIVEN
    const { output } = trip('compose');
    // WHEN
    const pod = findObject(output, 'Deployment', 'postgres').spec.template.spec;
    const claims = output.filter((o) => o.kind === 'PersistentVolumeClaim');
    const configMapName = pod.containers[0].envFrom?.[0]?.configMapRef?.name;
    // THEN
    expect(pod.containers[0].volumeMounts).toEqual(expect.arrayContaining([expect.objectContaining({ mountPath: '/var/lib/postgresql/data' })]));
    expect(claims).toHaveLength(1);
    expect(pod.volumes).toEqual(expect.arrayContaining([expect.objectContaining({ persistentVolumeClaim: { claimName: claims[0].metadata.name } })]));
    expect(findObject(output, 'ConfigMap', configMapName).data).toEqual({ POSTGRES_USER: 'shop', POSTGRES_DB: 'shop', PGDATA: '/var/lib/postgresql/data/pgdata' });
  });
});

describe('the bad set: one problem per bad item, the rest imported', () => {
  /**
   * The problems whose source starts with the corpus file `file` (relative to the bad set's folder), as the command
   * prints them: `source: message`.
   */
  function problemsOf(file: string): string[] {
    const prefix = path.relative(ROOT, path.join(CORPUS, 'bad', file));
    return trip('bad').result.problems.filter((p) => p.source.startsWith(prefix)).map((p) => `${p.source}: ${p.message}`);
  }

  const COMPOSE = path.join('compose', 'docker-compose.yml');

  test('GIVEN a file YAML cannot parse WHEN imported THEN it is one problem naming the file', () => {
    // GIVEN / WHEN
    const problems = problemsOf('broken.yaml');
    // THEN
    expect(problems).toHaveLength(1);
  });

  test('GIVEN a document without kind WHEN imported THEN it is one problem naming the document and the field', () => {
    // GIVEN / WHEN
    const problems = problemsOf('mixed.yaml#2');
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('kind');
  });

  test('GIVEN a custom resource (ServiceMonitor) WHEN imported THEN it is one problem saying it stays a raw ApiObject, and it is in the output as given', () => {
    // GIVEN / WHEN
    const problems = problemsOf('mixed.yaml#3');
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('ServiceMonitor');
    expect(rawKinds(trip('bad').result.source)).toEqual(['ServiceMonitor']);
    expect(commentBefore(trip('bad').result.source, 'new ApiObject(')).toContain('ServiceMonitor');
    expect(findObject(trip('bad').output, 'ServiceMonitor', 'greeter').spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s' }]);
  });

  test('GIVEN a compose service with a bind mount WHEN imported THEN it is one problem naming the mount, and the service is imported without it', () => {
    // GIVEN / WHEN
    const problems = problemsOf(COMPOSE).filter((p) => p.includes('services.app') && p.includes('volumes'));
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('./src');
    expect(findObject(trip('bad').output, 'Deployment', 'app').spec.template.spec.containers[0].image).toBe('ghcr.io/example/app:0.9.0');
  });

  test('GIVEN a compose service with build: and no image WHEN imported THEN it is one problem naming build, and nothing is made of it', () => {
    // GIVEN / WHEN
    const problems = problemsOf(COMPOSE).filter((p) => p.includes('services.builder'));
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('build');
    expect(trip('bad').output.filter((o) => o.metadata?.name === 'builder')).toEqual([]);
  });

  test('GIVEN a privileged compose service WHEN imported THEN it is one problem naming privileged, and the service is imported unprivileged', () => {
    // GIVEN / WHEN
    const problems = problemsOf(COMPOSE).filter((p) => p.includes('services.docker'));
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('privileged');
    expect(findObject(trip('bad').output, 'Deployment', 'docker').spec.template.spec.containers[0].securityContext?.privileged).not.toBe(true);
  });

  test('GIVEN the bad set WHEN given to cdk8s-platform import THEN it prints each problem once, writes the module and exits 0', async () => {
    // GIVEN
    const out = path.join(tmpdir(), 'imported.ts');
    const err: string[] = [];
    const io: CliIo = { cwd: ROOT, env: {}, stdout: () => undefined, stderr: (text) => { err.push(text); } };
    // WHEN
    const code = await main(['import', path.relative(ROOT, path.join(CORPUS, 'bad')), '--out', out, '--namespace', 'greeter'], io);
    // THEN
    const printed = err.join('').split('\n');
    expect(code).toBe(0);
    expect(trip('bad').result.problems.filter((p) => printed.filter((line) => line === `${p.source}: ${p.message}`).length !== 1)).toEqual([]);
    expect(fs.readFileSync(out, 'utf8')).toBe(trip('bad').result.source);
  });

  test('GIVEN the good items of the bad set WHEN imported THEN none has a problem', () => {
    // GIVEN / WHEN
    const good = [...problemsOf('greeter.yaml'), ...problemsOf('mixed.yaml#1'), ...problemsOf(COMPOSE).filter((p) => p.includes('services.cache'))];
    // THEN
    expect(good).toEqual([]);
  });
});
