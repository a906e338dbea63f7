import {
  hasSecretFields, HIDDEN, hideSecretValues, holdsSecret, pointerReadings, secretValuesOf, valueAt,
} from '../../lib/core/_secret-fields';

const SECRET = { apiVersion: 'v1', kind: 'Secret' };
const SEALED = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret' };
const EXTERNAL = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret' };
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('secret-bearing fields', () => {
  test('GIVEN a Secret WHEN asked about data, stringData and what is inside them THEN they hold secrets', () => {
    expect(holdsSecret(SECRET, ['data'], {})).toBe(true);
    expect(holdsSecret(SECRET, ['data', 'tls.key'], 'eA==')).toBe(true);
    expect(holdsSecret(SECRET, ['stringData', 'list', 0], 'x')).toBe(true);
  });

  test('GIVEN a Secret WHEN asked about its name, labels and type THEN they hold no secret', () => {
    expect(holdsSecret(SECRET, ['metadata', 'name'], 'db')).toBe(false);
    expect(holdsSecret(SECRET, ['metadata', 'labels', 'app'], 'db')).toBe(false);
    expect(holdsSecret(SECRET, ['type'], 'Opaque')).toBe(false);
  });

  test('GIVEN a field that contains a secret-bearing field WHEN its value has one THEN it holds secrets, else not', () => {
    expect(holdsSecret(SECRET, ['metadata', 'annotations'], { [LAST_APPLIED]: '{}' })).toBe(true);
    expect(holdsSecret(SECRET, ['metadata', 'annotations'], { team: 'shop' })).toBe(false);
    expect(holdsSecret(SECRET, [], { data: { k: 'eA==' } })).toBe(true);
  });

  test('GIVEN the last-applied annotation WHEN of a Secret THEN it holds secrets; of a ConfigMap THEN not', () => {
    expect(holdsSecret(SECRET, ['metadata', 'annotations', LAST_APPLIED], '{}')).toBe(true);
    expect(holdsSecret({ apiVersion: 'v1', kind: 'ConfigMap' }, ['metadata', 'annotations', LAST_APPLIED], '{}')).toBe(false);
  });

  test('GIVEN a SealedSecret and an ExternalSecret WHEN asked about their values THEN encryptedData, template data and literals hold secrets', () => {
    expect(holdsSecret(SEALED, ['spec', 'encryptedData', 'password'], 'Ag..')).toBe(true);
    expect(holdsSecret(SEALED, ['spec', 'template', 'data', 'config'], 'x')).toBe(true);
    expect(holdsSecret(SEALED, ['spec', 'template', 'metadata', 'name'], 'x')).toBe(false);
    expect(holdsSecret(EXTERNAL, ['spec', 'target', 'template', 'data', 'url'], 'x')).toBe(true);
    expect(holdsSecret(EXTERNAL, ['spec', 'target', 'template', 'templateFrom', 3, 'literal'], 'x')).toBe(true);
    expect(holdsSecret(EXTERNAL, ['spec', 'data', 0, 'remoteRef', 'key'], 'db/password')).toBe(false);
  });

  test('GIVEN kinds of other API groups or none WHEN asked THEN only the known groups have secret fields', () => {
    expect(hasSecretFields({ apiVersion: 'example.com/v1', kind: 'SealedSecret' })).toBe(false);
    expect(hasSecretFields({ apiVersion: 'v1', kind: 'ConfigMap' })).toBe(false);
    expect(hasSecretFields({ kind: 'Secret' })).toBe(true);
    expect(hasSecretFields({ apiVersion: 'v1', kind: 42 })).toBe(false);
  });

  test('GIVEN lists WHEN asked about their items THEN a List item of any secret kind, and a SecretList item, hold secrets', () => {
    expect(holdsSecret({ apiVersion: 'v1', kind: 'List' }, ['items', 0, 'stringData', 'k'], 'x')).toBe(true);
    expect(holdsSecret({ apiVersion: 'v1', kind: 'List' }, ['items', 0, 'spec', 'encryptedData', 'k'], 'x')).toBe(true);
    expect(holdsSecret({ apiVersion: 'v1', kind: 'SecretList' }, ['items', 2, 'data'], {})).toBe(true);
    expect(holdsSecret({ apiVersion: 'v1', kind: 'SecretList' }, ['items', 2, 'metadata', 'name'], 'x')).toBe(false);
  });
});

