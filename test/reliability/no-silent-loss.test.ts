import * as fs from 'fs';
import { ApiObject, App, Chart, ImplicitTokenResolver, IResolver, JsonPatch, LazyResolver, NumberStringUnionResolver, ResolutionContext } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { AppStack, findObject, Job, PlatformApp, PodSecurityLevel, Suppression, SynthError, synthObjects, WebService } from '../../lib';
import { renderApiObject } from '../../lib/core/_render';
import { RESOURCES, tmpdir } from '../_helpers';
import { Widget, WidgetSpecMaxSurge } from '../fixtures/imports/example.com';

/*
 * Issue 14, item 4: a field that reaches a construct is in the output, or the synth refuses it naming it. Fields of
 * Kubernetes versions after 1.27 (which cdk8s-plus-27's L1 classes do not know) set through every way in: L1 props,
 * escape hatches and addJsonPatch(), raw ApiObjects, classes from `cdk8s import`, metadata.
 */

/**
 * A stack whose validation does not fail on fields the schema tables do not know (while the strict check may still
 * be 1.27's): what is tested here is what is rendered.
 */
function newStack(): AppStack {
  const app = new PlatformApp({
    outdir: tmpdir(),
    capacitySummary: false,
    validation: {
      suppressions: [
        Suppression.off('schema-unknown-field', 'fields of Kubernetes versions after 1.27'),
        Suppression.off('probe-handler', 'sleep is a lifecycle handler from Kubernetes 1.30 on'),
      ],
    },
  });
  // Bare L1 workloads here have no security context: a namespace enforcing restricted would reject them at synth.
  return new AppStack(app, 'shop', { namespace: 'shop', namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED } });
}

/** A chart in a plain cdk8s app. */
function newChart(app: App = new App()): Chart {
  return new Chart(app, 'c', { namespace: 'ns' });
}

/** Deployment props with a valid pod whose spec has `pod` merged in, and its one container `container`. */
function deploymentProps(pod: Record<string, unknown> = {}, container: Record<string, unknown> = {}): k8s.KubeDeploymentProps {
  return {
    metadata: { name: 'api' },
    spec: {
      selector: { matchLabels: { app: 'api' } },
      template: {
        metadata: { labels: { app: 'api' } },
        spec: { containers: [{ name: 'api', image: 'nginx:1.25', ...container }], ...pod } as k8s.PodSpec,
      },
    },
  };
}

/** The error `fn` throws (fails if it throws none). */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** Any value, typed as what the L1 props expect (the fields below are newer than their 1.27 types). */
const newer = <T>(x: unknown): T => x as T;

