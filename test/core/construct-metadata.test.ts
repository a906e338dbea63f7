import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  AppStack, ClusterRoleRef, Config, ExternalSecret, findObject, HorizontalPodAutoscaler, Ingress, LimitRange, Namespace,
  NetworkPolicy, ObjectMetadata, PersistentVolumeClaim, PodDisruptionBudget, PriorityClass, ResourceQuota, Role, RoleBinding,
  SealedSecret, Secret, SecretStoreRef, Subject, WebService,
} from '../../lib';
import { CERT } from '../config/_sealing';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

/** One construct of the table: how to make it with `metadata` (or other extra props), and the objects it creates. */
interface Row {
  readonly make: (stack: AppStack, extra: Record<string, unknown>) => IConstruct & { readonly apiObject: ApiObject };
  /** The kind and name of each object the construct creates, its main object first. */
  readonly objects: ReadonlyArray<readonly [string, string]>;
  /** The path of the construct, as errors name it. */
  readonly path: string;
}

const web = (stack: AppStack): WebService => new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });

const ROWS: Record<string, Row> = {
  Config: { make: (s, x) => new Config(s, 'c', { ...x }), objects: [['ConfigMap', 'c']], path: 'test/c' },
  Secret: { make: (s, x) => new Secret(s, 's', { ...x }), objects: [['Secret', 's']], path: 'test/s' },
  ExternalSecret: {
    make: (s, x) => new ExternalSecret(s, 'es', { store: SecretStoreRef.store('vault'), data: { url: { key: 'db' } }, ...x }),
    objects: [['ExternalSecret', 'es']], path: 'test/es',
  },
  SealedSecret: {
    make: (s, x) => new SealedSecret(s, 'ss', { certificate: CERT, values: { a: 'one' }, ...x }),
    objects: [['SealedSecret', 'ss']], path: 'test/ss',
  },
  Ingress: {
    make: (s, x) => new Ingress(s, 'in', { rules: [{ paths: [{ backend: web(s) }] }], ...x }),
    objects: [['Ingress', 'in']], path: 'test/in',
  },
  NetworkPolicy: { make: (s, x) => new NetworkPolicy(s, 'np', { ingress: [], ...x }), objects: [['NetworkPolicy', 'np']], path: 'test/np' },
  Namespace: {
    make: (s, x) => new Namespace(s, 'ns', {
      defaultDenyNetwork: true, quota: { pods: 10 }, limits: { max: { memory: '1Gi' } }, access: { viewers: ['auditors'] }, ...x,
    }),
    objects: [['Namespace', 'ns'], ['NetworkPolicy', 'default-deny'], ['ResourceQuota', 'ns-quota'], ['LimitRange', 'ns-limits'], ['RoleBinding', 'ns-view']],
    path: 'test/ns',
  },
  ResourceQuota: { make: (s, x) => new ResourceQuota(s, 'q', { hard: { pods: 5 }, ...x }), objects: [['ResourceQuota', 'q']], path: 'test/q' },
  LimitRange: { make: (s, x) => new LimitRange(s, 'lr', { max: { memory: '1Gi' }, ...x }), objects: [['LimitRange', 'lr']], path: 'test/lr' },
  Role: {
    make: (s, x) => new Role(s, 'r', { rules: [{ resources: ['pods'], verbs: ['get'] }], ...x }), objects: [['Role', 'r']], path: 'test/r',
  },
  RoleBinding: {
    make: (s, x) => new RoleBinding(s, 'rb', { role: ClusterRoleRef.VIEW, subjects: [Subject.group('auditors')], ...x }),
    objects: [['RoleBinding', 'rb']], path: 'test/rb',
  },
  PodDisruptionBudget: {
    make: (s, x) => new PodDisruptionBudget(s, 'pdb', { selector: web(s), ...x }),
    objects: [['PodDisruptionBudget', 'pdb']], path: 'test/pdb',
  },
  PriorityClass: { make: (s, x) => new PriorityClass(s, 'pc', { value: 1000, ...x }), objects: [['PriorityClass', 'pc']], path: 'test/pc' },
  HorizontalPodAutoscaler: {
    make: (s, x) => new HorizontalPodAutoscaler(s, 'hpa', { target: web(s), maxReplicas: 4, ...x }),
    objects: [['HorizontalPodAutoscaler', 'hpa']], path: 'test/hpa',
  },
  PersistentVolumeClaim: {
    make: (s, x) => new PersistentVolumeClaim(s, 'pvc', { size: '1Gi', ...x }), objects: [['PersistentVolumeClaim', 'pvc']], path: 'test/pvc',
  },
};

const TABLE = Object.entries(ROWS);
const METADATA: ObjectMetadata = { labels: { team: 'payments' }, annotations: { 'example.com/owner': 'payments' } };

