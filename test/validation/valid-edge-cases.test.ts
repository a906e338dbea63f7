import { ManifestObject } from '../../lib';
import { ValidationPreset } from '../../lib/validation/presets';
import { cronJob, deployment, findingsOf, job, pdb, secret, service, set } from './_fixtures';

const C0 = 'spec.template.spec.containers[0]';

/** Inputs the API server accepts: no schema, API or integrity rule may report them (false-positive guard). */
const VALID: Array<[string, () => ManifestObject[]]> = [
  ['an ExternalName Service with a trailing dot', () => [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'db.example.com.' } }]],
  ['a headless Service without ports', () => [deployment(), set(set(service(), 'spec.ports', undefined), 'spec.clusterIP', 'None')]],
  ['a Service with a numeric targetPort', () => [deployment(), set(service(), 'spec.ports[0].targetPort', 8080)]],
  ['a Job named by generateName only', () => [set(set(job(), 'metadata.name', undefined), 'metadata.generateName', 'migrate-')]],
  ...['@every 1h30m', '*/15 * * * *', '0 0 1,15 * *', '0 9 * JAN-MAR MON', '@midnight', '5 4 * * sun', '0 22 * * 1-5', '0 0 ? * *']
    .map((schedule): [string, () => ManifestObject[]] => [`the CronJob schedule "${schedule}"`, () => [set(cronJob(), 'spec.schedule', schedule)]]),
  ['a gRPC readiness probe', () => [deployment(), pdb(), service(), ].map((o) => (o.kind === 'Deployment' ? set(o, `${C0}.readinessProbe`, { grpc: { port: 9090 } }) : o))],
  ['a TLS Secret whose keys are in stringData', () => [set(set(set(secret(), 'type', 'kubernetes.io/tls'), 'data', undefined), 'stringData', { 'tls.crt': 'c', 'tls.key': 'k' })]],
  ['a PDB with a percentage', () => [deployment(), set(pdb(), 'spec.maxUnavailable', '10%')]],
  ['maxSurge 0 and maxUnavailable 1', () => [set(deployment(), 'spec.strategy.rollingUpdate', { maxSurge: 0, maxUnavailable: 1 }), pdb(), service()]],
  ['quantities written as numbers', () => [set(deployment(), `${C0}.resources`, { requests: { cpu: 0.5, memory: '1e9' }, limits: { cpu: 1, memory: '2e9' } }), pdb(), service()]],
  ['a Recreate Deployment', () => [set(deployment(), 'spec.strategy', { type: 'Recreate' }), pdb(), service()]],
  ['null fields, as kubectl and Helm write them', () => [set(set(deployment(), 'metadata.creationTimestamp', null), 'status', {}), pdb(), service()]],
  ['a label value that is empty', () => [set(deployment(), 'metadata.labels.tier', ''), pdb(), service()]],
  ['an annotation key in upper case', () => [set(deployment(), 'metadata.annotations', { 'Example.com/Owner': 'team-a' }), pdb(), service()]],
  ['an env var name with dots and dashes', () => [set(deployment(), `${C0}.env[0].name`, 'my.env-name'), pdb(), service()]],
  ['a Namespace-less object next to namespaced ones', () => [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:aggregate-to-view:x' }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] }]],
];

describe('valid inputs', () => {
  test.each(VALID)('GIVEN %s WHEN validated without policy THEN there is no finding', (_name, objects) => {
    const findings = findingsOf(objects(), { preset: ValidationPreset.API_ONLY });
    expect(findings.map((f) => `${f.rule} ${f.kind} ${f.field}: ${f.message}`)).toEqual([]);
  });
});