describe('no silent loss: the issue\'s examples', () => {
  test('GIVEN an L1 KubeDeployment with a native sidecar (an init container with restartPolicy Always) WHEN synthesized THEN restartPolicy is in the output', () => {
    // GIVEN
    const stack = newStack();
    new k8s.KubeDeployment(stack, 'api', deploymentProps({ initContainers: [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }] }));
    // WHEN
    const d = findObject(synthObjects(stack), 'Deployment', 'api');
    // THEN
    expect(d.spec.template.spec.initContainers).toEqual([{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }]);
  });

  test('GIVEN a WebService whose Deployment escape hatch adds a native sidecar with addJsonPatch WHEN synthesized THEN it is in the output', () => {
    // GIVEN
    const stack = newStack();
    const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    web.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/initContainers', [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }]));
    // WHEN
    const d = findObject(synthObjects(stack), 'Deployment', 'web');
    // THEN
    expect(d.spec.template.spec.initContainers).toEqual([{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }]);
  });

  test('GIVEN a Service trafficDistribution, on an L1 KubeService and through a WebService\'s escape hatch WHEN synthesized THEN both are in the output', () => {
    // GIVEN
    const stack = newStack();
    new k8s.KubeService(stack, 'svc', { metadata: { name: 'svc' }, spec: newer({ ports: [{ port: 80 }], trafficDistribution: 'PreferClose' }) });
    const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    web.service.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    // WHEN
    const objects = synthObjects(stack);
    // THEN
    expect(findObject(objects, 'Service', 'svc').spec.trafficDistribution).toBe('PreferClose');
    expect(findObject(objects, 'Service', 'web').spec.trafficDistribution).toBe('PreferClose');
  });

  test('GIVEN appArmorProfile on the pod and on a container of an L1 KubeDeployment WHEN synthesized THEN both are in the output', () => {
    // GIVEN
    const stack = newStack();
    new k8s.KubeDeployment(stack, 'api', deploymentProps(
      { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } },
      { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-apparmor-example' } } },
    ));
    // WHEN
    const pod = findObject(synthObjects(stack), 'Deployment', 'api').spec.template.spec;
    // THEN
    expect(pod.securityContext.appArmorProfile).toEqual({ type: 'RuntimeDefault' });
    expect(pod.containers[0].securityContext.appArmorProfile).toEqual({ type: 'Localhost', localhostProfile: 'k8s-apparmor-example' });
  });

  test('GIVEN Job successPolicy, backoffLimitPerIndex and maxFailedIndexes, on an L1 KubeJob and through a Job\'s escape hatch WHEN synthesized THEN they are in the output', () => {
    // GIVEN
    const stack = newStack();
    const successPolicy = { rules: [{ succeededIndexes: '0-1', succeededCount: 1 }] };
    new k8s.KubeJob(stack, 'l1', {
      metadata: { name: 'l1' },
      spec: newer({
        completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 1, maxFailedIndexes: 2, successPolicy,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'busybox:1.36' }] } },
      }),
    });
    const job = new Job(stack, 'job', { image: 'busybox:1.36', resources: RESOURCES });
    job.apiObject.addJsonPatch(JsonPatch.add('/spec/successPolicy', successPolicy), JsonPatch.add('/spec/backoffLimitPerIndex', 1));
    // WHEN
    const objects = synthObjects(stack);
    // THEN
    expect(findObject(objects, 'Job', 'l1').spec).toMatchObject({ backoffLimitPerIndex: 1, maxFailedIndexes: 2, successPolicy });
    expect(findObject(objects, 'Job', 'job').spec).toMatchObject({ backoffLimitPerIndex: 1, successPolicy });
  });

  test('GIVEN lifecycle.preStop.sleep on an L1 container and through a WebService\'s escape hatch WHEN synthesized THEN both are in the output', () => {
    // GIVEN
    const stack = newStack();
    new k8s.KubeDeployment(stack, 'api', deploymentProps({}, { lifecycle: { preStop: { sleep: { seconds: 5 } } } }));
    const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    web.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/lifecycle', { preStop: { sleep: { seconds: 5 } } }));
    // WHEN
    const objects = synthObjects(stack);
    // THEN
    expect(findObject(objects, 'Deployment', 'api').spec.template.spec.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(findObject(objects, 'Deployment', 'web').spec.template.spec.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
  });
});

