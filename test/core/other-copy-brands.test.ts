import {
  AccessMode, ClusterRoleRef, findObject, HorizontalPodAutoscaler, NetworkPolicy, PersistentVolumeClaim, PodDisruptionBudget,
  Protocol, Provider, RoleBinding, Secret, SecretType, SelectPolicy, Subject, UnhealthyPodEvictionPolicy, WebService,
} from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

/**
 * A value as another copy of the package makes it: its prototype carries the brand (a registry-wide symbol) and its
 * fields, but it is not an instance of this copy's class.
 */
function otherCopy<T>(brandName: string, fields: Record<string, unknown>): T {
  const proto = Object.defineProperty({}, Symbol.for(`cdk8s-platform.${brandName}`), { value: true });
  return Object.assign(Object.create(proto), fields) as T;
}

const web = (stack: ReturnType<typeof makeStack>['stack']): WebService => new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });

describe('values from another copy of the package', () => {
  test('GIVEN a SecretType of another copy WHEN a Secret takes it THEN it is accepted and rendered (config)', () => {
    // GIVEN
    const type = otherCopy<SecretType>('SecretType', { value: 'acme.com/token', _requiredKeys: [] });
    expect(type instanceof SecretType).toBe(false);
    const { stack } = makeStack();
    // WHEN
    new Secret(stack, 's', { type });
    // THEN
    expect(SecretType.isSecretType(type)).toBe(true);
    expect(findObject(synth(stack), 'Secret', 's').type).toBe('acme.com/token');
  });

  test('GIVEN a Protocol of another copy WHEN a NetworkPolicy port takes it THEN it is rendered (networking)', () => {
    const { stack } = makeStack();
    const udp = otherCopy<Protocol>('Protocol', { value: 'UDP' });
    new NetworkPolicy(stack, 'np', { ingress: [{ peers: [], ports: [{ port: 53, protocol: udp }] }] });
    expect(findObject(synth(stack), 'NetworkPolicy', 'np').spec.ingress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }]);
  });

  test('GIVEN a look-alike Protocol without the brand WHEN a NetworkPolicy port takes it THEN the PropError says what is allowed', () => {
    const { stack } = makeStack();
    expectPropError(() => new NetworkPolicy(stack, 'np', { ingress: [{ peers: [], ports: [{ port: 53, protocol: { value: 'UDP' } as Protocol }] }] }), {
      path: 'test/np', prop: 'ingress[0].ports[0].protocol', received: '{"value":"UDP"}', allowed: 'Protocol.TCP',
    });
  });

  test('GIVEN a ClusterRoleRef of another copy WHEN a RoleBinding grants it THEN the binding refers to the ClusterRole (tenancy)', () => {
    const { stack } = makeStack();
    new RoleBinding(stack, 'rb', { role: otherCopy<ClusterRoleRef>('ClusterRoleRef', { name: 'view' }), subjects: [Subject.group('auditors')] });
    expect(findObject(synth(stack), 'RoleBinding', 'rb').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' });
  });

  test('GIVEN an UnhealthyPodEvictionPolicy of another copy WHEN a budget takes it THEN it is rendered (scheduling)', () => {
    const { stack } = makeStack();
    const policy = otherCopy<UnhealthyPodEvictionPolicy>('UnhealthyPodEvictionPolicy', { value: 'IfHealthyBudget' });
    new PodDisruptionBudget(stack, 'pdb', { selector: web(stack), unhealthyPodEvictionPolicy: policy });
    expect(findObject(synth(stack), 'PodDisruptionBudget', 'pdb').spec.unhealthyPodEvictionPolicy).toBe('IfHealthyBudget');
  });

  test('GIVEN a SelectPolicy of another copy WHEN an autoscaler behavior takes it THEN it is rendered (scaling)', () => {
    const { stack } = makeStack();
    const min = otherCopy<SelectPolicy>('SelectPolicy', { value: 'Min' });
    new HorizontalPodAutoscaler(stack, 'hpa', { target: web(stack), maxReplicas: 4, behavior: { scaleDown: { selectPolicy: min } } });
    expect(findObject(synth(stack), 'HorizontalPodAutoscaler', 'hpa').spec.behavior.scaleDown.selectPolicy).toBe('Min');
  });

  test('GIVEN an AccessMode of another copy WHEN a claim takes it THEN it is rendered (storage)', () => {
    const { stack } = makeStack();
    new PersistentVolumeClaim(stack, 'pvc', { size: '1Gi', accessMode: otherCopy<AccessMode>('AccessMode', { value: 'ReadWriteMany' }) });
    expect(findObject(synth(stack), 'PersistentVolumeClaim', 'pvc').spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test('GIVEN a Provider of another copy WHEN isProvider is asked THEN it is one; a plain object is not (providers)', () => {
    const provider = otherCopy<Provider>('Provider', { name: 'eks', storageClassName: 'gp2' });
    expect(provider instanceof Provider).toBe(false);
    expect(Provider.isProvider(provider)).toBe(true);
    expect(Provider.isProvider({ name: 'eks' })).toBe(false);
  });
});
