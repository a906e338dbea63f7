import {
  isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName, isQualifiedName,
  isValidLabelValue, isValidPortName, isValidPortNum,
} from '../../lib/core/names';

describe('isDns1123Label', () => {
  test.each(['a', 'api-server', '123-abc', 'a'.repeat(63)])('accepts %p', (v) => {
    expect(isDns1123Label(v)).toEqual([]);
  });
  test.each(['', 'Api', 'api_server', '-api', 'api-', 'a'.repeat(64)])('rejects %p', (v) => {
    expect(isDns1123Label(v).length).toBeGreaterThan(0);
  });
  test('says "must not contain dots" for a subdomain', () => {
    expect(isDns1123Label('a.b')).toEqual(['must not contain dots']);
  });
});

describe('isDns1123Subdomain', () => {
  test.each(['a', 'example.com', 'my-app.v1'])('accepts %p', (v) => expect(isDns1123Subdomain(v)).toEqual([]));
  test.each(['', 'Example.com', 'a..b', '.a', 'a_b', 'a'.repeat(254)])('rejects %p', (v) => {
    expect(isDns1123Subdomain(v).length).toBeGreaterThan(0);
  });
});

describe('isDns1035Label', () => {
  test.each(['a', 'api-server-svc', 'abc-123'])('accepts %p', (v) => expect(isDns1035Label(v)).toEqual([]));
  test.each(['1abc', 'Api', 'a.b', 'a-', ''])('rejects %p', (v) => expect(isDns1035Label(v).length).toBeGreaterThan(0));
});

describe('isQualifiedName (label keys)', () => {
  test.each(['app', 'app.kubernetes.io/name', 'example.com/My_Key.1'])('accepts %p', (v) => expect(isQualifiedName(v)).toEqual([]));
  test.each(['', '/name', 'a/b/c', 'Example.com/x', 'x/', '-app', `${'a'.repeat(64)}`])('rejects %p', (v) => {
    expect(isQualifiedName(v).length).toBeGreaterThan(0);
  });
});

describe('isValidLabelValue', () => {
  test.each(['', 'v2.4.1', 'My_Value', 'a'.repeat(63)])('accepts %p', (v) => expect(isValidLabelValue(v)).toEqual([]));
  test.each(['has space', '-x', 'x-', 'a/b', 'a'.repeat(64)])('rejects %p', (v) => expect(isValidLabelValue(v).length).toBeGreaterThan(0));
});

describe('isValidPortNum', () => {
  test.each([1, 80, 65535])('accepts %p', (v) => expect(isValidPortNum(v)).toEqual([]));
  test.each([0, -1, 65536, 1.5, NaN])('rejects %p', (v) => expect(isValidPortNum(v)).toEqual(['must be between 1 and 65535, inclusive']));
});

describe('isValidPortName', () => {
  test.each(['http', 'grpc-api', 'h2c', 'a'.repeat(15)])('accepts %p', (v) => expect(isValidPortName(v)).toEqual([]));
  test.each([
    ['HTTP', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['8080', 'must contain at least one letter (a-z)'],
    ['a--b', 'must not contain consecutive hyphens'],
    ['-http', 'must not begin or end with a hyphen'],
    ['a'.repeat(16), 'must be no more than 15 characters'],
  ])('rejects %p', (v, reason) => expect(isValidPortName(v)).toContain(reason));
});

describe('isEnvVarName', () => {
  test.each(['DATABASE_URL', 'my.env-name', '_X', 'MyEnvName1'])('accepts %p', (v) => expect(isEnvVarName(v)).toEqual([]));
  test.each(['1X', 'A B', 'A=B', '', '..x'])('rejects %p', (v) => expect(isEnvVarName(v).length).toBeGreaterThan(0));
});

describe('isConfigMapKey', () => {
  test.each(['app.properties', 'KEY_NAME', 'key-name', '.dockerconfigjson'])('accepts %p', (v) => expect(isConfigMapKey(v)).toEqual([]));
  test.each(['.', '..', '..data', 'a/b', 'a b', ''])('rejects %p', (v) => expect(isConfigMapKey(v).length).toBeGreaterThan(0));
});
