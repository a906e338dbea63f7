import { KubeObject } from './_kubernetes-defaults';
import { Additions, additionsNotInOutput, compareObjects, formatPath, leftOutInOutput, parseAdditionPath } from './_round-trip';

/** A Deployment `web` in `shop` whose container `web` has the env given. */
function deployment(env: KubeObject[], extra: KubeObject = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25', env, ...extra }] },
      },
    },
  };
}

const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { A: '1' } };

describe('compareObjects', () => {
  test('GIVEN an env value that differs WHEN compared THEN one line names the object, the field by item names and both values', () => {
    // GIVEN
    const input = deployment([{ name: 'FOO', value: 'x' }]);
    const output = deployment([{ name: 'FOO', value: 'y' }]);
    // WHEN
    const lines = compareObjects([input], [output], { additions: [] });
    // THEN
    expect(lines).toEqual(['Deployment/shop/web: spec.template.spec.containers[name=web].env[name=FOO].value: input "x", output "y"']);
  });

  test('GIVEN equal objects written with and without the API server\'s defaults WHEN compared THEN there is no difference', () => {
    // GIVEN
    const input = deployment([]);
    const output = deployment([], { imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' });
    output.spec.replicas = 1;
    output.spec.strategy = { type: 'RollingUpdate' };
    // WHEN
    const lines = compareObjects([input], [output], { additions: [] });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN a field the output adds WHEN it is listed as an addition THEN it is not a difference', () => {
    // GIVEN
    const output = deployment([], { securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } });
    // WHEN
    const lines = compareObjects([deployment([])], [output], { additions: ['Deployment/shop/web:spec.template.spec.containers[name=web].securityContext'] });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN a value the input sets WHEN the output changes it THEN it is a difference even if an addition lists the field', () => {
    // GIVEN
    const input = { ...config, metadata: { ...config.metadata, labels: { 'app.kubernetes.io/managed-by': 'Helm' } } };
    const output = { ...config, metadata: { ...config.metadata, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-platform' } } };
    // WHEN
    const lines = compareObjects([input], [output], { additions: ['ConfigMap/shop/settings:metadata.labels'] });
    // THEN
    expect(lines).toEqual([`ConfigMap/shop/settings: metadata.labels['app.kubernetes.io/managed-by']: input "Helm", output "cdk8s-platform" (listed as an addition, but the input sets it)`]);
  });

  test('GIVEN a field the input leaves to the API server\'s default WHEN the output sets another value listed as an addition THEN it is not a difference', () => {
    // GIVEN the input's strategy defaults to maxUnavailable 25%
    const output = deployment([]);
    output.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } };
    // WHEN
    const lines = compareObjects([deployment([])], [output], { additions: ['Deployment/shop/web:spec.strategy.rollingUpdate.maxUnavailable'] });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN a field the output adds WHEN nothing lists it THEN it is one line with its whole value', () => {
    // GIVEN
    const output = deployment([], { securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } } });
    // WHEN
    const lines = compareObjects([deployment([])], [output], { additions: [] });
    // THEN
    expect(lines).toEqual(['Deployment/shop/web: spec.template.spec.containers[name=web].securityContext: input (none), output {"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}']);
  });

  test('GIVEN an added object of which an addition lists one field WHEN compared THEN the other fields under it are reported one by one', () => {
    // GIVEN
    const output = deployment([], { securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true } });
    // WHEN
    const lines = compareObjects([deployment([])], [output], { additions: ['Deployment/shop/web:spec.template.spec.containers[name=web].securityContext.runAsNonRoot'] });
    // THEN
    expect(lines).toEqual(['Deployment/shop/web: spec.template.spec.containers[name=web].securityContext.readOnlyRootFilesystem: input (none), output true']);
  });

  test('GIVEN an added label whose key has dots WHEN the addition quotes the key THEN it is not a difference', () => {
    // GIVEN
    const output = { ...config, metadata: { ...config.metadata, labels: { 'app.kubernetes.io/name': 'settings' } } };
    // WHEN
    const lines = compareObjects([config], [output], { additions: ["ConfigMap/shop/settings:metadata.labels['app.kubernetes.io/name']"] });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN a list item added by index WHEN the addition names its index THEN it is not a difference', () => {
    // GIVEN
    const input = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } };
    const output = { ...input, spec: { ports: [{ port: 80, name: 'http' }] } };
    // WHEN
    const lines = compareObjects([input], [output], { additions: ['Service/shop/web:spec.ports[0].name'] });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN a field the output leaves out WHEN it is listed as left out THEN it is not a difference; WHEN not THEN it is', () => {
    // GIVEN
    const input = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } } };
    const output = { ...input, spec: { selector: { matchLabels: { app: 'web' } } } };
    // WHEN
    const listed = compareObjects([input], [output], { additions: [], leftOut: ['Deployment/shop/web:spec.replicas'] });
    const unlisted = compareObjects([input], [output], { additions: [] });
    // THEN
    expect(listed).toEqual([]);
    expect(unlisted).toEqual(['Deployment/shop/web: spec.replicas: input 3, output 1']);
  });

  test('GIVEN a field listed as left out WHEN the output has it THEN leftOutInOutput names it', () => {
    // GIVEN
    const output = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3 } };
    // WHEN / THEN
    expect(leftOutInOutput(['Deployment/shop/web:spec.replicas'], [output])).toEqual(['Deployment/shop/web:spec.replicas']);
    expect(leftOutInOutput(['Deployment/shop/web:spec.paused'], [output])).toEqual([]);
  });

  test('GIVEN an object missing from the output WHEN compared THEN it is reported as missing', () => {
    // GIVEN / WHEN
    const lines = compareObjects([config], [], { additions: [] });
    // THEN
    expect(lines).toEqual(['ConfigMap/shop/settings: in the input, missing from the output']);
  });

  test('GIVEN an object in the output only WHEN it is not listed THEN it is reported; WHEN listed whole THEN it is not', () => {
    // GIVEN / WHEN
    const unlisted = compareObjects([], [config], { additions: [] });
    const listed = compareObjects([], [config], { additions: ['ConfigMap/shop/settings'] });
    // THEN
    expect(unlisted).toEqual(['ConfigMap/shop/settings: in the output only (not in the input, not listed as an addition)']);
    expect(listed).toEqual([]);
  });

  test('GIVEN a Secret the generated code references by name WHEN absent from the output THEN it is not a difference', () => {
    // GIVEN
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: 'eA==' } };
    // WHEN
    const lines = compareObjects([secret], [], { additions: [], referencedSecrets: new Set(['Secret/shop/db']) });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN list items in another order WHEN matched by name THEN only real differences are reported', () => {
    // GIVEN
    const input = deployment([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    const output = deployment([{ name: 'B', value: '2' }, { name: 'A', value: '3' }]);
    // WHEN
    const lines = compareObjects([input], [output], { additions: [] });
    // THEN
    expect(lines).toEqual(['Deployment/shop/web: spec.template.spec.containers[name=web].env[name=A].value: input "1", output "3"']);
  });

  test('GIVEN unnamed list items WHEN compared THEN they are matched by position', () => {
    // GIVEN
    const input = deployment([], { args: ['--port', '80'] });
    const output = deployment([], { args: ['--port', '8080'] });
    // WHEN
    const lines = compareObjects([input], [output], { additions: [] });
    // THEN
    expect(lines).toEqual(['Deployment/shop/web: spec.template.spec.containers[name=web].args[1]: input "80", output "8080"']);
  });

  test('GIVEN a value of another type WHEN compared THEN it is a difference (a port number is not its name)', () => {
    // GIVEN
    const svc = (targetPort: unknown): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80, targetPort }] } });
    // WHEN
    const lines = compareObjects([svc(8080)], [svc('8080')], { additions: [] });
    // THEN
    expect(lines).toEqual(['Service/shop/web: spec.ports[0].targetPort: input 8080, output "8080"']);
  });

  test('GIVEN an input object without namespace WHEN compared with a namespace THEN it matches the output object in that namespace', () => {
    // GIVEN
    const input = { ...config, metadata: { name: 'settings' } };
    // WHEN
    const lines = compareObjects([input], [config], { additions: [], namespace: 'shop' });
    // THEN
    expect(lines).toEqual([]);
  });

  test('GIVEN quantities written differently WHEN compared THEN equal amounts are no difference', () => {
    // GIVEN
    const input = deployment([], { resources: { requests: { cpu: '0.1', memory: '1Gi' } } });
    const output = deployment([], { resources: { requests: { cpu: '100m', memory: '1024Mi' } } });
    // WHEN
    const lines = compareObjects([input], [output], { additions: [] });
    // THEN
    expect(lines).toEqual([]);
  });
});

