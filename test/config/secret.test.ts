import { externalReferenceOf, PropError, Secret, SecretType, SynthError } from '../../lib';
import { findObject, synthObjects } from '../../lib/testing';
import { expectPropError, makeStack } from '../_helpers';

describe('Secret', () => {
  test('GIVEN values and allowPlaintext WHEN synthesized THEN data is base64 and type Opaque by default', () => {
    const { stack } = makeStack();
    new Secret(stack, 'dev-secret', { values: { password: 'hunter2' }, allowPlaintext: true });
    const secret = findObject(synthObjects(stack), 'Secret', 'dev-secret');
    expect(secret.data).toEqual({ password: Buffer.from('hunter2').toString('base64') });
    expect(secret.type).toBe('Opaque');
    expect(secret.stringData).toBeUndefined();
  });

  test('GIVEN values without allowPlaintext WHEN constructed THEN it is refused, without echoing the value', () => {
    const { stack } = makeStack();
    const e = expectPropError(() => new Secret(stack, 's', { values: { password: 'hunter2' } }), {
      path: 'test/s', prop: 'values', received: '"(hidden)"', allowed: 'no values unless allowPlaintext is true',
    });
    expect(e.message).not.toContain('hunter2');
    expect(e.message).toContain('Secret.fromSecretName()');
  });

  test('GIVEN addValue without allowPlaintext WHEN called THEN it is refused', () => {
    const { stack } = makeStack();
    const s = new Secret(stack, 's');
    expect(() => s.addValue('k', 'v')).toThrow(PropError);
  });

  test('GIVEN addValue with allowPlaintext WHEN synthesized THEN the value lands in the output', () => {
    const { stack } = makeStack();
    const s = new Secret(stack, 's', { allowPlaintext: true });
    s.addValue('token', 'abc');
    expect(findObject(synthObjects(stack), 'Secret', 's').data).toEqual({ token: Buffer.from('abc').toString('base64') });
    expect(s.keys).toEqual(['token']);
  });

  test('GIVEN fromSecretName WHEN used THEN it defines no object and is declared external', () => {
    const { stack } = makeStack();
    const ref = Secret.fromSecretName(stack, 'db', 'db-secret');
    expect(ref.secretName).toBe('db-secret');
    expect(stack).toHaveObjectCount('Secret', 0);
    expect(externalReferenceOf(ref)).toEqual({ kind: 'Secret', name: 'db-secret' });
  });

  test('GIVEN a TLS secret without tls.key WHEN synthesized THEN synth fails naming the missing key', () => {
    const { stack } = makeStack();
    new Secret(stack, 'tls', { type: SecretType.TLS, values: { 'tls.crt': 'CERT' }, allowPlaintext: true });
    expect(() => synthObjects(stack)).toThrow(SynthError);
    expect(() => synthObjects(stack)).toThrow(/needs the key "tls.key"; it has "tls.crt"/);
  });

  test('GIVEN a basic-auth secret with only a password WHEN synthesized THEN it is valid', () => {
    const { stack } = makeStack();
    new Secret(stack, 'auth', { type: SecretType.BASIC_AUTH, values: { password: 'p' }, allowPlaintext: true });
    expect(stack).toHaveObject('Secret', 'auth', { type: 'kubernetes.io/basic-auth' });
  });

  test('GIVEN a custom type WHEN synthesized THEN the type is written as given', () => {
    const { stack } = makeStack();
    new Secret(stack, 'c', { type: SecretType.custom('acme.com/token') });
    expect(stack).toHaveObject('Secret', 'c', { type: 'acme.com/token' });
  });

  test('GIVEN a key that is not a valid Secret key WHEN constructed THEN the error names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new Secret(stack, 's', { values: { 'a b': 'x' }, allowPlaintext: true }), {
      path: 'test/s', prop: 'values key', received: '"a b"', allowed: 'ConfigMap/Secret key',
    });
  });

  test('GIVEN a type given as a string WHEN constructed THEN the error lists SecretType', () => {
    const { stack } = makeStack();
    expectPropError(() => new Secret(stack, 's', { type: 'Opaque' as any }), {
      path: 'test/s', prop: 'type', received: '"Opaque"', allowed: 'SecretType.OPAQUE',
    });
  });
});
