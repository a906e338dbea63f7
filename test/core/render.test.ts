import { ApiObject, ApiObjectMetadataDefinition, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import { IConstruct } from 'constructs';
import { defineExamples } from '../../apps/examples';
import { missingFields } from '../../lib/core/_given-fields';
import { createApiObject, renderApiObject } from '../../lib/core/_render';
import { createL1Object, IntOrString } from '../../lib/core/_k8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { PlatformApp } from '../../lib';

/** Every API object below `root`. */
function apiObjects(root: IConstruct): ApiObject[] {
  return root.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
}

/** Asserts that the fast rendering is exactly cdk8s's: the same data with the keys in the same order. */
function expectSameAsToJson(obj: ApiObject): void {
  expect(JSON.stringify(renderApiObject(obj))).toBe(JSON.stringify(obj.toJson()));
}

/** A field of our rendering that `toJson()` does not have: its path and value. */
interface Dropped {
  readonly path: Array<string | number>;
  readonly value: unknown;
}

/**
 * `ours` without the fields that `theirs` does not have (they are pushed to `dropped`); the rest is left as it is,
 * keys in their order.
 */
function withoutDropped(ours: unknown, theirs: unknown, path: Array<string | number>, dropped: Dropped[]): unknown {
  if (Array.isArray(ours) && Array.isArray(theirs)) return ours.map((x, i) => withoutDropped(x, theirs[i], [...path, i], dropped));
  if (ours === null || typeof ours !== 'object' || theirs === null || typeof theirs !== 'object' || Array.isArray(theirs)) return ours;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(ours)) {
    if (key in theirs) rest[key] = withoutDropped(value, (theirs as Record<string, unknown>)[key], [...path, key], dropped);
    else dropped.push({ path: [...path, key], value });
  }
  return rest;
}

/** Only the `dropped` fields, with the objects and lists above them (a list keeps its length, for the indexes). */
function onlyDropped(dropped: Dropped[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { path, value } of dropped) {
    let at: any = root;
    path.forEach((segment, i) => {
      if (i === path.length - 1) at[segment] = value;
      else at = (at[segment] ??= typeof path[i + 1] === 'number' ? [] : {});
    });
  }
  return root;
}

/**
 * Asserts that the rendering is cdk8s's `toJson()`, the same data with the keys in the same order, except for the
 * fields that `toJson()` drops and we keep: each of them must be in the object's props as given (the intended
 * difference: the L1 classes' `toJson()` copies only the fields of their 1.27 types). Returns those fields.
 */
function expectToJsonOrMore(obj: ApiObject): Dropped[] {
  const dropped: Dropped[] = [];
  const ours = withoutDropped(renderApiObject(obj), obj.toJson(), [], dropped);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(obj.toJson()));
  // Each field toJson() dropped is one the props give (under its prop name, which may differ in case or punctuation).
  expect(missingFields(onlyDropped(dropped), ApiObject.prototype.toJson.call(obj))).toEqual([]);
  return dropped;
}

/** A chart in a plain cdk8s app (default resolvers). */
function chart(app: App = new App()): Chart {
  return new Chart(app, 'c', { namespace: 'ns', labels: { team: 'a' } });
}

