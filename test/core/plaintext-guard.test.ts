import * as fs from 'fs';
import { ApiObject } from 'cdk8s';
import { PlatformAnnotations, Secret, SynthError } from '../../lib';
import { makeStack, synth } from '../_helpers';

describe('no plaintext Secret data in the output', () => {
  test('GIVEN a raw Secret ApiObject with data WHEN synthesized THEN a SynthError names its path and nothing is written', () => {
    // GIVEN
    const { app, stack } = makeStack();
    new ApiObject(stack, 'raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'raw' }, data: { token: 'c2VjcmV0' } });
    // WHEN
    let error: unknown;
    try { app.synth(); } catch (e) { error = e; }
    // THEN
    expect(SynthError.isSynthError(error)).toBe(true);
    expect((error as SynthError).problems).toEqual([expect.objectContaining({ path: 'test/raw' })]);
    expect((error as SynthError).message).toContain('Secret "raw" would write plaintext values (keys "token") to the output');
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('GIVEN a raw Secret with stringData WHEN synthesized THEN it is refused too', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'raw' }, stringData: { token: 'secret' } });
    expect(() => synth(stack)).toThrow(/keys "token"/);
  });

  test('GIVEN a raw Secret with the allow-plaintext annotation WHEN synthesized THEN it is written', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'raw', {
      apiVersion: 'v1', kind: 'Secret', data: { token: 'c2VjcmV0' },
      metadata: { name: 'raw', annotations: { [PlatformAnnotations.ALLOW_PLAINTEXT]: 'true' } },
    });
    expect(synth(stack).find((o) => o.kind === 'Secret')?.data).toEqual({ token: 'c2VjcmV0' });
  });

  test('GIVEN a raw Secret without data WHEN synthesized THEN it is written', () => {
    const { stack } = makeStack();
    new ApiObject(stack, 'raw', {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
      metadata: { name: 'raw', annotations: { 'kubernetes.io/service-account.name': 'default' } },
    });
    expect(synth(stack).filter((o) => o.kind === 'Secret')).toHaveLength(1);
  });

  test('GIVEN a Secret with allowPlaintext WHEN synthesized THEN it carries the allow-plaintext annotation', () => {
    const { stack } = makeStack();
    new Secret(stack, 'dev', { values: { password: 'p' }, allowPlaintext: true, metadata: { annotations: { team: 'a' } } });
    expect(synth(stack).find((o) => o.kind === 'Secret')?.metadata.annotations).toEqual({ team: 'a', [PlatformAnnotations.ALLOW_PLAINTEXT]: 'true' });
  });

  test('GIVEN a Secret without allowPlaintext WHEN synthesized THEN it has no allow-plaintext annotation', () => {
    const { stack } = makeStack();
    new Secret(stack, 'empty');
    expect(synth(stack).find((o) => o.kind === 'Secret')?.metadata.annotations).toBeUndefined();
  });
});

