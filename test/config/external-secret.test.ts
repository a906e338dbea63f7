import { AppStack, Environment, EnvFrom, EnvValue, ExternalSecret, PlatformApp, Mount, SecretStoreRef, SecretType, SynthError, WebService } from '../../lib';
import { containerOf, expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

describe('ExternalSecret', () => {
  test('GIVEN data from a store WHEN synthesized THEN it renders an external-secrets.io/v1 ExternalSecret with defaults', () => {
    // GIVEN
    const { stack } = makeStack();
    new ExternalSecret(stack, 'db', { store: SecretStoreRef.store('vault'), data: { url: { key: 'prod/db', property: 'url' } } });
    // WHEN
    const o = synth(stack).find((x) => x.kind === 'ExternalSecret')!;
    // THEN
    expect(o).toEqual({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: expect.objectContaining({ name: 'db', namespace: 'test' }),
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault', kind: 'SecretStore' },
        target: { name: 'db', creationPolicy: 'Owner', template: { metadata: { labels: o.metadata.labels } } },
        data: [{ secretKey: 'url', remoteRef: { key: 'prod/db', property: 'url' } }],
      },
    });
    expect(o.metadata.labels?.['app.kubernetes.io/component']).toBe('secret');
  });

  test('GIVEN a cluster store, extract, a version, an interval and a type WHEN synthesized THEN they are rendered', () => {
    const { stack } = makeStack();
    new ExternalSecret(stack, 'tls', {
      store: SecretStoreRef.clusterStore('aws'),
      extract: [{ key: 'prod/tls', version: 'v3' }],
      refreshInterval: '15m',
      type: SecretType.TLS,
    });
    expect(synth(stack).find((x) => x.kind === 'ExternalSecret')!.spec).toEqual({
      refreshInterval: '15m',
      secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' },
      target: { name: 'tls', creationPolicy: 'Owner', template: { metadata: expect.anything(), type: 'kubernetes.io/tls' } },
      dataFrom: [{ extract: { key: 'prod/tls', version: 'v3' } }],
    });
  });

  test('GIVEN an ExternalSecret in an Environment WHEN synthesized THEN the Secret it creates carries its labels, the stack\'s and the environment\'s', () => {
    // GIVEN
    const app = new PlatformApp();
    const stack = new AppStack(new Environment(app, 'prod'), 'shop', { namespace: 'shop', metadata: { labels: { team: 'payments' } } });
    new ExternalSecret(stack, 'db', { store: SecretStoreRef.store('vault'), data: { username: { key: 'k' }, password: { key: 'p' } }, type: SecretType.BASIC_AUTH });
    // WHEN
    const o = synth(stack).find((x) => x.kind === 'ExternalSecret')!;
    // THEN
    expect(o.spec.target.template.metadata.labels).toEqual(o.metadata.labels);
    expect(o.spec.target.template.metadata.labels).toEqual(expect.objectContaining({ 'cdk8s-platform.io/environment': 'prod', team: 'payments', 'app.kubernetes.io/instance': 'shop' }));
  });

  test('GIVEN an ExternalSecret with metadata.annotations WHEN synthesized THEN the Secret it creates carries them', () => {
    // GIVEN
    const { stack } = makeStack();
    new ExternalSecret(stack, 'db', { store: SecretStoreRef.store('vault'), data: { url: { key: 'k' } }, metadata: { annotations: { owner: 'shop' } } });
    // WHEN
    const o = synth(stack).find((x) => x.kind === 'ExternalSecret')!;
    // THEN
    expect(o.spec.target.template.metadata.annotations).toEqual({ owner: 'shop' });
  });

  test('GIVEN an ExternalSecret WHEN used in env, envFrom and a mount THEN they read the Secret it creates', () => {
    const { stack } = makeStack();
    const db = new ExternalSecret(stack, 'db', { store: SecretStoreRef.store('vault'), data: { url: { key: 'k' } } });
    new WebService(stack, 'api', {
      image: 'nginx:1.25', resources: RESOURCES,
      env: { DATABASE_URL: EnvValue.fromSecret(db, 'url') },
      envFrom: [EnvFrom.secret(db)],
      mounts: [Mount.secret(db, '/etc/db')],
    });
    const objects = synth(stack);
    const c = containerOf(objects, 'api');
    expect(c.env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } });
    expect(c.envFrom).toEqual([{ secretRef: { name: 'db' } }]);
    expect(podSpecOf(objects, 'api').volumes).toContainEqual(expect.objectContaining({ secret: expect.objectContaining({ secretName: 'db' }) }));
  });

  test('GIVEN an env var reading a key the ExternalSecret data lacks WHEN synthesized THEN a SynthError names it', () => {
    const { stack } = makeStack();
    const db = new ExternalSecret(stack, 'db', { store: SecretStoreRef.store('vault'), data: { url: { key: 'k' } } });
    new WebService(stack, 'api', { image: 'nginx:1.25', resources: RESOURCES, env: { X: EnvValue.fromSecret(db, 'password') } });
    expect(() => synth(stack)).toThrow(SynthError);
    expect(() => synth(stack)).toThrow('reads key "password" of Secret "db", which has no such key (it has: url)');
  });

  test('GIVEN extract WHEN an env var reads any key THEN it is not checked (keys are known at run time only)', () => {
    const { stack } = makeStack();
    const all = new ExternalSecret(stack, 'all', { store: SecretStoreRef.store('vault'), extract: [{ key: 'prod/all' }] });
    new WebService(stack, 'api', { image: 'nginx:1.25', resources: RESOURCES, env: { X: EnvValue.fromSecret(all, 'anything') } });
    expect(all.keys).toBeUndefined();
    expect(() => synth(stack)).not.toThrow();
  });

  test('GIVEN a TLS type without tls.key in data WHEN synthesized THEN a SynthError names the missing key', () => {
    const { stack } = makeStack();
    new ExternalSecret(stack, 'tls', { store: SecretStoreRef.store('vault'), type: SecretType.TLS, data: { 'tls.crt': { key: 'c' } } });
    expect(() => synth(stack)).toThrow(/needs the key "tls.key"/);
  });

  test('GIVEN neither data nor extract WHEN constructed THEN a PropError says a value is needed', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.store('vault') }), {
      path: 'test/e', prop: 'data', received: 'undefined', allowed: 'at least one key in data, or one entry in extract',
    });
  });

  test('GIVEN a store that is not a SecretStoreRef WHEN constructed THEN a PropError names the prop', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: 'vault' as any, data: { a: { key: 'k' } } }), {
      path: 'test/e', prop: 'store', received: '"vault"', allowed: 'SecretStoreRef.store(name)',
    });
  });

  test('GIVEN a bad refresh interval WHEN constructed THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.store('v'), data: { a: { key: 'k' } }, refreshInterval: '1 hour' }), {
      path: 'test/e', prop: 'refreshInterval', received: '"1 hour"', allowed: 'a Go duration',
    });
  });

  test('GIVEN a remote ref without a key WHEN constructed THEN a PropError names the path', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.store('v'), data: { a: { key: '' } } }), {
      path: 'test/e', prop: 'data.a.key', received: '""',
    });
  });

  test('GIVEN extract that is not an array WHEN constructed THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.store('v'), extract: { key: 'k' } as any }), {
      path: 'test/e', prop: 'extract', received: '{"key":"k"}', allowed: 'an array',
    });
  });

  test('GIVEN a type that is not a SecretType WHEN constructed THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.store('v'), data: { a: { key: 'k' } }, type: 'Opaque' as any }), {
      path: 'test/e', prop: 'type', received: '"Opaque"', allowed: 'a SecretType',
    });
  });

  test('GIVEN an invalid store name WHEN constructed THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.clusterStore('Vault!'), data: { a: { key: 'k' } } }), {
      path: 'test/e', prop: 'store.name', received: '"Vault!"', allowed: 'a DNS-1123 subdomain',
    });
  });

  test('GIVEN an invalid Secret key WHEN constructed THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ExternalSecret(stack, 'e', { store: SecretStoreRef.store('v'), data: { 'a b': { key: 'k' } } }), {
      path: 'test/e', prop: 'data key', received: '"a b"',
    });
  });
});
