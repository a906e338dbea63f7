import * as path from 'path';
import { ConfigMap, LimitRange, Namespace, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { DaemonSet, Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1';
import { Chart } from 'cdk8s';
import { findObject, ManifestObject, PlatformApp, PlatformLabels, ruleById, toYaml, validateObjects, ValidationPreset } from '../../lib';
import { snapshotEnvironments, synthObjects } from '../../lib/testing';
import { readCrdFiles } from '../../lib/input/crd-files';
import { defineExamples } from '../../apps/examples';

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/ResourceQuota': ResourceQuota,
  'v1/LimitRange': LimitRange,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Pod': Pod,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'apps/v1/DaemonSet': DaemonSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'batch/v1/CronJob': CronJob,
  'discovery.k8s.io/v1/EndpointSlice': EndpointSlice,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'scheduling.k8s.io/v1/PriorityClass': PriorityClass,
};

/** The upstream CRDs of the custom resources the examples make (the Gateway API's HTTPRoute), from the test fixtures. */
const CRDS = readCrdFiles([path.join(__dirname, '..', 'fixtures', 'crds')]);
/** The custom kinds those CRDs define: checked against them, not by kubernetes-models. */
const CUSTOM_KINDS = new Set(CRDS.map((c) => `${(c.spec as any).group}/${(c.spec as any).names.kind}`));

/** The environment an object belongs to. */
function envOf(o: ManifestObject): string | undefined {
  return o.metadata.labels?.[PlatformLabels.ENVIRONMENT];
}

/** Every example stack, as [`<env>/<stack>`, stack]. */
function examples(): Array<[string, Chart]> {
  return Object.entries(defineExamples(new PlatformApp()))
    .flatMap(([env, stacks]) => Object.entries(stacks).map(([name, stack]): [string, Chart] => [`${env}/${name}`, stack]));
}

const STACKS = examples();
const ALL: ManifestObject[] = STACKS.flatMap(([, stack]) => synthObjects(stack));
/** Every object with a pod template, with that template. */
const POD_OWNERS: Array<[string, any]> = ALL.flatMap((o): Array<[string, any]> => {
  const where = `${envOf(o)}/${o.metadata.namespace}/${o.metadata.name}`;
  if (['Deployment', 'StatefulSet', 'Job'].includes(o.kind)) return [[`${o.kind} ${where}`, o.spec.template]];
  if (o.kind === 'CronJob') return [[`CronJob ${where}`, o.spec.jobTemplate.spec.template]];
  return [];
});
const SERVING = ['Deployment', 'StatefulSet'];
const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

describe('example stacks', () => {
  test('GIVEN the example app WHEN synthesized THEN each environment matches its snapshot', () => {
    const app = new PlatformApp();
    defineExamples(app);
    expect([...snapshotEnvironments(app).keys()]).toEqual(['dev', 'staging', 'prod']);
  });

  test('GIVEN the example app WHEN synthesized THEN each environment targets Kubernetes 1.33 and passes its schema and API-server rules strictly', () => {
    // GIVEN
    const app = new PlatformApp();
    defineExamples(app);
    // WHEN
    const manifests = app.synthManifests();
    // THEN
    for (const [env, objects] of manifests) {
      const { findings } = validateObjects(objects, { preset: ValidationPreset.STRICT, kubernetesVersion: '1.33', customResourceDefinitions: CRDS });
      // crd-validation-rules only says that a CRD's CEL rules were not evaluated (HttpRoute checks its paths by them).
      const apiServer = findings.filter((f) => ['schema', 'api'].includes(ruleById(f.rule)!.layer) && f.rule !== 'crd-validation-rules');
      expect([env, apiServer.map((f) => `${f.rule} ${f.kind}/${f.name} ${f.field}: ${f.message}`)]).toEqual([env, []]);
      expect(findObject(objects, 'Namespace', 'shop').metadata.labels?.['pod-security.kubernetes.io/enforce-version']).toBe('v1.33');
    }
  });

  test('GIVEN the example app WHEN synthesized THEN the shop\'s frontend ships its logs with a native sidecar in every environment', () => {
    const webs = ALL.filter((o) => o.kind === 'Deployment' && o.metadata.name === 'shop-web');
    expect(webs.map((d) => envOf(d))).toEqual(['dev', 'staging', 'prod']);
    for (const d of webs) {
      expect(d.spec.template.spec.initContainers[0]).toMatchObject({ name: 'log-shipper', restartPolicy: 'Always' });
      expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['shop-web']);
    }
  });

  test('GIVEN the examples WHEN synthesized twice THEN the YAML is byte-identical', () => {
    const once = examples().map(([, s]) => toYaml(synthObjects(s)));
    const twice = examples().map(([, s]) => toYaml(synthObjects(s)));
    expect(twice).toEqual(once);
  });

  test.each(ALL.filter((o) => !CUSTOM_KINDS.has(`${o.apiVersion.split('/')[0]}/${o.kind}`)).map((o) => [`${envOf(o)} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]))(
    'GIVEN %s WHEN checked by kubernetes-models (an independent schema, newer than 1.27) THEN it is valid',
    (_name, o) => {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      expect(Model).toBeDefined();
      expect(() => new Model(o).validate()).not.toThrow();
    },
  );

  describe.each(POD_OWNERS)('%s', (name, template) => {
    const spec = template.spec;
    const containers: any[] = [...spec.containers, ...(spec.initContainers ?? [])];

    test('passes Pod Security "restricted": non-root, no escalation, ALL dropped, RuntimeDefault seccomp', () => {
      for (const c of containers) {
        expect(spec.securityContext?.runAsNonRoot === true || c.securityContext?.runAsNonRoot === true).toBe(true);
        expect(c.securityContext?.allowPrivilegeEscalation).toBe(false);
        expect(c.securityContext?.capabilities?.drop).toContain('ALL');
        expect((c.securityContext?.capabilities?.add ?? []).every((cap: string) => cap === 'NET_BIND_SERVICE')).toBe(true);
        expect(c.securityContext?.privileged).not.toBe(true);
        expect(['RuntimeDefault', 'Localhost']).toContain(c.securityContext?.seccompProfile?.type ?? spec.securityContext?.seccompProfile?.type);
        expect(c.securityContext?.runAsUser ?? spec.securityContext?.runAsUser).not.toBe(0);
        expect((c.ports ?? []).every((p: any) => p.hostPort === undefined)).toBe(true);
      }
      expect([spec.hostNetwork, spec.hostPID, spec.hostIPC]).toEqual([undefined, undefined, undefined]);
      for (const v of spec.volumes ?? []) {
        expect(Object.keys(v).filter((k) => k !== 'name').every((k) => RESTRICTED_VOLUME_TYPES.includes(k))).toBe(true);
      }
    });

    test('has a read-only root filesystem', () => {
      for (const c of containers) expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    });

    test('requests CPU and memory and limits memory', () => {
      for (const c of containers) {
        expect(c.resources?.requests?.cpu).toBeDefined();
        expect(c.resources?.requests?.memory).toBeDefined();
        expect(c.resources?.limits?.memory).toBeDefined();
      }
    });

    test('has readiness and liveness probes when it serves', () => {
      if (!SERVING.includes(name.split(' ')[0])) return;
      for (const c of spec.containers.slice(0, 1)) {
        expect(c.readinessProbe).toBeDefined();
        expect(c.livenessProbe).toBeDefined();
      }
    });

  });

  describe.each(ALL.filter((o) => SERVING.includes(o.kind)).map((d) => [`${d.kind} ${envOf(d)}/${d.metadata.namespace}/${d.metadata.name}`, d]))('%s', (_name, d) => {
    test('selects its own pods', () => {
      expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels);
    });
  });

  // Services of services outside the cluster (ExternalService) select no pods: an ExternalName, or an EndpointSlice.
  test.each(ALL.filter((o) => o.kind === 'Service' && o.spec.selector !== undefined).map((s) => [`${envOf(s)}/${s.metadata.namespace}/${s.metadata.name}`, s]))(
    'GIVEN Service %s WHEN synthesized THEN its selector matches the pods of a Deployment in its namespace',
    (_name, svc) => {
      const matches = ALL.filter((o) => SERVING.includes(o.kind)).filter((d) => envOf(d) === envOf(svc) && d.metadata.namespace === svc.metadata.namespace &&
        Object.entries(svc.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
      expect(matches.length).toBe(1);
    },
  );

  test.each(ALL.filter((o) => o.kind === 'Service' && o.spec.selector === undefined).map((s) => [`${envOf(s)}/${s.metadata.namespace}/${s.metadata.name}`, s]))(
    'GIVEN Service %s without a selector WHEN synthesized THEN it is an ExternalName Service or has an EndpointSlice',
    (_name, svc) => {
      const slices = ALL.filter((o) => o.kind === 'EndpointSlice' && envOf(o) === envOf(svc) && o.metadata.namespace === svc.metadata.namespace &&
        o.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name);
      expect(svc.spec.type === 'ExternalName' ? slices.length === 0 : slices.length > 0).toBe(true);
    },
  );
});
