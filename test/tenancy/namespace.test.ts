import { AppStack, Environment, Namespace, PlatformApp, PodSecurityLevel } from '../../lib';
import { findObject, synthObjects } from '../../lib/testing';
import { expectPropError, makeStack, tmpdir } from '../_helpers';

const VERSION_LABELS = ['enforce-version', 'audit-version', 'warn-version'].map((l) => `pod-security.kubernetes.io/${l}`);

/** The `-version` labels of the namespace `name` that `app` (one environment or none) synthesizes. */
function versionLabels(app: PlatformApp, name: string): string[] {
  const labels = findObject([...app.synthManifests().values()].flat(), 'Namespace', name).metadata.labels!;
  return VERSION_LABELS.map((l) => labels[l]);
}

describe('Namespace', () => {
  test('GIVEN default props WHEN synthesized THEN it enforces, audits and warns on "restricted" for the default version, v1.33', () => {
    const { stack } = makeStack({ createNamespace: false });
    new Namespace(stack, 'team-a');
    const labels = findObject(synthObjects(stack), 'Namespace', 'team-a').metadata.labels!;
    expect(labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.33',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.33',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.33',
    });
  });

  test('GIVEN an app targeting 1.30 WHEN synthesized THEN every -version label is v1.30', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion: '1.30' });
    new AppStack(app, 'shop', { namespace: 'shop' });
    expect(versionLabels(app, 'shop')).toEqual(['v1.30', 'v1.30', 'v1.30']);
  });

  test('GIVEN an environment targeting 1.35 in an app targeting 1.30 WHEN synthesized THEN every -version label is v1.35', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion: '1.30' });
    new AppStack(new Environment(app, 'dev', { kubernetesVersion: '1.35' }), 'shop', { namespace: 'shop' });
    expect(versionLabels(app, 'shop')).toEqual(['v1.35', 'v1.35', 'v1.35']);
  });

  test('GIVEN a podSecurityVersion WHEN the app targets another version THEN the version set wins', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion: '1.35' });
    new AppStack(app, 'shop', { namespace: 'shop', namespaceOptions: { podSecurityVersion: 'v1.31' } });
    expect(versionLabels(app, 'shop')).toEqual(['v1.31', 'v1.31', 'v1.31']);
  });

  test('GIVEN a version label set with metadata.labels WHEN synthesized THEN it wins over the version targeted', () => {
    const { stack } = makeStack({ createNamespace: false });
    new Namespace(stack, 'ns', { metadata: { labels: { 'pod-security.kubernetes.io/warn-version': 'latest' } } });
    const labels = findObject(synthObjects(stack), 'Namespace', 'ns').metadata.labels!;
    expect(VERSION_LABELS.map((l) => labels[l])).toEqual(['v1.33', 'v1.33', 'latest']);
  });

  test('GIVEN a namespace in an environment targeting 1.29 WHEN its podSecurityVersion is read THEN it is v1.29', () => {
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
    const stack = new AppStack(new Environment(app, 'old', { kubernetesVersion: '1.29' }), 'shop', { namespace: 'shop' });
    expect(stack.namespaceResource?.podSecurityVersion).toBe('v1.29');
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
    const { stack } = makeStack({ namespace: 'ops', namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED, metadata: { annotations: { owner: 'ops' } } } });
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
