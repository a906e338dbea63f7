import { ApiObject } from 'cdk8s';
import { AppStack, Environment, PlatformApp } from '../../lib';
import { synthEnvironment, synthFindings } from '../../lib/testing';
import { tmpdir } from '../_helpers';

/** An app with environments at 1.29 and 1.30, each with a Service that asks for trafficDistribution (in the 1.30 definitions). */
function app(versions: Array<[string, string]> = [['old', '1.29'], ['new', '1.30']]): PlatformApp {
  const a = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });
  for (const [name, kubernetesVersion] of versions) {
    const stack = new AppStack(new Environment(a, name, { kubernetesVersion }), 'shop', { namespace: 'shop' });
    new ApiObject(stack, 'svc', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
      spec: { ports: [{ port: 80 }], trafficDistribution: 'PreferClose' },
    });
  }
  return a;
}

describe('the testing helpers and the Kubernetes version', () => {
  test('GIVEN environments at 1.29 and 1.30 WHEN their findings are read THEN only 1.29 lacks trafficDistribution', () => {
    // WHEN
    const unknown = synthFindings(app()).filter((f) => f.rule === 'schema-unknown-field');
    // THEN
    expect(unknown.map((f) => [f.field, f.message.includes('Kubernetes 1.29')])).toEqual([['spec.trafficDistribution', true]]);
  });

  test('GIVEN an environment at 1.30 WHEN synthesized alone THEN its Service keeps trafficDistribution', () => {
    const service = synthEnvironment(app([['new', '1.30']]), 'new').find((o) => o.kind === 'Service');
    expect(service?.spec.trafficDistribution).toBe('PreferClose');
  });
});
