import { generateModule } from '../../lib/import/generate-module';
import { ImportResult } from '../../lib/import/import-model';

const RESOURCES = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } };
const PROBES = { readinessProbe: { httpGet: { path: '/ready', port: 2020 } }, livenessProbe: { httpGet: { path: '/', port: 2020 } } };

/** A DaemonSet `agent` of namespace `logging`, with `extra` fields of its spec, pod spec and main container. */
function daemonSet(extra: { spec?: Record<string, unknown>; pod?: Record<string, unknown>; container?: Record<string, unknown>; apiVersion?: string } = {}): Record<string, unknown> {
  return {
    apiVersion: extra.apiVersion ?? 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'logging', labels: { app: 'agent' } },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.2.0', ports: [{ name: 'http', containerPort: 2020 }], resources: RESOURCES, ...PROBES, ...extra.container }],
          ...extra.pod,
        },
      },
      ...extra.spec,
    },
  };
}

/** A Pod `debug` of namespace `logging`, with `extra` fields of its metadata, spec and container. */
function pod(extra: { metadata?: Record<string, unknown>; spec?: Record<string, unknown>; container?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'debug', namespace: 'logging', ...extra.metadata },
    spec: { containers: [{ name: 'debug', image: 'nicolaka/netshoot:v0.13', resources: RESOURCES, ...extra.container }], ...extra.spec },
  };
}

function generate(...objects: Array<Record<string, unknown>>): ImportResult {
  return generateModule(objects.map((object, i) => ({ object, source: `in.yaml#${i + 1}` })));
}

/** The problems of the import, as their messages. */
function problemsOf(...objects: Array<Record<string, unknown>>): string[] {
  return generate(...objects).problems.map((p) => p.message);
}

/** The fields of the addition whose description starts with `what`. */
function additionFields(result: ImportResult, what: string): readonly string[] | undefined {
  return result.additions.find((a) => a.what.startsWith(what))?.fields;
}

