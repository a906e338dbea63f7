import { SUPPORTED_KUBERNETES_VERSIONS } from '../../lib/core/kubernetes-version';
import { builtInScopeOf, builtInScopes, CustomResourceScopes, scopeOfObject } from '../../lib/core/resource-scope';
import { K8S_KINDS } from '../../lib/validation/schema/k8s-kinds';

/** Every built-in kind of each version, as "group/Kind", from the schema tables (served or behind a gate). */
function kindsByVersion(): Map<string, Set<string>> {
  const table = JSON.parse(K8S_KINDS) as { versions: string[]; kinds: Record<string, [string, string]> };
  const out = new Map(table.versions.map((v) => [v, new Set<string>()]));
  for (const [gvk, [, presence]] of Object.entries(table.kinds)) {
    const parts = gvk.split('/');
    const kind = parts.pop()!;
    parts.pop();
    [...presence].forEach((c, i) => {
      if (c !== '-') out.get(table.versions[i])!.add(`${parts.join('/')}/${kind}`);
    });
  }
  return out;
}

const crd = (group: string, kind: string, scope: string): any => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${kind.toLowerCase()}s.${group}` },
  spec: { group, scope, names: { kind, plural: `${kind.toLowerCase()}s` }, versions: [] },
});

describe('resource scope', () => {
  test('GIVEN the served kinds table WHEN each kind of each version is looked up THEN the scope table classifies exactly those', () => {
    // GIVEN
    const byVersion = kindsByVersion();
    expect([...byVersion.keys()]).toEqual(SUPPORTED_KUBERNETES_VERSIONS);
    for (const [version, kinds] of byVersion) {
      // WHEN
      const classified = new Set(builtInScopes().filter(([group, kind]) => builtInScopeOf(group === '' ? 'v1' : `${group}/v1`, kind, version) !== undefined)
        .map(([group, kind]) => `${group}/${kind}`));
      // THEN
      expect([version, [...classified].sort()]).toEqual([version, [...kinds].sort()]);
    }
  });

  test('GIVEN a ClusterRole WHEN its scope is looked up THEN it is cluster-scoped', () => {
    expect(builtInScopeOf('rbac.authorization.k8s.io/v1', 'ClusterRole', '1.33')).toBe('Cluster');
  });

  test('GIVEN a ConfigMap WHEN its scope is looked up THEN it is namespaced', () => {
    expect(builtInScopeOf('v1', 'ConfigMap', '1.27')).toBe('Namespaced');
  });

  test('GIVEN a kind a version does not have WHEN its scope is looked up at that version THEN it is unknown', () => {
    // ServiceCIDR exists from 1.29.
    expect(builtInScopeOf('networking.k8s.io/v1', 'ServiceCIDR', '1.28')).toBeUndefined();
  });

  test('GIVEN a CRD of scope Cluster WHEN an object of its kind is looked up THEN it is cluster-scoped', () => {
    // GIVEN
    const custom = new CustomResourceScopes([crd('example.com', 'Widget', 'Cluster')]);
    // WHEN / THEN
    expect(scopeOfObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, '1.33', custom)).toBe('Cluster');
  });

  test('GIVEN no CRD for a custom kind WHEN an object of it is looked up THEN its scope is unknown', () => {
    expect(scopeOfObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, '1.33', new CustomResourceScopes())).toBeUndefined();
  });

  test('GIVEN a CRD without a valid scope WHEN added THEN it is skipped', () => {
    const custom = new CustomResourceScopes([crd('example.com', 'Widget', 'Global')]);
    expect(custom.scopeOf('example.com/v1', 'Widget')).toBeUndefined();
  });
});