describe('no silent loss: our renderer of the L1 classes', () => {
  test('GIVEN unknown props at the top, inside a nested known type, in a list of a known type and in a map of a known type WHEN rendered THEN each is in the output as given', () => {
    // GIVEN
    const c = newChart();
    const deployment = new k8s.KubeDeployment(c, 'd', newer({
      ...deploymentProps({ resources: { limits: { cpu: '2' } } }, { restartPolicy: 'Always', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired', futureKey: 1 }] }),
      status: { replicas: 1 },
    }));
    (deployment as unknown as { props: { spec: Record<string, unknown> } }).props.spec.futureSpecField = { a: [1, 'b'] };
    const crd = new k8s.KubeCustomResourceDefinition(c, 'crd', newer({
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openApiv3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-future': true } } } } }],
      },
    }));
    // WHEN
    const d = renderApiObject(deployment);
    const schema = renderApiObject(crd).spec.versions[0].schema.openAPIV3Schema;
    // THEN
    expect(d.status).toEqual({ replicas: 1 });
    expect(d.spec.futureSpecField).toEqual({ a: [1, 'b'] });
    expect(d.spec.template.spec.resources).toEqual({ limits: { cpu: '2' } });
    expect(d.spec.template.spec.containers[0].restartPolicy).toBe('Always');
    expect(d.spec.template.spec.containers[0].resizePolicy).toEqual([{ resourceName: 'cpu', restartPolicy: 'NotRequired', futureKey: 1 }]);
    expect(schema.properties.spec).toEqual({ type: 'object', 'x-kubernetes-future': true });
  });

  test('GIVEN values of another shape than the 1.27 type (a plain string quantity, a number for an IntOrString, a string for an object) WHEN rendered THEN each is in the output as given', () => {
    // GIVEN
    const c = newChart();
    const obj = new k8s.KubeDeployment(c, 'd', newer(deploymentProps(
      { overhead: { cpu: '250m' } },
      { resources: { limits: { cpu: '1', memory: k8s.Quantity.fromString('1Gi') } }, ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: 8080, path: '/' } }, lifecycle: 'not an object' },
    )));
    // WHEN
    const pod = renderApiObject(obj).spec.template.spec;
    // THEN
    expect(pod.overhead).toEqual({ cpu: '250m' });
    expect(pod.containers[0].resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(pod.containers[0].livenessProbe.httpGet).toEqual({ port: 8080, path: '/' });
    expect(pod.containers[0].lifecycle).toBe('not an object');
  });

  test('GIVEN an L1 object WHEN rendered THEN renamed props still get their Kubernetes names, and a prop given under its Kubernetes name is kept as given', () => {
    // GIVEN
    const c = newChart();
    const renamed = new k8s.KubeService(c, 'a', { metadata: { name: 'a' }, spec: { clusterIp: 'None', ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } });
    const asGiven = new k8s.KubeService(c, 'b', { metadata: { name: 'b' }, spec: newer({ clusterIP: 'None' }) });
    // WHEN / THEN
    expect(renderApiObject(renamed).spec).toEqual({ clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] });
    expect(renderApiObject(asGiven).spec).toEqual({ clusterIP: 'None' });
  });

  test('GIVEN a prop set both under its prop name and its Kubernetes name, to different values WHEN synthesized THEN the synth refuses it, naming the construct path, the field and what is allowed', () => {
    // GIVEN
    const stack = newStack();
    new k8s.KubeService(stack, 'svc', { metadata: { name: 'svc' }, spec: newer({ clusterIp: '10.0.0.1', clusterIP: '10.0.0.2', ports: [{ port: 80 }] }) });
    // WHEN
    const error = errorOf(() => synthObjects(stack));
    // THEN
    expect(SynthError.isSynthError(error)).toBe(true);
    expect(error.message).toContain('[shop/svc]');
    expect(error.message).toContain('spec.clusterIP');
    expect(error.message).toMatch(/clusterIp.*"10\.0\.0\.1".*clusterIP.*"10\.0\.0\.2".*allowed: /);
  });

  test('GIVEN an app with a custom resolver (rendered through cdk8s\'s own resolution) WHEN an L1 object with an unknown field is rendered THEN the field is in the output, where its toJson() drops it', () => {
    // GIVEN
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value.startsWith('up:')) context.replaceValue(context.value.slice(3).toUpperCase());
      }
    }
    const app = new App({ resolvers: [new Upper(), new LazyResolver(), new ImplicitTokenResolver(), new NumberStringUnionResolver()] });
    const obj = new k8s.KubeService(newChart(app), 's', { metadata: { name: 's' }, spec: newer({ clusterIp: 'None', trafficDistribution: 'up:preferclose' }) });
    // WHEN
    const json = renderApiObject(obj);
    // THEN
    expect(json.spec).toEqual({ clusterIP: 'None', trafficDistribution: 'PREFERCLOSE' });
    expect(obj.toJson().spec.trafficDistribution).toBeUndefined();
  });
});