describe('addition paths', () => {
  test('GIVEN an addition path with keys, quoted keys, indexes and names WHEN read THEN each step is found', () => {
    expect(parseAdditionPath("spec.template.metadata.labels['app.kubernetes.io/name']")).toEqual(['spec', 'template', 'metadata', 'labels', 'app.kubernetes.io/name']);
    expect(parseAdditionPath('spec.containers[name=web].ports[0].name')).toEqual(['spec', 'containers', { name: 'web' }, 'ports', 0, 'name']);
  });

  test('GIVEN a path WHEN written THEN it reads back as the same steps', () => {
    // GIVEN
    const path = ['metadata', 'labels', 'app.kubernetes.io/name'];
    // WHEN
    const text = formatPath(path);
    // THEN
    expect(text).toBe("metadata.labels['app.kubernetes.io/name']");
    expect(parseAdditionPath(text)).toEqual(path);
  });

  test('GIVEN an addition that is not Kind/namespace/name WHEN read THEN it is refused, naming it', () => {
    expect(() => new Additions(['Deployment/web'])).toThrow('the addition "Deployment/web" is not Kind/namespace/name');
    expect(() => new Additions(['web:spec'])).toThrow('the addition "web:spec" does not start with Kind/namespace/name');
  });

  test('GIVEN an addition of a list item by name WHEN a field under the item with that name is checked THEN it is covered, another item\'s is not', () => {
    // GIVEN
    const additions = new Additions(['Deployment/shop/web:spec.containers[name=web]']);
    // WHEN / THEN
    expect(additions.covers('Deployment/shop/web', ['spec', 'containers', { index: 0, name: 'web' }, 'image'])).toBe(true);
    expect(additions.covers('Deployment/shop/web', ['spec', 'containers', { index: 1, name: 'sidecar' }, 'image'])).toBe(false);
  });
});

describe('additionsNotInOutput', () => {
  test('GIVEN additions of a field the output has, one it lacks and an object it lacks WHEN checked THEN the last two are returned', () => {
    // GIVEN
    const output = deployment([{ name: 'FOO', value: 'x' }]);
    const fields = [
      'Deployment/shop/web:spec.template.spec.containers[name=web].env[0].value',
      'Deployment/shop/web:spec.replicas',
      'PodDisruptionBudget/shop/web',
    ];
    // WHEN
    const missing = additionsNotInOutput(fields, [output]);
    // THEN
    expect(missing).toEqual(['Deployment/shop/web:spec.replicas', 'PodDisruptionBudget/shop/web']);
  });
});
