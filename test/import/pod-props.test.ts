import { ImportContext, Json } from '../../lib/import/_import-context';
import { Item } from '../../lib/import/_import-item';
import { PodImport, PodOptions, podProps, ReferenceNames } from '../../lib/import/_pod-props';
import { autoscalingCode } from '../../lib/import/_scaling-code';
import { code, print } from '../../lib/import/_source-text';

// How podProps() reads the pod fields real apps have (scheduling, sidecars, mounts of every container, subPath,
// preStop) and autoscalingCode() an autoscaler's behavior; the round trips (round-trip-pod-fields.test.ts) prove the
// output equal to the input.

const refs: ReferenceNames = {
  config: (name) => code(`config(${name})`),
  secret: (name) => code(`secret(${name})`),
  serviceAccount: (name) => code(`account(${name})`),
  claim: (name) => code(`claim(${name})`),
  priorityClass: (name) => code(`priority(${name})`),
};

const SELECTOR = { app: 'api' };
const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } };
const SECURE = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };

/** A container named `name` with resources and the restricted security context, and `extra`. */
function container(name: string, extra: Json = {}): Json {
  return { name, image: `ghcr.io/acme/${name}:1.0.0`, resources: RESOURCES, securityContext: SECURE, ...extra };
}

/** podProps() of a pod template whose spec is the main container `api` and `spec`. */
function read(spec: Json, options: Partial<PodOptions> = {}): PodImport {
  const template = { metadata: { labels: SELECTOR }, spec: { containers: [container('api')], ...spec } };
  return podProps(new ImportContext(), refs, template, ['spec', 'template'], {
    workloadName: 'api', selector: SELECTOR, probesDefault: false, localConfigs: new Set(), claimTemplates: new Set(), ...options,
  });
}

/** The printed prop `name` of a pod's import. */
function prop(pod: PodImport, name: string): string {
  return print(pod.props[name]);
}

describe('podProps: priority class', () => {
  test('GIVEN priorityClassName WHEN read THEN it is the priorityClass prop, named through the references', () => {
    expect(prop(read({ priorityClassName: 'business-critical' }), 'priorityClass')).toBe('priority(business-critical)');
  });
});

describe('podProps: tolerations', () => {
  test('GIVEN an Equal toleration with an effect WHEN read THEN it is Toleration.equal() with the effect', () => {
    // GIVEN
    const pod = read({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'payments', effect: 'NoSchedule' }] });
    // WHEN / THEN
    expect(prop(pod, 'tolerations')).toBe("[Toleration.equal('dedicated', 'payments', { effect: TaintEffect.NO_SCHEDULE })]");
  });

  test('GIVEN a toleration without operator WHEN read THEN it is Toleration.equal(), the operator the scheduler reads', () => {
    expect(prop(read({ tolerations: [{ key: 'pool', value: 'batch' }] }), 'tolerations')).toBe("[Toleration.equal('pool', 'batch')]");
  });

  test('GIVEN an Exists toleration with tolerationSeconds WHEN read THEN it is Toleration.exists() with both options', () => {
    // GIVEN
    const pod = read({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
    // WHEN / THEN
    expect(prop(pod, 'tolerations')).toBe("[Toleration.exists('node.kubernetes.io/unreachable', { effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 60 })]");
  });

  test('GIVEN tolerationSeconds without the NoExecute effect WHEN read THEN the toleration is unsupported, saying why', () => {
    // GIVEN
    const pod = read({ tolerations: [{ key: 'pool', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.tolerations[0] (tolerationSeconds without effect NoExecute)']);
  });

  test('GIVEN an Exists toleration with a value WHEN read THEN it is unsupported, naming the operator and the value', () => {
    // GIVEN
    const pod = read({ tolerations: [{ key: 'pool', operator: 'Exists', value: 'batch' }] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.tolerations[0] (operator "Exists" with value "batch": Equal with a value, or Exists without one)']);
  });
});

describe('podProps: node and pod affinity', () => {
  test('GIVEN a required term and a preferred one WHEN read THEN they are NodeAffinity.require() and NodeAffinity.prefer()', () => {
    // GIVEN
    const pod = read({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'arch', operator: 'In', values: ['arm64'] }, { key: 'spot', operator: 'DoesNotExist' }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] } }],
        },
      },
    });
    // WHEN / THEN
    expect(pod.props.nodeAffinity).toEqual([
      code("NodeAffinity.require(LabelExpression.in('arch', ['arm64']), LabelExpression.doesNotExist('spot'))"),
      code("NodeAffinity.prefer(10, LabelExpression.notIn('zone', ['a']))"),
    ]);
  });

  test('GIVEN a Gt expression WHEN read THEN node affinity is unsupported, naming the operator', () => {
    // GIVEN
    const pod = read({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }] } } } });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.affinity.nodeAffinity (operator "Gt" on cores: In, NotIn, Exists or DoesNotExist)']);
  });

  test('GIVEN matchFields in a node selector term WHEN read THEN node affinity is unsupported, naming matchFields', () => {
    // GIVEN
    const pod = read({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.affinity.nodeAffinity (a field matchFields no option writes)']);
  });

  test('GIVEN a required anti-affinity on hosts and a preferred affinity of weight 100 WHEN read THEN the construct\'s defaults are not written', () => {
    // GIVEN
    const term = (app: string, topologyKey: string) => ({ labelSelector: { matchLabels: { app } }, topologyKey });
    const pod = read({
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('api', 'kubernetes.io/hostname')] },
        podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('cache', 'topology.kubernetes.io/zone') }] },
      },
    });
    // WHEN / THEN
    expect(pod.props.podAffinity).toEqual([
      code("PodAffinity.colocate({ selectorLabels: { app: 'cache' } }, { topologyKey: 'topology.kubernetes.io/zone' })"),
      code("PodAffinity.separate({ selectorLabels: { app: 'api' } }, { required: true })"),
    ]);
  });

  test('GIVEN a pod affinity term with a namespaceSelector WHEN read THEN it is unsupported, naming the field', () => {
    // GIVEN
    const pod = read({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone', namespaceSelector: {} }] } } });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.affinity.podAffinity (a field namespaceSelector no option writes)']);
  });
});