describe('nodeWorkloadCode: a DaemonSet', () => {
  test('GIVEN a DaemonSet with its own selector WHEN generated THEN it is a DaemonSet construct that keeps the selector', () => {
    // GIVEN / WHEN
    const { source, problems, constructs } = generate(daemonSet());
    // THEN
    expect(problems).toEqual([]);
    expect(constructs).toBe(1);
    expect(source).toContain("new DaemonSet(this, 'agent', {");
    expect(source).toContain("selectorLabels: { app: 'agent' },");
    expect(source).toContain('port: 2020,');
  });

  test('GIVEN a DaemonSet selecting by the construct\'s own selector WHEN generated THEN no selectorLabels are written', () => {
    // GIVEN
    const labels = { 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': 'logging' };
    const agent = daemonSet() as any;
    agent.spec.selector.matchLabels = labels;
    agent.spec.template.metadata.labels = labels;
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).not.toContain('selectorLabels:');
  });

  test('GIVEN a selector with matchExpressions WHEN generated THEN the DaemonSet stays raw and the problem names spec.selector', () => {
    // GIVEN
    const agent = daemonSet({ spec: { selector: { matchLabels: { app: 'agent' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.selector']);
  });

  test('GIVEN an apiVersion other than apps/v1 and a spec field the construct lacks WHEN generated THEN the problem names both', () => {
    // GIVEN
    const agent = daemonSet({ apiVersion: 'apps/v1beta2', spec: { templateGeneration: 3 } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express apiVersion, spec.templateGeneration']);
  });

  test('GIVEN a pod template without containers WHEN generated THEN the problem names spec.template.spec.containers', () => {
    // GIVEN
    const agent = daemonSet() as any;
    agent.spec.template.spec.containers = [];
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([expect.stringMatching(/^kept as a raw ApiObject: DaemonSet cannot express spec\.template\.spec\.containers(,|$)/)]);
  });

  test('GIVEN pods without tolerations WHEN generated THEN tolerateAllTaints is false, as the input tolerates no taint', () => {
    // GIVEN / WHEN
    const { source } = generate(daemonSet());
    // THEN
    expect(source).toContain('tolerateAllTaints: false,');
  });

  test('GIVEN pods with the one toleration of every taint WHEN generated THEN it is the construct\'s default: no prop', () => {
    // GIVEN
    const agent = daemonSet({ pod: { tolerations: [{ operator: 'Exists' }] } });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).not.toContain('tolerat');
  });

  test('GIVEN pods with other tolerations WHEN generated THEN tolerateAllTaints is not written (tolerations are the pod\'s own)', () => {
    // GIVEN
    const agent = daemonSet({ pod: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoSchedule' }] } });
    // WHEN / THEN
    expect(generate(agent).source).not.toContain('tolerateAllTaints');
  });

  test('GIVEN an OnDelete update strategy WHEN generated THEN it is DaemonSetStrategy.onDelete()', () => {
    // GIVEN / WHEN
    const { source } = generate(daemonSet({ spec: { updateStrategy: { type: 'OnDelete' } } }));
    // THEN
    expect(source).toContain('strategy: DaemonSetStrategy.onDelete(),');
  });

  test('GIVEN a rolling update with a surge WHEN generated THEN it is DaemonSetStrategy.rollingUpdate() with the values other than the defaults', () => {
    // GIVEN
    const agent = daemonSet({ spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } } } });
    // WHEN / THEN
    expect(generate(agent).source).toContain("strategy: DaemonSetStrategy.rollingUpdate({ maxUnavailable: 0, maxSurge: '25%' }),");
  });

  test('GIVEN the default rolling update written out WHEN generated THEN no strategy is written', () => {
    // GIVEN
    const agent = daemonSet({ spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } } });
    // WHEN / THEN
    expect(generate(agent).source).not.toContain('strategy');
  });

  test('GIVEN maxUnavailable and maxSurge both 0 WHEN generated THEN the DaemonSet stays raw and the problem says so', () => {
    // GIVEN
    const agent = daemonSet({ spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } } } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.updateStrategy.rollingUpdate (maxUnavailable and maxSurge both 0)']);
  });

  test('GIVEN a maxUnavailable that is no count or percentage WHEN generated THEN the problem names it', () => {
    // GIVEN
    const agent = daemonSet({ spec: { updateStrategy: { rollingUpdate: { maxUnavailable: 'half' } } } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.updateStrategy.rollingUpdate.maxUnavailable']);
  });

  test('GIVEN an update strategy of an unknown type WHEN generated THEN the problem names spec.updateStrategy', () => {
    // GIVEN / WHEN / THEN
    expect(problemsOf(daemonSet({ spec: { updateStrategy: { type: 'Recreate' } } }))).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.updateStrategy']);
  });

  test('GIVEN a surge and a host port WHEN generated THEN the problem names maxSurge, which the construct refuses with host ports', () => {
    // GIVEN
    const agent = daemonSet({
      spec: { updateStrategy: { rollingUpdate: { maxSurge: 1 } } },
      container: { ports: [{ name: 'http', containerPort: 2020, hostPort: 2020 }] },
    });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([expect.stringContaining('spec.updateStrategy.rollingUpdate.maxSurge (a surge with host ports')]);
  });

  test('GIVEN the history limit, and minReadySeconds WHEN generated THEN a limit other than 10 and minReadySeconds are written', () => {
    // GIVEN / WHEN
    const kept = generate(daemonSet({ spec: { revisionHistoryLimit: 3, minReadySeconds: 5 } })).source;
    const defaulted = generate(daemonSet({ spec: { revisionHistoryLimit: 10 } })).source;
    // THEN
    expect(kept).toContain('revisionHistoryLimit: 3,');
    expect(kept).toContain('minReadySeconds: 5,');
    expect(defaulted).not.toContain('revisionHistoryLimit');
  });

  test('GIVEN a history limit that is no number WHEN generated THEN the problem names it, and a null one is taken as unset', () => {
    // GIVEN / WHEN
    const text = problemsOf(daemonSet({ spec: { revisionHistoryLimit: 'ten' } }));
    const unset = problemsOf(daemonSet({ spec: { revisionHistoryLimit: null, minReadySeconds: null } }));
    // THEN
    expect(text).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.revisionHistoryLimit']);
    expect(unset).toEqual([]);
  });

  test('GIVEN a DaemonSet without port and probes WHEN generated THEN its probes are Probe.none() and the probes-off annotation is an addition', () => {
    // GIVEN
    const agent = daemonSet({ container: { ports: undefined, readinessProbe: undefined, livenessProbe: undefined } });
    // WHEN
    const result = generate(agent);
    // THEN
    expect(result.source).toContain('readinessProbe: Probe.none(),');
    expect(result.source).toContain('livenessProbe: Probe.none(),');
    expect(additionFields(result, 'the annotation cdk8s-platform.io/probes-off')).toEqual(["DaemonSet/logging/agent:metadata.annotations['cdk8s-platform.io/probes-off']"]);
  });

  test('GIVEN a DaemonSet with a port and no probes WHEN generated THEN the construct\'s TCP probes are an addition', () => {
    // GIVEN
    const agent = daemonSet({ container: { readinessProbe: undefined, livenessProbe: undefined } });
    // WHEN
    const result = generate(agent);
    // THEN
    expect(additionFields(result, 'readiness and liveness probes')).toEqual([
      'DaemonSet/logging/agent:spec.template.spec.containers[name=agent].readinessProbe',
      'DaemonSet/logging/agent:spec.template.spec.containers[name=agent].livenessProbe',
    ]);
  });

  test('GIVEN pods that read a ConfigMap of the module WHEN generated THEN the config hash annotation is an addition', () => {
    // GIVEN
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'logging' }, data: { 'agent.conf': 'level=info' } };
    const agent = daemonSet({
      pod: { volumes: [{ name: 'config', configMap: { name: 'agent-config' } }] },
      container: { volumeMounts: [{ name: 'config', mountPath: '/etc/agent', readOnly: true }] },
    });
    // WHEN
    const result = generate(config, agent);
    // THEN
    expect(additionFields(result, 'a hash of the ConfigMaps')).toEqual(["DaemonSet/logging/agent:spec.template.metadata.annotations['cdk8s-platform.io/config-hash']"]);
  });

  test('GIVEN a Service selecting the DaemonSet\'s pods WHEN generated THEN the DaemonSet is a construct and the Service stays raw', () => {
    // GIVEN
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'agent', namespace: 'logging' }, spec: { selector: { app: 'agent' }, ports: [{ port: 2020 }] } };
    // WHEN
    const { source, problems } = generate(daemonSet(), svc);
    // THEN
    expect(source).toContain("new DaemonSet(this, 'agent', {");
    expect(problems).toEqual([{ source: 'in.yaml#2', message: expect.stringContaining('kept as a raw ApiObject') }]);
  });
});