describe('no silent loss: addJsonPatch', () => {
  test('GIVEN patches on an L1 object WHEN rendered THEN they apply to the output (Kubernetes names, plain quantities, unknown fields), after the conversion', () => {
    // GIVEN
    const obj = new k8s.KubeDeployment(newChart(), 'd', deploymentProps({}, { resources: { limits: { cpu: k8s.Quantity.fromString('1') } } }));
    obj.addJsonPatch(
      JsonPatch.add('/spec/template/spec/hostPID', true),
      JsonPatch.add('/spec/template/spec/containers/0/resources/limits/memory', '1Gi'),
      JsonPatch.add('/spec/template/spec/containers/0/restartPolicy', 'Always'),
      JsonPatch.add('/spec/futureField', { a: 1 }),
    );
    // WHEN
    const spec = renderApiObject(obj).spec;
    // THEN
    expect(spec.template.spec.hostPID).toBe(true);
    expect(spec.template.spec.containers[0].resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(spec.template.spec.containers[0].restartPolicy).toBe('Always');
    expect(spec.futureField).toEqual({ a: 1 });
  });

  test('GIVEN ApiObject.of() of a WebService\'s Deployment WHEN patched THEN the patch is in the output', () => {
    // GIVEN
    const stack = newStack();
    const web = new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    ApiObject.of(web).addJsonPatch(JsonPatch.add('/spec/template/spec/resources', { limits: { cpu: '2' } }));
    // WHEN
    const d = findObject(synthObjects(stack), 'Deployment', 'web');
    // THEN
    expect(d.spec.template.spec.resources).toEqual({ limits: { cpu: '2' } });
  });

  test('GIVEN a patch on a raw ApiObject WHEN rendered THEN it is in the output, as cdk8s applies it', () => {
    // GIVEN
    const obj = new ApiObject(newChart(), 'x', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80 }] } });
    obj.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    // WHEN / THEN
    expect(renderApiObject(obj)).toEqual(obj.toJson());
    expect(renderApiObject(obj).spec.trafficDistribution).toBe('PreferClose');
  });
});

describe('no silent loss: raw ApiObjects and metadata', () => {
  test('GIVEN a raw ApiObject with fields of any name WHEN synthesized THEN each is in the output as given', () => {
    // GIVEN
    const stack = newStack();
    new ApiObject(stack, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' },
      spec: { ports: [{ port: 80, targetPort: 8080 }], clusterIP: 'None', trafficDistribution: 'PreferClose' },
    });
    // WHEN
    const svc = findObject(synthObjects(stack), 'Service', 'svc');
    // THEN
    expect(svc.spec).toEqual({ ports: [{ port: 80, targetPort: 8080 }], clusterIP: 'None', trafficDistribution: 'PreferClose' });
  });

  test('GIVEN metadata fields the 1.27 ObjectMeta does not know, in the props and added later WHEN an L1 object is rendered THEN both are in the output', () => {
    // GIVEN
    const obj = new k8s.KubeConfigMap(newChart(), 'cm', { metadata: newer({ name: 'cm', futureMeta: { a: 'b' } }), data: { k: 'v' } });
    obj.metadata.add('laterMeta', 'x');
    obj.metadata.add('generateName', 'cm-');
    // WHEN
    const metadata = renderApiObject(obj).metadata;
    // THEN
    expect(metadata).toMatchObject({ name: 'cm', futureMeta: { a: 'b' }, laterMeta: 'x', generateName: 'cm-' });
  });
});