/** Metadata given to an object: what the cases are, and the metadata. */
const METADATA: Array<[string, Record<string, unknown>]> = [
  ['unsorted labels and annotations, finalizers', { name: 'm', labels: { z: '1', b: '2', a: '3' }, annotations: { 'y.io/x': 'v', 'a.io/b': 'w' }, finalizers: ['f/b', 'f/a'] }],
  ['a lazy label value', { name: 'm', labels: { a: Lazy.any({ produce: () => 'lazy' }) as unknown as string } }],
  ['empty labels, annotations and finalizers', { name: 'm', labels: {}, annotations: {}, finalizers: [] }],
  ['owner references', { name: 'm', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u' }] }],
  ['an extra metadata field', { name: 'm', generateName: 'm-' }],
  ['no name', {}],
];

/** Changes to an object's metadata after construction: what they are, and the change. */
const METADATA_CHANGES: Array<[string, (o: ApiObject) => void]> = [
  ['labels, annotations and finalizers added', (o) => { o.metadata.addLabel('b', '1'); o.metadata.addAnnotation('a.io/x', 'y'); o.metadata.addFinalizers('f/a'); }],
  ['a label of another type added', (o) => o.metadata.addLabel('n', 1 as unknown as string)],
  ['an owner reference added', (o) => o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u' })],
  ['an extra field added', (o) => o.metadata.add('generateName', 'm-')],
  ['the fields toJson() takes from the metadata itself added as extra fields', (o) => {
    o.metadata.add('name', 'other');
    o.metadata.add('namespace', 'other');
    o.metadata.add('labels', { other: 'x' });
    o.metadata.add('annotations', { other: 'x' });
    o.metadata.add('finalizers', ['other']);
  }],
];

describe('renderApiObject', () => {
  test('GIVEN every object of the example app WHEN rendered THEN each is what toJson() returns, except for fields toJson() drops, which are kept as given', () => {
    // GIVEN
    const app = new PlatformApp();
    defineExamples(app);
    const objects = apiObjects(app);
    expect(objects.length).toBeGreaterThan(20);
    // WHEN / THEN
    for (const obj of objects) expectToJsonOrMore(obj);
  });

  test('GIVEN an L1 object with fields its 1.27 type does not know WHEN rendered THEN it is what toJson() returns and those fields, which toJson() drops (the intended difference)', () => {
    // GIVEN
    const obj = new k8s.KubeService(chart(), 's', {
      metadata: { name: 's' },
      spec: { clusterIp: 'None', ports: [{ port: 80, appProtocol: 'http', futureField: 1 } as k8s.ServicePort], trafficDistribution: 'PreferClose' } as k8s.ServiceSpec,
    });
    // WHEN
    const dropped = expectToJsonOrMore(obj);
    // THEN
    expect(dropped).toEqual([{ path: ['spec', 'ports', 0, 'futureField'], value: 1 }, { path: ['spec', 'trafficDistribution'], value: 'PreferClose' }]);
  });

  test('GIVEN an L1 object with lazy values, unions, nulls and empty collections WHEN rendered THEN it is what toJson() returns', () => {
    // GIVEN
    const c = chart();
    const obj = new k8s.KubeDeployment(c, 'd', {
      metadata: { name: 'd', annotations: {}, finalizers: [] },
      spec: {
        selector: { matchLabels: { b: 'x', a: 'y' } },
        strategy: { rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromNumber(0) } },
        template: Lazy.any({
          produce: () => ({
            metadata: { labels: { z: '1', a: '2' } },
            spec: {
              containers: [{ name: 'c', image: 'i', args: [], env: [{ name: 'E', value: undefined }], resources: { limits: { memory: k8s.Quantity.fromString('1Gi') } } }],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          }),
        }) as unknown as k8s.PodTemplateSpec,
      },
    });
    obj.metadata.addLabel('late', 'yes');
    // WHEN / THEN
    expectSameAsToJson(obj);
  });

  test.each(METADATA)('GIVEN an L1 object\'s metadata with %s WHEN rendered THEN it is what toJson() returns', (_, metadata) => {
    // GIVEN
    const c = chart();
    const obj = new k8s.KubeConfigMap(c, 'm', { metadata: metadata as k8s.ObjectMeta, data: { k: 'v' } });
    // WHEN / THEN
    expectSameAsToJson(obj);
  });

  test.each(METADATA_CHANGES)('GIVEN an L1 object\'s metadata with %s after construction WHEN rendered THEN it is what toJson() returns', (_, change) => {
    // GIVEN
    const obj = new k8s.KubeConfigMap(chart(), 'm', { metadata: { name: 'm', labels: { a: '1' } }, data: { k: 'v' } });
    change(obj);
    // WHEN / THEN
    expectSameAsToJson(obj);
  });

  test.each(METADATA)('GIVEN the metadata of an object of the library with %s WHEN rendered THEN it is what the L1 class renders', (_, metadata) => {
    // GIVEN
    const c = chart();
    const ours = createL1Object(c, 'ours', 'KubeConfigMap', { metadata: metadata as k8s.ObjectMeta, data: { k: 'v' } });
    const theirs = new k8s.KubeConfigMap(c, 'theirs', { metadata: metadata as k8s.ObjectMeta, data: { k: 'v' } });
    // WHEN / THEN
    // (A generated name has a hash of the construct path.)
    const named = (json: unknown): string => JSON.stringify(json).replace(/c-(ours|theirs)-[0-9a-f]{8}/g, 'X');
    expect(named(renderApiObject(ours))).toBe(named(theirs.toJson()));
  });

  test.each(METADATA_CHANGES)('GIVEN the metadata of an object of the library with %s after construction WHEN rendered THEN it is what the L1 class renders', (_, change) => {
    // GIVEN
    const c = chart();
    const ours = createL1Object(c, 'm', 'KubeConfigMap', { metadata: { name: 'm', labels: { a: '1' } }, data: { k: 'v' } });
    const theirs = new k8s.KubeConfigMap(new Chart(new App(), 'c', { namespace: 'ns', labels: { team: 'a' } }), 'm', { metadata: { name: 'm', labels: { a: '1' } }, data: { k: 'v' } });
    change(ours);
    change(theirs);
    // WHEN / THEN
    expect(JSON.stringify(renderApiObject(ours))).toBe(JSON.stringify(theirs.toJson()));
  });

  test('GIVEN the metadata definition of the library\'s objects WHEN compared with cdk8s\'s THEN it overrides every method that changes the metadata', () => {
    // GIVEN
    const definition = createL1Object(chart(), 'm', 'KubeConfigMap', { metadata: { name: 'm' } }).metadata.constructor as typeof ApiObjectMetadataDefinition;
    // WHEN
    const changing = Object.getOwnPropertyNames(ApiObjectMetadataDefinition.prototype).filter((m) => !['constructor', 'getLabel', 'toJson'].includes(m));
    // THEN
    expect(changing.length).toBeGreaterThanOrEqual(5);
    expect(changing.filter((m) => !Object.prototype.hasOwnProperty.call(definition.prototype, m))).toEqual([]);
  });

  test('GIVEN a plain ApiObject with an unknown field and owner references WHEN rendered THEN it is what toJson() returns', () => {
    // GIVEN
    const c = chart();
    const obj = new ApiObject(c, 'x', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3, nested: { k: null } }, extra: [1, null, 'a'] });
    obj.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'o', uid: 'u' });
    obj.metadata.add('generateName', 'w-');
    // WHEN / THEN
    expectSameAsToJson(obj);
  });

  test('GIVEN JSON patches WHEN rendered THEN they are applied as toJson() applies them', () => {
    // GIVEN
    const obj = new k8s.KubeConfigMap(chart(), 'cm', { metadata: { name: 'cm' }, data: { a: '1' } });
    obj.addJsonPatch(JsonPatch.add('/data/b', '2'), JsonPatch.remove('/data/a'));
    // WHEN / THEN
    expectSameAsToJson(obj);
    expect(renderApiObject(obj).data).toEqual({ b: '2' });
  });

  test('GIVEN JSON patches on an L1 object of cdk8s-plus-27 WHEN rendered THEN they apply to its props, as its toJson() applies them, and the fields its conversion drops are kept', () => {
    // GIVEN
    const obj = new k8s.KubeService(chart(), 's', { metadata: { name: 's' }, spec: { clusterIp: 'None', ports: [{ port: 80 }] } });
    obj.addJsonPatch(
      JsonPatch.replace('/spec/clusterIp', '10.0.0.1'),
      JsonPatch.add('/spec/ports/0/targetPort', 8080),
      JsonPatch.add('/spec/trafficDistribution', 'PreferClose'),
      JsonPatch.add('/aaa', 1),
    );
    // WHEN
    const json = renderApiObject(obj);
    // THEN
    expect(json.spec).toEqual({ clusterIP: '10.0.0.1', ports: [{ port: 80, targetPort: 8080 }], trafficDistribution: 'PreferClose' });
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'aaa']);
    expect(obj.toJson().spec).toEqual({ clusterIP: '10.0.0.1', ports: [{ port: 80 }] });
  });

  test('GIVEN JSON patches on an object of the library WHEN rendered THEN they apply to its Kubernetes JSON, and toJson() is that rendering', () => {
    // GIVEN
    const obj = createL1Object(chart(), 's', 'KubeService', { metadata: { name: 's' }, spec: { clusterIp: 'None', ports: [{ port: 80 }] } });
    obj.addJsonPatch(JsonPatch.replace('/spec/clusterIP', '10.0.0.1'), JsonPatch.add('/spec/trafficDistribution', 'PreferClose'), JsonPatch.add('/aaa', 1));
    // WHEN
    const json = renderApiObject(obj);
    // THEN
    expect(json.spec).toEqual({ clusterIP: '10.0.0.1', ports: [{ port: 80 }], trafficDistribution: 'PreferClose' });
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'aaa']);
    expect(obj.toJson()).toEqual(json);
  });

  test('GIVEN an object of the library with the props of an L1 type WHEN rendered THEN it is what the L1 class renders of them', () => {
    // GIVEN
    const c = chart();
    const props: k8s.KubeServiceProps = { metadata: { name: 's', labels: { z: '1', a: '2' } }, spec: { clusterIp: 'None', ports: [{ port: 80, targetPort: IntOrString.fromNumber(8080) }] } };
    const ours = createL1Object(c, 'ours', 'KubeService', props);
    const theirs = new k8s.KubeService(c, 'theirs', props);
    // WHEN / THEN
    expect(JSON.stringify(renderApiObject(ours))).toBe(JSON.stringify(theirs.toJson()));
  });

  test('GIVEN an object of the library with keys named __proto__ and constructor WHEN rendered THEN both are kept as given', () => {
    // GIVEN
    const obj = createApiObject(chart(), 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { ['__proto__']: 'a', constructor: 'b' } });
    // WHEN
    const data = renderApiObject(obj).data;
    // THEN
    expect(Object.getOwnPropertyNames(data)).toEqual(['__proto__', 'constructor']);
    expect([data.__proto__, data.constructor]).toEqual(['a', 'b']);
  });

  test('GIVEN CDK8S_DISABLE_SORT WHEN rendered THEN keys keep their order, as toJson() keeps them', () => {
    // GIVEN
    const obj = new k8s.KubeConfigMap(chart(), 'cm', { metadata: { name: 'cm' }, data: { z: '1', a: '2' } });
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      // WHEN / THEN
      expectSameAsToJson(obj);
      expect(Object.keys(renderApiObject(obj).data)).toEqual(['z', 'a']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('GIVEN an app with a custom resolver WHEN rendered THEN the resolver is applied (toJson() renders it)', () => {
    // GIVEN
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value.startsWith('up:')) context.replaceValue(context.value.slice(3).toUpperCase());
      }
    }
    const obj = new k8s.KubeConfigMap(chart(new App({ resolvers: [new Upper()] })), 'cm', { metadata: { name: 'cm' }, data: { a: 'up:x' } });
    // WHEN / THEN
    expect(renderApiObject(obj).data).toEqual({ a: 'X' });
  });

  test('GIVEN an app with a custom resolver and a patched object of the library WHEN rendered THEN cdk8s resolves it, the patch applies to its Kubernetes JSON, and the object keeps its patches', () => {
    // GIVEN
    class Upper implements IResolver {
      public resolve(context: ResolutionContext): void {
        if (typeof context.value === 'string' && context.value.startsWith('up:')) context.replaceValue(context.value.slice(3).toUpperCase());
      }
    }
    const obj = createL1Object(chart(new App({ resolvers: [new Upper()] })), 's', 'KubeService', { metadata: { name: 's' }, spec: { clusterIp: 'up:none' } });
    obj.addJsonPatch(JsonPatch.add('/spec/trafficDistribution', 'PreferClose'));
    // WHEN
    const json = renderApiObject(obj);
    // THEN
    expect(json.spec).toEqual({ clusterIP: 'NONE', trafficDistribution: 'PreferClose' });
    expect(obj.toJson()).toEqual(json);
  });

  test('GIVEN a subclass of an L1 class with its own toJson WHEN rendered THEN its toJson() is used', () => {
    // GIVEN
    class Tagged extends k8s.KubeConfigMap {
      public toJson(): any {
        return { ...super.toJson(), tagged: true };
      }
    }
    const obj = new Tagged(chart(), 'cm', { metadata: { name: 'cm' } });
    // WHEN / THEN
    expect(renderApiObject(obj).tagged).toBe(true);
  });

  test('GIVEN a value that is not plain data WHEN rendered THEN the error is the one toJson() throws', () => {
    // GIVEN
    class Opaque {
      public readonly x = 1;
    }
    const obj = new ApiObject(chart(), 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { o: new Opaque() } });
    // WHEN / THEN
    expect(() => renderApiObject(obj)).toThrow(/can't render non-simple object of type 'Opaque'/);
  });

  test('GIVEN a lazy value that throws WHEN rendered THEN the error names the construct path, as toJson() does', () => {
    // GIVEN
    const obj = new k8s.KubeConfigMap(chart(), 'cm', { metadata: { name: 'cm' }, data: Lazy.any({ produce: () => { throw new Error('boom'); } }) as any });
    // WHEN / THEN
    expect(() => renderApiObject(obj)).toThrow("Failed serializing construct at path 'c/cm' with name 'cm': Error: boom");
    expect(() => obj.toJson()).toThrow("Failed serializing construct at path 'c/cm' with name 'cm': Error: boom");
  });
});
