import { Config, Mount, WebService } from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

// A mount's subPath: one file or folder of a volume mounted at the path (one key of a ConfigMap as a file), as
// manifests that `cdk8s-platform import` reads have it.

describe('a mount\'s subPath', () => {
  test('GIVEN a config mount with subPath WHEN synthesized THEN the mount names the key and the volume is the whole ConfigMap', () => {
    // GIVEN
    const { stack } = makeStack();
    const config = new Config(stack, 'web-config', { data: { 'nginx.conf': 'events {}', 'mime.types': 'types {}' } });
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, mounts: [Mount.config(config, '/etc/nginx/nginx.conf', { subPath: 'nginx.conf' })] });
    // WHEN
    const spec = podSpecOf(synth(stack), 'web');
    // THEN
    expect(spec.containers[0].volumeMounts[0]).toEqual({ name: 'config-web-config', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true });
    expect(spec.volumes[0]).toEqual({ name: 'config-web-config', configMap: { name: 'web-config' } });
  });

  test('GIVEN a mount without subPath WHEN synthesized THEN the mount has no subPath field', () => {
    // GIVEN
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, mounts: [Mount.emptyDir('/var/cache/nginx')] });
    // WHEN
    const spec = podSpecOf(synth(stack), 'web');
    // THEN
    expect(Object.keys(spec.containers[0].volumeMounts[0]).sort()).toEqual(['mountPath', 'name']);
  });

  test.each([['/etc/app.yaml'], ['../secrets'], ['']])('GIVEN subPath %j WHEN created THEN the prop is refused with the value and what is allowed', (subPath) => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN / THEN
    expectPropError(() => new WebService(stack, 'web', { image: 'nginx:1.27', resources: RESOURCES, mounts: [Mount.emptyDir('/cache', { subPath })] }), {
      path: 'test/web', prop: 'mounts[0].subPath', received: JSON.stringify(subPath), allowed: 'a relative path without ".." segments',
    });
  });
});
