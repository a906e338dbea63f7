import { AppStack, Environment, PlatformApp, WebService } from '../../lib';
import { validateObjects } from '../../lib/validation/validator';
import { expectPropError, RESOURCES, tmpdir } from '../_helpers';

/** A Deployment whose container has an environment variable named `name`. */
function deployment(name: string): any {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name, value: 'x' }] }] } },
    },
  };
}

const envFindings = (name: string, kubernetesVersion: string) =>
  validateObjects([deployment(name)], { kubernetesVersion }).findings.filter((f) => f.rule === 'env-vars');

describe('environment variable names by Kubernetes version', () => {
  test('GIVEN a name with a colon WHEN checked for 1.32 THEN it is accepted (relaxed names are on by default from 1.32)', () => {
    expect(envFindings('spring.datasource:url', '1.32')).toEqual([]);
  });

  test('GIVEN a name with a colon WHEN checked for 1.31 THEN it is an error', () => {
    expect(envFindings('spring.datasource:url', '1.31')).toEqual([expect.objectContaining({ field: 'spec.template.spec.containers[0].env[0].name' })]);
  });

  test('GIVEN a name with "=" WHEN checked for 1.36 THEN it is still an error naming the rule', () => {
    expect(envFindings('A=B', '1.36')[0].message).toContain("printable ASCII characters other than '='");
  });

  test('GIVEN a WebService in an environment of 1.33 WHEN given a relaxed name THEN the construct accepts it', () => {
    const app = new PlatformApp({ outdir: tmpdir() });
    const stack = new AppStack(new Environment(app, 'dev', { kubernetesVersion: '1.33' }), 's', { namespace: 's' });
    expect(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, env: { '1st:setting': 'x' } })).not.toThrow();
  });

  test('GIVEN a WebService in an environment of 1.31 WHEN given a relaxed name THEN the construct refuses it', () => {
    const app = new PlatformApp({ outdir: tmpdir() });
    const stack = new AppStack(new Environment(app, 'dev', { kubernetesVersion: '1.31' }), 's', { namespace: 's' });
    expectPropError(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, env: { '1st:setting': 'x' } }), {
      path: 'dev/s/web', prop: 'env key', received: '"1st:setting"', allowed: "letters, digits, '_', '-' or '.'",
    });
  });
});