describe('podProps: topology spread', () => {
  const constraint = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: SELECTOR } };

  test('GIVEN a constraint on the workload\'s pods for a construct that spreads WHEN read THEN it is the spread, with no revision label added', () => {
    // GIVEN
    const pod = read({ topologySpreadConstraints: [constraint] }, { spread: true });
    // WHEN / THEN
    expect(prop(pod, 'spread')).toBe('[TopologySpread.acrossZones({ required: true, matchLabelKeys: [] })]');
  });

  test('GIVEN a constraint for a construct that spreads no pods WHEN read THEN it is unsupported, saying so', () => {
    expect(read({ topologySpreadConstraints: [constraint] }).unsupported).toEqual(['spec.template.spec.topologySpreadConstraints (the construct spreads no pods)']);
  });

  test('GIVEN a constraint selecting other pods WHEN read THEN it is unsupported: the construct spreads the workload\'s own', () => {
    // GIVEN
    const pod = read({ topologySpreadConstraints: [{ ...constraint, labelSelector: { matchLabels: { tier: 'web' } } }] }, { spread: true });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('spec.template.spec.topologySpreadConstraints[0] (a labelSelector other than the workload\'s selector')]);
  });

  test('GIVEN a custom topology key and a node policy WHEN read THEN it is TopologySpread.across() with the policy', () => {
    // GIVEN
    const pod = read({ topologySpreadConstraints: [{ ...constraint, topologyKey: 'rack', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 2, nodeTaintsPolicy: 'Honor' }] }, { spread: true });
    // WHEN / THEN
    expect(prop(pod, 'spread')).toBe("[TopologySpread.across('rack', { maxSkew: 2, matchLabelKeys: [], nodeTaintsPolicy: NodeInclusionPolicy.HONOR })]");
  });
});

