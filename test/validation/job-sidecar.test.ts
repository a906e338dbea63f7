import { validateObjects } from '../../lib/validation/validator';

/** A Job whose pod runs `containers`. */
function job(containers: Array<{ name: string; image: string }>): any {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' },
    spec: { template: { spec: { restartPolicy: 'Never', containers } } },
  };
}

const findings = (o: unknown, kubernetesVersion = '1.33') =>
  validateObjects([o as any], { kubernetesVersion }).findings.filter((f) => f.rule === 'job-sidecar');

describe('job-sidecar', () => {
  test('GIVEN a Job with a cloud-sql-proxy container beside its own WHEN validated THEN a warning says it never completes and to make it native', () => {
    const found = findings(job([{ name: 'migrate', image: 'ghcr.io/acme/migrate:1.0' }, { name: 'db-proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.8.0' }]));
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', field: 'spec.template.spec.containers[1]' })]);
    expect(found[0].message).toContain('move it to initContainers with restartPolicy: Always');
  });

  test('GIVEN the same Job checked for 1.28 WHEN validated THEN the advice does not offer native sidecars', () => {
    const found = findings(job([{ name: 'migrate', image: 'm:1' }, { name: 'istio-proxy', image: 'istio/proxyv2:1.22.0' }]), '1.28');
    expect(found[0].message).toContain('native sidecars, which Kubernetes stops, need 1.29');
  });

  test('GIVEN a Job with one container WHEN validated THEN there is no warning', () => {
    expect(findings(job([{ name: 'envoy-config-check', image: 'envoyproxy/envoy:v1.30.0' }]))).toEqual([]);
  });

  test('GIVEN a Job with two containers that do not look like sidecars WHEN validated THEN there is no warning', () => {
    expect(findings(job([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }]))).toEqual([]);
  });
});
