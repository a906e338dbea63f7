import { Namespace, PodSecurityLevel } from '../../lib';
import { findObject, synthObjects } from '../../lib/testing';
import { expectPropError, makeStack } from '../_helpers';

describe('Namespace', () => {
  test('GIVEN default props WHEN synthesized THEN it enforces, audits and warns on "restricted" for v1.27', () => {
    const { stack } = makeStack({ createNamespace: false });
    new Namespace(stack, 'team-a');
    const labels = findObject(synthObjects(stack), 'Namespace', 'team-a').metadata.labels!;
    expect(labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.27',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.27',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.27',
    });
  });

  test('GIVEN podSecurity BASELINE WHEN synthesized THEN the labels say baseline', () => {
    const { stack } = makeStack({ createNamespace: false });
    new Namespace(stack, 'legacy', { podSecurity: PodSecurityLevel.BASELINE });
    expect(stack).toHaveObject('Namespace', 'legacy', { metadata: { labels: expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'baseline' }) } });
  });

  test('GIVEN a podSecurityVersion WHEN synthesized THEN every -version label carries it', () => {
    const { stack } = makeStack({ createNamespace: false });
    new Namespace(stack, 'ns', { podSecurityVersion: 'latest' });
    const labels = findObject(synthObjects(stack), 'Namespace', 'ns').metadata.labels!;
    expect(labels['pod-security.kubernetes.io/enforce-version']).toBe('latest');
    expect(labels['pod-security.kubernetes.io/warn-version']).toBe('latest');
  });

  test('GIVEN a Namespace in a namespaced stack WHEN synthesized THEN it has no metadata.namespace (cluster-scoped)', () => {
    const { stack } = makeStack({ namespace: 'shop' });
    expect(stack).toHaveObject('Namespace', 'shop', { metadata: { namespace: undefined } });
  });

  test('GIVEN no name WHEN synthesized THEN the construct id is the name', () => {
    const { stack } = makeStack({ createNamespace: false });
    const ns = new Namespace(stack, 'team-b');
    expect(ns.name).toBe('team-b');
  });

  test('GIVEN namespaceOptions on the stack WHEN synthesized THEN the stack namespace uses them', () => {
    const { stack } = makeStack({ namespace: 'ops', namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED, annotations: { owner: 'ops' } } });
    const ns = findObject(synthObjects(stack), 'Namespace', 'ops');
    expect(ns.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(ns.metadata.annotations).toEqual({ owner: 'ops' });
  });

  test('GIVEN a name with dots WHEN constructed THEN the error says namespaces are DNS-1123 labels', () => {
    const { stack } = makeStack({ createNamespace: false });
    const e = expectPropError(() => new Namespace(stack, 'ns', { name: 'team.a' }), {
      path: 'test/ns', prop: 'name', received: '"team.a"', allowed: 'DNS-1123 label',
    });
    expect(e.message).toContain('must not contain dots');
  });

  test('GIVEN an invalid podSecurityVersion WHEN constructed THEN the error names it', () => {
    const { stack } = makeStack({ createNamespace: false });
    expectPropError(() => new Namespace(stack, 'ns', { podSecurityVersion: '1.27' }), {
      path: 'test/ns', prop: 'podSecurityVersion', received: '"1.27"', allowed: '"latest" or a Kubernetes minor version',
    });
  });

  test('GIVEN a podSecurity that is not a PodSecurityLevel WHEN constructed THEN the error lists the levels', () => {
    const { stack } = makeStack({ createNamespace: false });
    expectPropError(() => new Namespace(stack, 'ns', { podSecurity: 'restricted' as any }), {
      path: 'test/ns', prop: 'podSecurity', received: '"restricted"', allowed: 'PodSecurityLevel.RESTRICTED',
    });
  });
});
