/**
 * Round trips of the pod fields real apps have (test/fixtures/import/pod-fields/): scheduling (priority class,
 * tolerations, node and pod affinity, topology spread), classic and native sidecars, mounts of every container,
 * subPath, preStop hooks and an autoscaler's behavior become workload props; what no prop writes keeps its workload
 * raw, with a problem naming the field.
 */
import * as path from 'path';
import { KubeObject } from './_kubernetes-defaults';
import { findObject, KINDS_WITH_CONSTRUCTS, occurrences, rawKinds, RoundTripSet, useRoundTrips } from './_round-trip';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'import', 'pod-fields');

const SETS: RoundTripSet[] = [
  { name: 'pod-fields', paths: [path.join(CORPUS, 'checkout.yaml'), path.join(CORPUS, 'ledger-worker.yaml')], namespace: 'payments' },
  { name: 'pod-fields-raw', paths: [path.join(CORPUS, 'not-expressible.yaml')], namespace: 'payments' },
];

const trip = useRoundTrips(SETS);

describe('the pod-fields set: the constructs used', () => {
  test('GIVEN the checkout API with its Service and HPA, and the ledger worker WHEN imported THEN they are a WebService and a Worker', () => {
    // GIVEN / WHEN
    const { source } = trip('pod-fields').result;
    // THEN
    expect(['new WebService(', 'new Worker(', 'new Config('].map((c) => occurrences(source, c))).toEqual([1, 1, 2]);
  });

  test('GIVEN the set WHEN imported THEN nothing stays raw and there is no problem', () => {
    // GIVEN / WHEN
    const { source, problems } = trip('pod-fields').result;
    // THEN
    expect(rawKinds(source).filter((k) => KINDS_WITH_CONSTRUCTS.includes(k))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('GIVEN the checkout pods\' scheduling fields WHEN imported THEN each is a prop of the workload', () => {
    // GIVEN / WHEN
    const { source } = trip('pod-fields').result;
    // THEN
    for (const prop of ['priorityClass: businessCritical', 'tolerations: [', 'nodeAffinity: [', 'podAffinity: [', 'spread: [', 'behavior: {']) expect(source).toContain(prop);
  });

  test('GIVEN pods with topologySpreadConstraints of their own WHEN imported THEN no spread addition is listed for them', () => {
    // GIVEN / WHEN
    const { additions } = trip('pod-fields').result;
    // THEN
    expect(additions.flatMap((a) => a.fields).filter((f) => f.endsWith('topologySpreadConstraints'))).toEqual([]);
  });

  test('GIVEN an Envoy container beside the main one WHEN imported THEN it is a classic sidecar', () => {
    expect(trip('pod-fields').result.source).toContain('sidecarMode: SidecarMode.classic()');
  });

  test('GIVEN an init container with restartPolicy Always WHEN imported THEN it is a native sidecar, and the output keeps it an init container', () => {
    // GIVEN / WHEN
    const { result, output } = trip('pod-fields');
    const pod = findObject(output, 'Deployment', 'ledger-worker').spec.template.spec;
    // THEN
    expect(result.source).toContain('sidecarMode: SidecarMode.native()');
    expect(pod.initContainers.map((c: KubeObject) => [c.name, c.restartPolicy])).toEqual([['cloud-sql-proxy', 'Always'], ['migrate', undefined]]);
  });

  test('GIVEN a ConfigMap key mounted with subPath WHEN synthesized THEN the mount keeps its subPath', () => {
    // GIVEN / WHEN
    const pod = findObject(trip('pod-fields').output, 'Deployment', 'checkout').spec.template.spec;
    // THEN
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/checkout/app.yaml', subPath: 'app.yaml', readOnly: true });
  });

  test('GIVEN a volume named as the construct names it (config-ledger-migrations) WHEN imported THEN no volumeName is written', () => {
    // GIVEN / WHEN
    const { source } = trip('pod-fields').result;
    // THEN
    expect(source).toContain("Mount.config(ledgerMigrations, '/migrations')");
    expect(source).not.toContain("volumeName: 'config-ledger-migrations'");
  });
});

describe('the pod-fields-raw set: fields no prop writes', () => {
  test.each([
    ['tolerates-everything', 'spec.template.spec.tolerations[0] (no key: a toleration of every taint'],
    ['either-pool', 'spec.template.spec.affinity.nodeAffinity (2 node selector terms'],
    ['log-shipping', 'spec.template.spec.volumes[name=logs] (mounted 2 times'],
    ['warms-up', 'spec.template.spec.containers[0].lifecycle (a field postStart no option writes'],
    ['zonal', 'spec.template.spec.topologySpreadConstraints[0] (a field minDomains no option writes'],
  ])('GIVEN Deployment %s WHEN imported THEN it stays raw and its problem names the field', (name, field) => {
    // GIVEN / WHEN
    const { result } = trip('pod-fields-raw');
    const problem = result.problems.find((p) => p.message.includes(field));
    // THEN
    expect(problem?.message).toContain('kept as a raw ApiObject');
    expect(result.source).toContain(`new ApiObject(this, 'deployment-${name}'`);
  });
});
