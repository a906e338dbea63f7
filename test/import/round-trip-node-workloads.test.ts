/**
 * Round trips of node agents and bare pods (`test/fixtures/import/node-agents/`): DaemonSets become `DaemonSet`
 * constructs (their node access as `hostAccess`), Pods `Pod` constructs; what neither can express stays raw.
 */
import * as path from 'path';
import { KubeObject } from './_kubernetes-defaults';
import { rawKinds, RoundTripSet, useRoundTrips } from './_round-trip';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'import', 'node-agents');

/** The constructs set (a log shipper, a node exporter, two pods) and the set of what stays raw. */
const SETS: RoundTripSet[] = [
  { name: 'node-agents', paths: ['fluent-bit.yaml', 'node-exporter.yaml', 'debug-pods.yaml'].map((f) => path.join(CORPUS, f)) },
  { name: 'node-agents-raw', paths: [path.join(CORPUS, 'unexpressible.yaml')] },
];

/** How many of each construct the module of the constructs set creates. */
const CONSTRUCTS: Record<string, number> = {
  // fluent-bit and node-exporter; debug and toolbox; fluent-bit's ConfigMap and ServiceAccount
  'new DaemonSet(': 2, 'new Pod(': 2, 'new Config(': 1, 'new ServiceAccount(': 1,
};

const trip = useRoundTrips(SETS);

/** The synthesized object of `kind` and `name` in the set `set`. */
function outputObject(set: string, kind: string, name: string): KubeObject {
  const found = trip(set).output.find((o) => o.kind === kind && o.metadata?.name === name);
  if (found === undefined) throw new Error(`no ${kind} "${name}" in the output of ${set}`);
  return found;
}

describe('the node-agents set: the constructs used', () => {
  test('GIVEN the module WHEN read THEN it creates a construct for each object', () => {
    // GIVEN
    const { source } = trip('node-agents').result;
    // WHEN
    const counts = Object.fromEntries(Object.keys(CONSTRUCTS).map((c) => [c, source.split(c).length - 1]));
    // THEN
    expect(counts).toEqual(CONSTRUCTS);
  });

  test('GIVEN the module WHEN read THEN nothing is a raw ApiObject and no problem is reported', () => {
    // GIVEN
    const { result } = trip('node-agents');
    // WHEN / THEN
    expect(rawKinds(result.source)).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  test('GIVEN fluent-bit\'s host paths WHEN synthesized THEN they are HostAccess.paths(), read-only but the position file\'s folder', () => {
    // GIVEN / WHEN
    const pod = outputObject('node-agents', 'DaemonSet', 'fluent-bit').spec.template.spec;
    // THEN
    expect(trip('node-agents').result.source).toContain("{ hostPath: '/var/lib/fluent-bit', writable: true, type: HostPathType.DIRECTORY_OR_CREATE },");
    const host = new Set(pod.volumes.filter((v: KubeObject) => v.hostPath !== undefined).map((v: KubeObject) => v.name));
    expect(pod.containers[0].volumeMounts.filter((m: KubeObject) => host.has(m.name))).toEqual([
      { name: 'varlog', mountPath: '/var/log', readOnly: true },
      { name: 'varlibdockercontainers', mountPath: '/var/lib/docker/containers', readOnly: true },
      { name: 'host-var-lib-fluent-bit', mountPath: '/var/lib/fluent-bit' },
      { name: 'etcmachineid', mountPath: '/etc/machine-id', readOnly: true },
    ]);
  });

  test('GIVEN the chart\'s own volume names WHEN imported THEN volumeName keeps them, and is left out where the construct gives the name', () => {
    // GIVEN / WHEN
    const { source } = trip('node-agents').result;
    // THEN
    expect(source).toContain("{ hostPath: '/var/log', volumeName: 'varlog' },");
    expect(source).toContain("{ hostPath: '/var/lib/docker/containers', volumeName: 'varlibdockercontainers' },");
    expect(source).not.toContain("volumeName: 'host-var-lib-fluent-bit'");
    expect(source).toContain("{ hostPath: '/', mountPath: '/host/root', volumeName: 'root' },");
  });

  test('GIVEN hostPath types WHEN synthesized THEN each volume has its type, and the volumes without one none', () => {
    // GIVEN / WHEN
    const volumes = outputObject('node-agents', 'DaemonSet', 'fluent-bit').spec.template.spec.volumes;
    // THEN
    expect(volumes.filter((v: KubeObject) => v.hostPath !== undefined).map((v: KubeObject) => [v.name, v.hostPath.type])).toEqual([
      ['varlog', undefined], ['varlibdockercontainers', undefined], ['host-var-lib-fluent-bit', 'DirectoryOrCreate'], ['etcmachineid', 'File'],
    ]);
  });

  test('GIVEN fluent-bit\'s one toleration of every taint WHEN imported THEN it is the DaemonSet\'s default, not a prop', () => {
    // GIVEN / WHEN
    const { source } = trip('node-agents').result;
    // THEN only node-exporter, which has no toleration, says tolerateAllTaints: false
    expect(source.split('tolerateAllTaints: false').length - 1).toBe(1);
    expect(outputObject('node-agents', 'DaemonSet', 'fluent-bit').spec.template.spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(outputObject('node-agents', 'DaemonSet', 'node-exporter').spec.template.spec.tolerations).toBeUndefined();
  });

  test('GIVEN node-exporter\'s host network, processes and port WHEN synthesized THEN they are as given', () => {
    // GIVEN / WHEN
    const pod = outputObject('node-agents', 'DaemonSet', 'node-exporter').spec.template.spec;
    // THEN
    expect([pod.hostNetwork, pod.hostPID, pod.dnsPolicy]).toEqual([true, true, 'ClusterFirstWithHostNet']);
    expect(pod.containers[0].ports).toEqual([{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }]);
  });

  test('GIVEN a debug pod that never restarts WHEN imported THEN it is a Pod with PodRestartPolicy.NEVER and its labels as pod labels', () => {
    // GIVEN / WHEN
    const { source } = trip('node-agents').result;
    // THEN
    expect(source).toContain('restartPolicy: PodRestartPolicy.NEVER,');
    expect(source).toContain("podLabels: { run: 'debug' },");
    expect(outputObject('node-agents', 'Pod', 'debug').spec.restartPolicy).toBe('Never');
  });
});

describe('the node-agents-raw set: what the constructs cannot express', () => {
  test('GIVEN a DaemonSet and a Pod with a field their construct cannot write WHEN imported THEN both stay raw ApiObjects', () => {
    expect(rawKinds(trip('node-agents-raw').result.source)).toEqual(['DaemonSet', 'Pod']);
  });

  test('GIVEN a host path mounted with mountPropagation WHEN imported THEN the problem names that volume only, not the one with the chart\'s name', () => {
    // GIVEN / WHEN
    const { problems } = trip('node-agents-raw').result;
    // THEN
    expect(problems[0]).toEqual({
      source: 'test/fixtures/import/node-agents/unexpressible.yaml#1',
      message: 'kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.volumes[name=rootfs] (a hostPath volume the main container mounts once, with mountPath and readOnly only)',
    });
  });

  test('GIVEN a Pod pinned to a node by nodeName WHEN imported THEN the problem names spec.nodeName', () => {
    // GIVEN / WHEN
    const { problems } = trip('node-agents-raw').result;
    // THEN
    expect(problems[1]).toEqual({ source: 'test/fixtures/import/node-agents/unexpressible.yaml#2', message: 'kept as a raw ApiObject: Pod cannot express spec.nodeName' });
    expect(problems).toHaveLength(2);
  });
});
