import { validateObjects } from '../../lib';
import { findingsOf } from './_fixtures';

const clusterRole = (namespace?: string): any => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader', ...(namespace ? { namespace } : {}) }, rules: [],
});

describe('object-scope', () => {
  test('GIVEN a ClusterRole with a namespace WHEN validated with the recommended preset THEN object-scope reports metadata.namespace as a warning', () => {
    // GIVEN
    const objects = [clusterRole('shop')];
    // WHEN
    const findings = validateObjects(objects).findings.filter((f) => f.rule === 'object-scope');
    // THEN
    expect(findings.map((f) => [f.severity, f.field, f.message])).toEqual([
      ['warning', 'metadata.namespace', 'received "shop"; allowed: no namespace: ClusterRole is cluster-scoped in Kubernetes 1.33'],
    ]);
  });

  test('GIVEN a ClusterRole without a namespace WHEN validated THEN object-scope reports nothing', () => {
    expect(findingsOf([clusterRole()]).filter((f) => f.rule === 'object-scope')).toEqual([]);
  });

  test('GIVEN a namespaced object with a namespace WHEN validated THEN object-scope reports nothing', () => {
    const configMap: any = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } };
    expect(findingsOf([configMap]).filter((f) => f.rule === 'object-scope')).toEqual([]);
  });

  test('GIVEN a cluster-scoped kind the target version does not have WHEN validated with a namespace THEN object-scope reports nothing', () => {
    // ServiceCIDR exists from 1.29: api-version-served says what is wrong at 1.28.
    const cidr: any = { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'c', namespace: 'shop' }, spec: {} };
    expect(findingsOf([cidr], { kubernetesVersion: '1.28' }).filter((f) => f.rule === 'object-scope')).toEqual([]);
  });

  test('GIVEN a custom kind whose CRD says scope Cluster WHEN an object of it has a namespace THEN object-scope reports it', () => {
    // GIVEN a cluster-scoped CRD among the objects, and an object of its kind with a namespace
    const crd: any = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'clusterissuers.example.com' },
      spec: {
        group: 'example.com', scope: 'Cluster', names: { kind: 'ClusterIssuer', plural: 'clusterissuers' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    const issuer: any = { apiVersion: 'example.com/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt', namespace: 'shop' } };
    // WHEN validated
    const findings = findingsOf([crd, issuer]).filter((f) => f.rule === 'object-scope');
    // THEN the namespace is reported
    expect(findings.map((f) => [f.name, f.field])).toEqual([['letsencrypt', 'metadata.namespace']]);
  });
});