describe('no silent loss: classes generated by cdk8s import', () => {
  test('GIVEN a custom resource class from cdk8s import, with fields its schema does not know WHEN rendered THEN they are in the output as given, and its own fields renamed as it renames them', () => {
    // GIVEN
    const obj = new Widget(newChart(), 'w', {
      metadata: { name: 'w' },
      spec: newer({
        size: 1, maxSurge: WidgetSpecMaxSurge.fromString('25%'), caCrt: 'pem', tlsMode: 'strict', labels: { a: 'b' },
        parts: [{ name: 'p', weight: 2, color: 'red' }], futureField: { enabled: true },
      }),
    });
    // WHEN
    const json = renderApiObject(obj);
    // THEN
    expect(json).toEqual({
      apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'ns' },
      spec: { 'size': 1, 'max-surge': '25%', 'ca.crt': 'pem', 'tls_mode': 'strict', 'labels': { a: 'b' }, 'parts': [{ name: 'p', weight: 2, color: 'red' }], 'futureField': { enabled: true } },
    });
    expect(obj.toJson().spec.futureField).toBeUndefined();
  });

  test('GIVEN classes of a Kubernetes module from cdk8s import (not the one the library renders with) WHEN rendered THEN unknown fields and patches are in the output', () => {
    // GIVEN: the same generated code as `cdk8s import k8s`, loaded as a module of its own.
    const file = require.resolve('cdk8s-plus-27/lib/imports/k8s');
    const imported = { exports: {} as Record<string, any> };
    new Function('exports', 'require', 'module', fs.readFileSync(file, 'utf8'))(imported.exports, require, imported);
    const KubeDeployment = imported.exports.KubeDeployment as typeof k8s.KubeDeployment;
    expect(KubeDeployment).not.toBe(k8s.KubeDeployment);
    const obj = new KubeDeployment(newChart(), 'd', deploymentProps({ initContainers: [{ name: 'proxy', image: 'envoy:1.30', restartPolicy: 'Always' }] }));
    obj.metadata.add('futureMeta', 'x');
    obj.addJsonPatch(JsonPatch.add('/spec/template/spec/resources', { limits: { cpu: '2' } }));
    // WHEN
    const json = renderApiObject(obj);
    // THEN
    expect(json.spec.template.spec.initContainers[0].restartPolicy).toBe('Always');
    expect(json.spec.template.spec.resources).toEqual({ limits: { cpu: '2' } });
    expect(json.metadata.futureMeta).toBe('x');
  });

  test('GIVEN a field of a class from cdk8s import given under its prop name and its JSON name, with different values WHEN synthesized THEN the synth refuses it, naming both', () => {
    // GIVEN
    const stack = newStack();
    new Widget(stack, 'w', { metadata: { name: 'w' }, spec: newer({ caCrt: 'a', 'ca.crt': 'b' }) });
    // WHEN
    const error = errorOf(() => synthObjects(stack));
    // THEN
    expect(SynthError.isSynthError(error)).toBe(true);
    expect(error.message).toContain('[shop/w] Widget "w": spec["ca.crt"] is given twice, as caCrt ("a") and as ca.crt ("b"); allowed: one of them (caCrt is written as ca.crt)');
  });

  test('GIVEN a class with its own toJson() that leaves out a field it was given WHEN synthesized THEN the synth refuses it, naming the construct path and the field', () => {
    // GIVEN
    class Trimmed extends ApiObject {
      public toJson(): any {
        const json = super.toJson();
        delete json.spec.extra;
        return json;
      }
    }
    const stack = newStack();
    new Trimmed(stack, 'cm', { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'cm' }, spec: { kept: 1, extra: 'x' } });
    // WHEN
    const error = errorOf(() => synthObjects(stack));
    // THEN
    expect(SynthError.isSynthError(error)).toBe(true);
    expect(error.message).toContain('[shop/cm]');
    expect(error.message).toContain('spec.extra');
    expect(error.message).toContain('allowed: ');
  });
});