describe('podProps: sidecars and init containers', () => {
  test('GIVEN a second container WHEN read THEN it is a classic sidecar, with sidecarMode written', () => {
    // GIVEN
    const pod = read({ containers: [container('api'), container('envoy', { ports: [{ name: 'admin', containerPort: 9901 }] })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([]);
    expect(prop(pod, 'sidecars')).toContain("name: 'envoy'");
    expect(prop(pod, 'sidecars')).toContain("ports: [{ name: 'admin', port: 9901 }]");
    expect(prop(pod, 'sidecarMode')).toBe('SidecarMode.classic()');
  });

  test('GIVEN a second container in a Job\'s pods WHEN read THEN it is unsupported: a classic sidecar would keep the Job running', () => {
    // GIVEN
    const pod = read({ restartPolicy: 'Never', containers: [container('api'), container('envoy')] }, { restartPolicy: 'Never' });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('spec.template.spec.containers[1] (a second container in pods that run to completion')]);
  });

  test('GIVEN a native sidecar in a Job\'s pods WHEN read THEN it is a sidecar: it does not hold the Job back', () => {
    // GIVEN
    const pod = read({ restartPolicy: 'Never', initContainers: [container('proxy', { restartPolicy: 'Always' })] }, { restartPolicy: 'Never' });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([]);
    expect(prop(pod, 'sidecarMode')).toBe('SidecarMode.native()');
  });

  test('GIVEN an init container with restartPolicy Always WHEN read THEN it is a native sidecar, not an init container', () => {
    // GIVEN
    const pod = read({ initContainers: [container('proxy', { restartPolicy: 'Always' }), container('migrate')] });
    // WHEN / THEN
    expect(prop(pod, 'sidecarMode')).toBe('SidecarMode.native()');
    expect(prop(pod, 'sidecars')).toContain("name: 'proxy'");
    expect(prop(pod, 'initContainers')).toContain("name: 'migrate'");
    expect(prop(pod, 'initContainers')).not.toContain("name: 'proxy'");
  });

  test('GIVEN a native sidecar after an init container WHEN read THEN it is unsupported: the construct starts sidecars first', () => {
    // GIVEN
    const pod = read({ initContainers: [container('migrate'), container('proxy', { restartPolicy: 'Always' })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('spec.template.spec.initContainers[1].restartPolicy (a native sidecar after an init container')]);
  });

  test('GIVEN native and classic sidecars in one pod WHEN read THEN it is unsupported: a workload has one sidecarMode', () => {
    // GIVEN
    const pod = read({ containers: [container('api'), container('envoy')], initContainers: [container('proxy', { restartPolicy: 'Always' })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('(native and classic sidecars in one pod')]);
  });

  test('GIVEN a sidecar whose security context is not the main container\'s WHEN read THEN its securityContext is unsupported', () => {
    // GIVEN
    const pod = read({ containers: [container('api'), container('shell', { securityContext: { ...SECURE, readOnlyRootFilesystem: false } })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.containers[1].securityContext']);
  });

  test('GIVEN an init container with a probe WHEN read THEN it is unsupported: init containers take none', () => {
    // GIVEN
    const pod = read({ initContainers: [container('migrate', { readinessProbe: { exec: { command: ['true'] } } })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.initContainers[0].readinessProbe (an init container runs to completion and takes no probes)']);
  });

  test('GIVEN a mount with a field no option writes WHEN read THEN the mount is unsupported, and its volume is not said to be unmounted', () => {
    // GIVEN
    const pod = read({
      containers: [container('api', { volumeMounts: [{ name: 'data', mountPath: '/data', mountPropagation: 'HostToContainer' }] })],
      volumes: [{ name: 'data', emptyDir: {} }],
    });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.containers[0].volumeMounts[0] (a field mountPropagation no option writes)']);
  });

  test('GIVEN an init container with a lifecycle hook WHEN read THEN it is unsupported: init containers take none', () => {
    // GIVEN
    const pod = read({ initContainers: [container('migrate', { lifecycle: { preStop: { exec: { command: ['true'] } } } })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('spec.template.spec.initContainers[0].lifecycle (an init container')]);
  });
});

describe('podProps: mounts', () => {
  test('GIVEN an init container mounting a ConfigMap WHEN read THEN the mount is the init container\'s', () => {
    // GIVEN
    const pod = read({
      initContainers: [container('migrate', { volumeMounts: [{ name: 'sql', mountPath: '/sql', readOnly: true }] })],
      volumes: [{ name: 'sql', configMap: { name: 'migrations' } }],
    });
    // WHEN / THEN
    expect(prop(pod, 'initContainers')).toContain("mounts: [Mount.config(config(migrations), '/sql', { volumeName: 'sql' })]");
    expect(pod.props.mounts).toBeUndefined();
  });

  test('GIVEN one volume mounted by two containers WHEN read THEN the volume is unsupported: each Mount has a volume of its own', () => {
    // GIVEN
    const pod = read({
      containers: [container('api', { volumeMounts: [{ name: 'logs', mountPath: '/var/log' }] }), container('shipper', { volumeMounts: [{ name: 'logs', mountPath: '/logs' }] })],
      volumes: [{ name: 'logs', emptyDir: {} }],
    });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('spec.template.spec.volumes[name=logs] (mounted 2 times')]);
  });

  test('GIVEN a mount with subPath WHEN read THEN the Mount has the subPath option', () => {
    // GIVEN
    const pod = read({
      containers: [container('api', { volumeMounts: [{ name: 'config', mountPath: '/etc/app.yaml', subPath: 'app.yaml', readOnly: true }] })],
      volumes: [{ name: 'config', configMap: { name: 'api' } }],
    });
    // WHEN / THEN
    expect(prop(pod, 'mounts')).toBe("[Mount.config(config(api), '/etc/app.yaml', { volumeName: 'config', subPath: 'app.yaml' })]");
  });

  test('GIVEN volumes named as the construct names them WHEN read THEN no volumeName is written', () => {
    // GIVEN
    const pod = read({
      containers: [container('api', { volumeMounts: [{ name: 'config-api', mountPath: '/etc/api', readOnly: true }, { name: 'var-cache', mountPath: '/var/cache' }] })],
      volumes: [{ name: 'config-api', configMap: { name: 'api' } }, { name: 'var-cache', emptyDir: {} }],
    });
    // WHEN / THEN
    expect(prop(pod, 'mounts')).toBe("[Mount.config(config(api), '/etc/api'), Mount.emptyDir('/var/cache')]");
  });

  test('GIVEN an own volume named tmp WHEN read THEN its volumeName is written: tmp is the name of the construct\'s writable /tmp', () => {
    // GIVEN
    const pod = read({ containers: [container('api', { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] })], volumes: [{ name: 'tmp', emptyDir: {} }] });
    // WHEN / THEN
    expect(prop(pod, 'mounts')).toBe("[Mount.emptyDir('/tmp', { volumeName: 'tmp' })]");
  });

  test('GIVEN the main container\'s own tmp volume and an init container without /tmp WHEN read THEN the added /tmp is tmp-2, on the init container only', () => {
    // GIVEN
    const pod = read({
      containers: [container('api', { volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] })],
      initContainers: [container('migrate')],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    });
    // WHEN
    const tmp = pod.additions.find(([kind]) => kind === 'writableTmp')?.[1];
    // THEN
    expect(tmp).toEqual([
      ['spec', 'template', 'spec', 'volumes', { name: 'tmp-2' }],
      ['spec', 'template', 'spec', 'initContainers', { name: 'migrate' }, 'volumeMounts', { name: 'tmp-2' }],
    ]);
  });
});

describe('podProps: preStop hooks', () => {
  test.each([
    [{ sleep: { seconds: 5 } }, 'LifecycleHook.sleep(5)'],
    [{ exec: { command: ['/bin/drain'] } }, "LifecycleHook.exec(['/bin/drain'])"],
    [{ httpGet: { path: '/drain', port: 8081 } }, "LifecycleHook.http('/drain', 8081)"],
  ])('GIVEN preStop %j WHEN read THEN it is %s', (preStop, expected) => {
    expect(prop(read({ containers: [container('api', { lifecycle: { preStop } })] }), 'preStop')).toBe(expected);
  });

  test('GIVEN a preStop sleep as long as the grace period WHEN read THEN it is unsupported: the construct refuses it', () => {
    // GIVEN
    const pod = read({ terminationGracePeriodSeconds: 10, containers: [container('api', { lifecycle: { preStop: { sleep: { seconds: 10 } } } })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual([expect.stringContaining('spec.template.spec.containers[0].lifecycle.preStop (a sleep of 10 s, not shorter than the grace period of 10 s')]);
  });

  test('GIVEN a postStart hook WHEN read THEN the lifecycle is unsupported: the constructs write preStop only', () => {
    // GIVEN
    const pod = read({ containers: [container('api', { lifecycle: { postStart: { exec: { command: ['/warm'] } } } })] });
    // WHEN / THEN
    expect(pod.unsupported).toEqual(['spec.template.spec.containers[0].lifecycle (a field postStart no option writes: the constructs write preStop only)']);
  });
});

describe('autoscalingCode: behavior', () => {
  /** An autoscaler of Deployment api with `behavior`. */
  function hpa(behavior: Json): Item {
    return {
      kind: 'HorizontalPodAutoscaler', namespace: 'shop', name: 'api', source: 'in.yaml#1',
      object: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, maxReplicas: 5, behavior } },
    };
  }

  test('GIVEN a behavior with policies, a window and a select policy WHEN mapped THEN it is the autoscaling\'s behavior', () => {
    // GIVEN
    const behavior = { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }, { type: 'Percent', value: 10, periodSeconds: 60 }] } };
    // WHEN
    const out = autoscalingCode(new ImportContext(), hpa(behavior));
    // THEN
    expect((out as Json).behavior).toEqual({
      scaleDown: { stabilizationWindowSeconds: 300, policies: [code('ScalingPolicy.pods(1, 60)'), code('ScalingPolicy.percent(10, 60)')], selectPolicy: code('SelectPolicy.MIN') },
    });
  });

  test('GIVEN a behavior with a field no option writes WHEN mapped THEN there is no autoscaling (the HPA stays raw)', () => {
    expect(autoscalingCode(new ImportContext(), hpa({ scaleUp: { tolerance: '0.05' } }))).toBeUndefined();
  });
});