describe('nodeWorkloadCode: a DaemonSet\'s access to the node', () => {
  test('GIVEN hostNetwork with dnsPolicy ClusterFirstWithHostNet and hostPID WHEN generated THEN they are HostAccess.network() and processes()', () => {
    // GIVEN
    const agent = daemonSet({ pod: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', hostPID: true } });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain('hostAccess: [HostAccess.network(), HostAccess.processes()],');
  });

  test('GIVEN hostNetwork without dnsPolicy ClusterFirstWithHostNet WHEN generated THEN the problem names dnsPolicy', () => {
    // GIVEN / WHEN / THEN
    expect(problemsOf(daemonSet({ pod: { hostNetwork: true } }))).toEqual([
      'kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.dnsPolicy (HostAccess.network() writes ClusterFirstWithHostNet with hostNetwork)',
    ]);
  });

  test('GIVEN a hostPath volume named as HostAccess names it WHEN generated THEN it is HostAccess.paths() with its mount path and writability', () => {
    // GIVEN
    const agent = daemonSet({
      pod: { volumes: [{ name: 'host-var-log', hostPath: { path: '/var/log' } }] },
      container: { volumeMounts: [{ name: 'host-var-log', mountPath: '/host/var/log' }] },
    });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("hostAccess: [HostAccess.paths([{ hostPath: '/var/log', mountPath: '/host/var/log', writable: true }])],");
  });

  test('GIVEN a hostPath volume with a type WHEN generated THEN the path has that HostPathType', () => {
    // GIVEN
    const agent = daemonSet({
      pod: { volumes: [{ name: 'host-run', hostPath: { path: '/run', type: 'Directory' } }] },
      container: { volumeMounts: [{ name: 'host-run', mountPath: '/run', readOnly: true }] },
    });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("hostAccess: [HostAccess.paths([{ hostPath: '/run', type: HostPathType.DIRECTORY }])],");
    expect(source).toMatch(/^import \{[^}]*\bHostPathType\b[^}]*\} from 'cdk8s-platform';$/m);
  });

  test('GIVEN a hostPath volume whose type is the empty string WHEN generated THEN the path has HostPathType.UNSET, as written', () => {
    // GIVEN
    const agent = daemonSet({
      pod: { volumes: [{ name: 'host-run', hostPath: { path: '/run', type: '' } }] },
      container: { volumeMounts: [{ name: 'host-run', mountPath: '/run', readOnly: true }] },
    });
    // WHEN / THEN
    expect(generate(agent).source).toContain("hostAccess: [HostAccess.paths([{ hostPath: '/run', type: HostPathType.UNSET }])],");
  });

  test('GIVEN a hostPath volume with a type the API does not have WHEN generated THEN the problem names hostPath.type and the types', () => {
    // GIVEN
    const agent = daemonSet({
      pod: { volumes: [{ name: 'host-run', hostPath: { path: '/run', type: 'Folder' } }] },
      container: { volumeMounts: [{ name: 'host-run', mountPath: '/run', readOnly: true }] },
    });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([
      'kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.volumes[name=host-run].hostPath.type ' +
      '(HostPathType has "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice")',
    ]);
  });

  test('GIVEN a hostPath volume with a chart\'s own name WHEN generated THEN the path keeps it as volumeName', () => {
    // GIVEN
    const agent = daemonSet({
      pod: { volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }] },
      container: { volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }] },
    });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("hostAccess: [HostAccess.paths([{ hostPath: '/var/log', volumeName: 'varlog' }])],");
  });

  test('GIVEN a hostPath volume numbered after another volume with its default name WHEN generated THEN the path keeps the number as volumeName', () => {
    // GIVEN an emptyDir named host-var-log, and the host path's volume host-var-log-2 (as the construct numbers it)
    const agent = daemonSet({
      pod: { volumes: [{ name: 'host-var-log', emptyDir: {} }, { name: 'host-var-log-2', hostPath: { path: '/var/log' } }] },
      container: { volumeMounts: [{ name: 'host-var-log', mountPath: '/buffer' }, { name: 'host-var-log-2', mountPath: '/var/log', readOnly: true }] },
    });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("hostAccess: [HostAccess.paths([{ hostPath: '/var/log', volumeName: 'host-var-log-2' }])],");
  });

  test('GIVEN a hostPath volume whose name is not a DNS-1123 label WHEN generated THEN the problem names the volume and what volumeName takes', () => {
    // GIVEN
    const agent = daemonSet({
      pod: { volumes: [{ name: 'VarLog', hostPath: { path: '/var/log' } }] },
      container: { volumeMounts: [{ name: 'VarLog', mountPath: '/var/log', readOnly: true }] },
    });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([
      'kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.volumes[name=VarLog] (a hostPath volume: HostAccess.paths() takes a DNS-1123 label as volumeName, unique in the pod)',
    ]);
  });

  test('GIVEN a hostPath volume with the name of another volume of the pod WHEN generated THEN the problem names the volume', () => {
    // GIVEN two volumes named logs, an emptyDir first
    const agent = daemonSet({
      pod: { volumes: [{ name: 'logs', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }] },
      container: { volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly: true }] },
    });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.volumes[name=logs] (a hostPath volume: HostAccess.paths() takes a DNS-1123 label as volumeName, unique in the pod)']);
  });

  test('GIVEN a hostPath volume named tmp under a read-only root filesystem WHEN generated THEN the problem says the construct\'s writable /tmp takes the name', () => {
    // GIVEN a main container without a /tmp mount, to which the construct adds a writable /tmp named tmp
    const agent = daemonSet({
      pod: { volumes: [{ name: 'tmp', hostPath: { path: '/var/log' } }] },
      container: { securityContext: { readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'tmp', mountPath: '/var/log', readOnly: true }] },
    });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.volumes[name=tmp] (a hostPath volume with the name of the writable /tmp the construct adds)']);
  });

  test('GIVEN a hostPath volume the main container does not mount WHEN generated THEN the problem names the volume', () => {
    // GIVEN
    const agent = daemonSet({ pod: { volumes: [{ name: 'host-run', hostPath: { path: '/run' } }] } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([
      'kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.volumes[name=host-run] (a hostPath volume the main container mounts once, with mountPath and readOnly only)',
    ]);
  });

  test('GIVEN a host path mount before a mount podProps cannot express WHEN generated THEN the problem names that mount by its index in the input', () => {
    // GIVEN a hostPath mount first, then a mount with subPath
    const agent = daemonSet({
      pod: { volumes: [{ name: 'host-run', hostPath: { path: '/run' } }, { name: 'scratch', emptyDir: {} }] },
      container: { volumeMounts: [{ name: 'host-run', mountPath: '/run' }, { name: 'scratch', mountPath: '/scratch', mountPropagation: 'None' }] },
    });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([expect.stringContaining('spec.template.spec.containers[0].volumeMounts[1]')]);
  });

  test('GIVEN a host port other than the container port WHEN generated THEN it is HostAccess.ports() with that host port', () => {
    // GIVEN
    const agent = daemonSet({ container: { ports: [{ name: 'http', containerPort: 2020, hostPort: 12020 }] } });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain('port: 2020,');
    expect(source).toContain('hostAccess: [HostAccess.ports([{ port: 2020, hostPort: 12020 }])],');
  });

  test('GIVEN a second, UDP port on a host port WHEN generated THEN it is a HostAccess port with its protocol and name', () => {
    // GIVEN
    const agent = daemonSet({ container: { ports: [{ name: 'http', containerPort: 2020 }, { name: 'syslog', containerPort: 514, hostPort: 514, protocol: 'UDP' }] } });
    // WHEN
    const { source, problems } = generate(agent);
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("hostAccess: [HostAccess.ports([{ port: 514, protocol: Protocol.UDP, name: 'syslog' }])],");
  });

  test('GIVEN a second port without host port WHEN generated THEN the problem names the ports, which the construct gives one main port', () => {
    // GIVEN
    const agent = daemonSet({ container: { ports: [{ name: 'http', containerPort: 2020 }, { name: 'metrics', containerPort: 9090 }] } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual(['kept as a raw ApiObject: DaemonSet cannot express spec.template.spec.containers[0].ports']);
  });

  test('GIVEN the host network and a host port other than the container port WHEN generated THEN the problem names the host port', () => {
    // GIVEN
    const agent = daemonSet({ pod: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, container: { ports: [{ name: 'http', containerPort: 2020, hostPort: 12020 }] } });
    // WHEN / THEN
    expect(problemsOf(agent)).toEqual([expect.stringContaining('spec.template.spec.containers[0].ports[0].hostPort (with hostNetwork')]);
  });
});

describe('nodeWorkloadCode: a bare Pod', () => {
  test('GIVEN a Pod with one port and no probes WHEN generated THEN it is a Pod construct whose TCP probes are an addition', () => {
    // GIVEN
    const web = pod({ container: { ports: [{ name: 'http', containerPort: 8080 }] } });
    // WHEN
    const result = generate(web);
    // THEN
    expect(result.problems).toEqual([]);
    expect(result.source).toContain("new Pod(this, 'debug', {");
    expect(result.source).toContain('port: 8080,');
    expect(additionFields(result, 'readiness and liveness probes')).toEqual([
      'Pod/logging/debug:spec.containers[name=debug].readinessProbe',
      'Pod/logging/debug:spec.containers[name=debug].livenessProbe',
    ]);
  });

  test('GIVEN a Pod that restarts on failure WHEN generated THEN restartPolicy is PodRestartPolicy.ON_FAILURE and no probe is added', () => {
    // GIVEN
    const task = pod({ spec: { restartPolicy: 'OnFailure' }, container: { ports: [{ name: 'http', containerPort: 8080 }] } });
    // WHEN
    const result = generate(task);
    // THEN
    expect(result.source).toContain('restartPolicy: PodRestartPolicy.ON_FAILURE,');
    expect(additionFields(result, 'readiness and liveness probes')).toBeUndefined();
  });

  test('GIVEN a restartPolicy Kubernetes does not have WHEN generated THEN the Pod stays raw and the problem names spec.restartPolicy', () => {
    // GIVEN / WHEN / THEN
    expect(problemsOf(pod({ spec: { restartPolicy: 'Sometimes' } }))).toEqual(['kept as a raw ApiObject: Pod cannot express spec.restartPolicy']);
  });

  test('GIVEN a Pod\'s labels and annotations WHEN generated THEN the labels are podLabels and the annotations the metadata\'s', () => {
    // GIVEN
    const labelled = pod({ metadata: { labels: { run: 'debug' }, annotations: { owner: 'platform' } } });
    // WHEN
    const { source } = generate(labelled);
    // THEN
    expect(source).toContain("metadata: { annotations: { owner: 'platform' } },");
    expect(source).toContain("podLabels: { run: 'debug' },");
  });

  test('GIVEN a Pod labelled with another app.kubernetes.io/name WHEN generated THEN the problem names the label the construct sets', () => {
    // GIVEN
    const labelled = pod({ metadata: { labels: { 'app.kubernetes.io/name': 'netshoot' } } });
    // WHEN / THEN
    expect(problemsOf(labelled)).toEqual(["kept as a raw ApiObject: Pod cannot express metadata.labels['app.kubernetes.io/name'] (a Pod's is debug)"]);
  });

  test('GIVEN a Pod with generateName and another apiVersion WHEN generated THEN the problem names both', () => {
    // GIVEN
    const odd = { ...pod({ metadata: { generateName: 'debug-' } }), apiVersion: 'v2' };
    // WHEN / THEN
    expect(problemsOf(odd)).toEqual(['kept as a raw ApiObject: Pod cannot express apiVersion, metadata.generateName']);
  });

  test('GIVEN a Pod\'s container with two ports WHEN generated THEN the problem names its ports', () => {
    // GIVEN
    const twoPorts = pod({ container: { ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9000 }] } });
    // WHEN / THEN
    expect(problemsOf(twoPorts)).toEqual(['kept as a raw ApiObject: Pod cannot express spec.containers[0].ports']);
  });

  test('GIVEN a Pod with a host path volume WHEN generated THEN the problem names the volume (a Pod has no host access)', () => {
    // GIVEN
    const hosted = pod({ spec: { volumes: [{ name: 'host-var-log', hostPath: { path: '/var/log' } }] }, container: { volumeMounts: [{ name: 'host-var-log', mountPath: '/var/log' }] } });
    // WHEN / THEN
    expect(problemsOf(hosted)).toEqual([expect.stringMatching(/^kept as a raw ApiObject: Pod cannot express spec\.volumes\[name=host-var-log\]/)]);
  });
});