describe.each(TABLE)('%s', (_name, row) => {
  test('GIVEN metadata WHEN synthesized THEN its labels and annotations are on every object the construct creates', () => {
    // GIVEN
    const { stack } = makeStack({ createNamespace: false });
    row.make(stack, { metadata: METADATA });
    // WHEN
    const objects = synth(stack);
    // THEN
    for (const [kind, name] of row.objects) {
      const o = findObject(objects, kind, name);
      expect([kind, o.metadata.labels?.team]).toEqual([kind, 'payments']);
      expect([kind, o.metadata.annotations?.['example.com/owner']]).toEqual([kind, 'payments']);
    }
  });

  test('GIVEN metadata.labels WHEN synthesized THEN the recommended labels stay beside them', () => {
    const { stack } = makeStack({ createNamespace: false });
    row.make(stack, { metadata: METADATA });
    const [kind, name] = row.objects[0];
    expect(findObject(synth(stack), kind, name).metadata.labels?.['app.kubernetes.io/name']).toBe(name);
  });

  test('GIVEN an invalid label value in metadata.labels WHEN constructed THEN the PropError names metadata.labels', () => {
    const { stack } = makeStack({ createNamespace: false });
    expectPropError(() => row.make(stack, { metadata: { labels: { team: 'a b' } } }), {
      path: row.path, prop: 'metadata.labels.team', received: '"a b"', allowed: 'label value',
    });
  });

  test.each(['labels', 'annotations'])('GIVEN the old top-level %s prop WHEN constructed THEN the PropError says where it moved', (prop) => {
    const { stack } = makeStack({ createNamespace: false });
    expectPropError(() => row.make(stack, { [prop]: { team: 'a' } }), {
      path: row.path, prop, received: '{"team":"a"}', allowed: `metadata.${prop}`,
    });
  });

  test('GIVEN the construct WHEN ApiObject.of() is asked THEN it is the main object, its apiObject', () => {
    // GIVEN
    const { stack } = makeStack({ createNamespace: false });
    const construct = row.make(stack, {});
    // WHEN
    const main = ApiObject.of(construct);
    // THEN
    expect(main).toBe(construct.apiObject);
    expect([main.kind, main.name]).toEqual(row.objects[0]);
  });

  test('GIVEN a JSON patch through ApiObject.of() WHEN synthesized THEN it is in the output', () => {
    // GIVEN
    const { stack } = makeStack({ createNamespace: false });
    const construct = row.make(stack, {});
    // WHEN
    ApiObject.of(construct).addJsonPatch(JsonPatch.add('/metadata/annotations', { patched: 'yes' }));
    // THEN
    const [kind, name] = row.objects[0];
    expect(findObject(synth(stack), kind, name).metadata.annotations).toEqual({ patched: 'yes' });
  });
});

describe('Namespace metadata and objects', () => {
  test('GIVEN a Namespace with a policy, quota, limits and a binding WHEN apiObjects is read THEN it lists them all, the Namespace first', () => {
    // GIVEN
    const { stack } = makeStack({ createNamespace: false });
    const ns = ROWS.Namespace.make(stack, {}) as Namespace;
    // WHEN
    const objects = ns.apiObjects;
    // THEN
    expect(objects.map((o) => [o.kind, o.name])).toEqual(ROWS.Namespace.objects);
  });

  test('GIVEN a role granted after construction WHEN synthesized THEN its binding carries the namespace metadata too', () => {
    const { stack } = makeStack({ createNamespace: false });
    const ns = new Namespace(stack, 'ns', { metadata: METADATA });
    ns.grant(ClusterRoleRef.EDIT, Subject.group('devs'));
    expect(findObject(synth(stack), 'RoleBinding', 'ns-edit').metadata.labels?.team).toBe('payments');
  });

  test('GIVEN the namespace name label in metadata.labels WHEN constructed THEN it is refused: network policies select namespaces by it', () => {
    const { stack } = makeStack({ createNamespace: false });
    expectPropError(() => new Namespace(stack, 'ns', { metadata: { labels: { 'kubernetes.io/metadata.name': 'other' } } }), {
      path: 'test/ns', prop: 'metadata.labels.kubernetes.io/metadata.name', received: '"other"', allowed: 'network policies select namespaces by it',
    });
  });

  test('GIVEN metadata in the stack namespaceOptions WHEN synthesized THEN the stack Namespace carries it', () => {
    const { stack } = makeStack({ namespace: 'shop', namespaceOptions: { metadata: METADATA } });
    expect(findObject(synth(stack), 'Namespace', 'shop').metadata.annotations).toEqual(METADATA.annotations);
  });
});

describe('the metadata prop itself', () => {
  test('GIVEN metadata that is not an object WHEN constructed THEN the PropError names metadata', () => {
    const { stack } = makeStack();
    expectPropError(() => new Config(stack, 'c', { metadata: 'team=a' as unknown as ObjectMetadata }), {
      path: 'test/c', prop: 'metadata', received: '"team=a"', allowed: '{ labels?, annotations? }',
    });
  });

  test('GIVEN a key other than labels and annotations in metadata WHEN constructed THEN the PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new Config(stack, 'c', { metadata: { name: 'x' } as ObjectMetadata }), {
      path: 'test/c', prop: 'metadata.name', received: '"x"', allowed: 'a prop of ObjectMetadata: annotations, labels',
    });
  });

  test('GIVEN an annotation value that is not a string WHEN constructed THEN the PropError names metadata.annotations', () => {
    const { stack } = makeStack();
    expectPropError(() => new Config(stack, 'c', { metadata: { annotations: { owner: 7 as unknown as string } } }), {
      path: 'test/c', prop: 'metadata.annotations.owner', received: '7', allowed: 'a string annotation value',
    });
  });

  test('GIVEN metadata.labels overriding a recommended label WHEN synthesized THEN the given value wins', () => {
    const { stack } = makeStack();
    new Config(stack, 'c', { metadata: { labels: { 'app.kubernetes.io/component': 'settings' } } });
    expect(findObject(synth(stack), 'ConfigMap', 'c').metadata.labels?.['app.kubernetes.io/component']).toBe('settings');
  });

  test('GIVEN metadata.labels on a SealedSecret WHEN synthesized THEN the Secret it unseals into carries them too', () => {
    const { stack } = makeStack();
    new SealedSecret(stack, 'ss', { certificate: CERT, values: { a: 'one' }, metadata: METADATA });
    expect(findObject(synth(stack), 'SealedSecret', 'ss').spec.template.metadata.labels.team).toBe('payments');
  });
});