describe('secretValuesOf', () => {
  test('GIVEN a Secret WHEN its values are listed THEN strings, numbers, list items and decoded data are there', () => {
    const values = secretValuesOf({ ...SECRET, data: { a: b64('plain-a') }, stringData: { pin: 4242, list: ['item'] } });
    expect(values).toEqual(expect.arrayContaining([b64('plain-a'), 'plain-a', '4242', 'item']));
  });

  test('GIVEN a Secret with a last-applied configuration WHEN its values are listed THEN the values in the copy are there', () => {
    const applied = JSON.stringify({ ...SECRET, data: { a: b64('applied-a') } });
    const values = secretValuesOf({ ...SECRET, metadata: { annotations: { [LAST_APPLIED]: applied } } });
    expect(values).toEqual(expect.arrayContaining([applied, b64('applied-a'), 'applied-a']));
  });

  test('GIVEN a last-applied configuration without a kind WHEN its values are listed THEN it is read as the object itself', () => {
    const applied = JSON.stringify({ stringData: { token: 'applied-token' } });
    expect(secretValuesOf({ ...SECRET, metadata: { annotations: { [LAST_APPLIED]: applied } } })).toContain('applied-token');
  });

  test('GIVEN objects without secret fields WHEN their values are listed THEN there are none', () => {
    expect(secretValuesOf({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } })).toEqual([]);
    expect(secretValuesOf('not an object')).toEqual([]);
  });
});

describe('hideSecretValues', () => {
  test('GIVEN a message quoting a secret raw, as JSON and inside a JSON string WHEN hidden THEN each is (hidden)', () => {
    const secret = 'hunter2-secret';
    const text = `a ${secret}, b ${JSON.stringify(secret)}, c ${JSON.stringify(JSON.stringify({ k: secret }))}`;
    const hidden = hideSecretValues(text, [secret]);
    expect(hidden).not.toContain('hunter2');
    expect(hidden).toContain(HIDDEN);
  });

  test('GIVEN a long secret shortened with ... WHEN hidden THEN its start is (hidden)', () => {
    const secret = 'x'.repeat(20) + 'SECRET-TAIL';
    const hidden = hideSecretValues(`received {"k":"${secret.slice(0, 12)}... (an object)`, [secret]);
    expect(hidden).toBe(`received {"k":${HIDDEN} (an object)`);
  });

  test('GIVEN a short secret WHEN hidden THEN only its quoted form is replaced, not ordinary words', () => {
    expect(hideSecretValues('received "abc"; allowed: abc', ['abc'])).toBe(`received ${HIDDEN}; allowed: abc`);
  });
});

describe('paths', () => {
  test('GIVEN JSON pointers WHEN read THEN ~1 and ~0 are unescaped and [name=x] is an item', () => {
    expect(pointerReadings('/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration'))
      .toEqual([['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration']]);
    expect(pointerReadings('/a~0b')).toEqual([['a~b']]);
    expect(pointerReadings('/spec/containers[name=api]/image')).toEqual(expect.arrayContaining([['spec', 'containers', 'api', 'image']]));
  });

  test('GIVEN an item name holding / and ] WHEN read THEN one reading is the item with that name', () => {
    const readings = pointerReadings('/spec/target/template/templateFrom[name=a]/b]/literal');
    expect(readings).toEqual(expect.arrayContaining([['spec', 'target', 'template', 'templateFrom', 'a]/b', 'literal']]));
    expect(readings!.some((r) => holdsSecret(EXTERNAL, r, 'x'))).toBe(true);
  });

  test('GIVEN a pointer with very many ambiguous names WHEN read THEN it is too ambiguous to read', () => {
    expect(pointerReadings('/x' + '[name=a]/b]'.repeat(12))).toBeUndefined();
  });

  test('GIVEN paths WHEN looked up THEN the value is found, or undefined', () => {
    const o = { a: [{ b: 1 }] };
    expect(valueAt(o, ['a', 0, 'b'])).toBe(1);
    expect(valueAt(o, ['a', 1, 'b'])).toBeUndefined();
    expect(valueAt(o, ['constructor'])).toBeUndefined();
  });
});
