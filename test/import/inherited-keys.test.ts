import { translateCompose } from '../../lib/import/compose';
import { generateModule } from '../../lib/import/generate-module';
import { SourcedObject } from '../../lib/import/import-model';

/**
 * Values of the input that name a member every JavaScript object inherits (`constructor`, `toString`, ...): the
 * importer looks many values up in tables of what it knows (path types, policies, access modes, quota keys, Compose
 * keys), and such a value must be unknown like any other, never a function printed into the generated code.
 */

/** Plain objects as a reader gives them, sourced `in.yaml#N`. */
function sourced(...objects: Array<Record<string, unknown>>): SourcedObject[] {
  return objects.map((object, i) => ({ object, source: `in.yaml#${i + 1}` }));
}

/** What an inherited function looks like once printed. */
const PRINTED_FUNCTION = /native code|\[object /;

const CONTAINER = { name: 'web', image: 'ghcr.io/acme/web:1.0.0', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } };

describe('input values naming inherited members', () => {
  test('GIVEN an Ingress path whose pathType is "constructor" WHEN generated THEN the Ingress stays raw and no function is printed', () => {
    // GIVEN
    const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ ...CONTAINER, ports: [{ name: 'http', containerPort: 8080 }] }] } } } };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } };
    const ingress = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' },
      spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'constructor', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    };
    // WHEN
    const { source, problems } = generateModule(sourced(web, svc, ingress));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(problems.filter((p) => p.source === 'in.yaml#3')).toEqual([{ source: 'in.yaml#3', message: expect.stringContaining('kept as a raw ApiObject') }]);
  });

  test('GIVEN a CronJob whose concurrencyPolicy is "toString" WHEN generated THEN it stays raw, the problem naming the field', () => {
    // GIVEN
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop' }, spec: { schedule: '0 3 * * *', concurrencyPolicy: 'toString', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [CONTAINER] } } } } } };
    // WHEN
    const { source, problems } = generateModule(sourced(cron));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(problems).toEqual([{ source: 'in.yaml#1', message: expect.stringContaining('spec.concurrencyPolicy') }]);
  });

  test('GIVEN a claim whose access mode is "constructor" WHEN generated THEN it stays raw and no function is printed', () => {
    // GIVEN
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['constructor'], resources: { requests: { storage: '1Gi' } } } };
    // WHEN
    const { source, rawObjects } = generateModule(sourced(claim));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(rawObjects).toBe(1);
  });

  test('GIVEN a Pod whose restartPolicy is "valueOf" WHEN generated THEN it stays raw, the problem naming the field', () => {
    // GIVEN
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { restartPolicy: 'valueOf', containers: [CONTAINER] } };
    // WHEN
    const { source, problems } = generateModule(sourced(pod));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(problems).toEqual([{ source: 'in.yaml#1', message: expect.stringContaining('spec.restartPolicy') }]);
  });

  test('GIVEN a RoleBinding to a ClusterRole named "constructor" WHEN generated THEN the role is referenced by that name', () => {
    // GIVEN
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'readers', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'constructor' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'readers' }],
    };
    // WHEN
    const { source } = generateModule(sourced(binding));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(source).toContain("ClusterRole.fromClusterRoleName(this, 'constructor', 'constructor')");
  });

  test('GIVEN a ResourceQuota with a hard key "constructor" WHEN generated THEN it stays raw, the problem naming the key', () => {
    // GIVEN
    const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'shop' }, spec: { hard: { constructor: '1', pods: '10' } } };
    // WHEN
    const { source, problems } = generateModule(sourced(quota));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(problems).toEqual([{ source: 'in.yaml#1', message: expect.stringContaining("spec.hard['constructor']") }]);
  });

  test('GIVEN a toleration whose effect is "constructor" WHEN generated THEN the workload stays raw, the problem naming the toleration', () => {
    // GIVEN
    const worker = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'worker' } }, template: { metadata: { labels: { app: 'worker' } }, spec: { tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'constructor' }], containers: [CONTAINER] } } } };
    // WHEN
    const { source, problems } = generateModule(sourced(worker));
    // THEN
    expect(source).not.toMatch(PRINTED_FUNCTION);
    expect(problems).toEqual([{ source: 'in.yaml#1', message: expect.stringContaining('tolerations[0]') }]);
  });

  test('GIVEN an object of kind "constructor" WHEN generated THEN the problem says the library has no construct for it', () => {
    // GIVEN
    const odd = { apiVersion: 'example.com/v1', kind: 'constructor', metadata: { name: 'x', namespace: 'shop' } };
    // WHEN
    const { problems } = generateModule(sourced(odd));
    // THEN
    expect(problems).toEqual([{ source: 'in.yaml#1', message: 'kept as a raw ApiObject: the library has no construct for constructor (example.com/v1)' }]);
  });

  test('GIVEN Compose keys "constructor" and "toString" WHEN translated THEN each is an unknown key, ignored', () => {
    // GIVEN
    const yaml = 'toString: 1\nservices:\n  web:\n    image: nginx:1.25\n    constructor: 1\n';
    // WHEN
    const { problems } = translateCompose(yaml, 'compose.yaml', { namespace: 'shop', readFile: () => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); } });
    // THEN
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([
      'not a key of the Compose Specification: ignored',
      'not a key of a Compose service: ignored',
    ]));
    expect(problems.map((p) => p.message).join('\n')).not.toMatch(PRINTED_FUNCTION);
  });
});
