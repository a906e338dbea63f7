import { Config, DeploymentStrategy, EnvFrom, EnvValue, findObject, Mount, PlatformAnnotations, Secret, WebService } from '../../lib';
import { makeStack, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/web:1.2.3';
const HASH = PlatformAnnotations.CONFIG_HASH;

function hashWith(data: Record<string, string>, use: (c: Config) => Partial<ConstructorParameters<typeof WebService>[2]>): string | undefined {
  const { stack } = makeStack();
  const config = new Config(stack, 'cfg', { data });
  new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, ...use(config) });
  return findObject(synth(stack), 'Deployment', 'web').spec.template.metadata.annotations?.[HASH];
}

describe('rollouts', () => {
  test('GIVEN a Config read through envFrom WHEN its content changes THEN the config hash changes', () => {
    // GIVEN / WHEN
    const before = hashWith({ A: '1' }, (c) => ({ envFrom: [EnvFrom.config(c)] }));
    const after = hashWith({ A: '2' }, (c) => ({ envFrom: [EnvFrom.config(c)] }));
    // THEN
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
  });

  test('GIVEN the same content twice WHEN synthesized THEN the hash is the same', () => {
    const use = (c: Config) => ({ env: { A: EnvValue.fromConfig(c, 'A') } });
    expect(hashWith({ A: '1' }, use)).toBe(hashWith({ A: '1' }, use));
  });

  test('GIVEN a Config mounted as files WHEN addData() is called later THEN the hash follows', () => {
    const { stack } = makeStack();
    const config = new Config(stack, 'cfg', { data: { A: '1' } });
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, mounts: [Mount.config(config, '/etc/app')] });
    const before = findObject(synth(stack), 'Deployment', 'web').spec.template.metadata.annotations[HASH];
    config.addData('B', '2');
    expect(findObject(synth(stack), 'Deployment', 'web').spec.template.metadata.annotations[HASH]).not.toBe(before);
  });

  test('GIVEN a Secret defined in the stack WHEN its values change THEN the hash changes', () => {
    const hash = (v: string) => {
      const { stack } = makeStack();
      const secret = new Secret(stack, 'sec', { values: { K: v }, allowPlaintext: true });
      new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, env: { K: EnvValue.fromSecret(secret, 'K') } });
      return findObject(synth(stack), 'Deployment', 'web').spec.template.metadata.annotations[HASH];
    };
    expect(hash('a')).not.toBe(hash('b'));
  });

  test('GIVEN only imported ConfigMaps and Secrets WHEN synthesized THEN there is no hash', () => {
    const { stack } = makeStack();
    const secret = Secret.fromSecretName(stack, 'db', 'db-secret');
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, env: { URL: EnvValue.fromSecret(secret, 'url') } });
    expect(findObject(synth(stack), 'Deployment', 'web').spec.template.metadata.annotations).toBeUndefined();
  });

  test('GIVEN rolloutOnConfigChange false WHEN synthesized THEN there is no hash', () => {
    expect(hashWith({ A: '1' }, (c) => ({ envFrom: [EnvFrom.config(c)], rolloutOnConfigChange: false }))).toBeUndefined();
  });

  test('GIVEN no revisionHistoryLimit WHEN synthesized THEN 10 revisions are kept', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    expect(findObject(synth(stack), 'Deployment', 'web').spec.revisionHistoryLimit).toBe(10);
  });

  test('GIVEN Recreate WHEN synthesized THEN the Deployment recreates', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, strategy: DeploymentStrategy.recreate(), revisionHistoryLimit: 3 });
    const spec = findObject(synth(stack), 'Deployment', 'web').spec;
    expect([spec.strategy.type, spec.revisionHistoryLimit]).toEqual(['Recreate', 3]);
  });
});

describe('the config-hash annotation', () => {
  test('GIVEN the public constant WHEN read THEN it is the annotation key the pods carry', () => {
    expect(PlatformAnnotations.CONFIG_HASH).toBe('cdk8s-platform.io/config-hash');
  });
});
