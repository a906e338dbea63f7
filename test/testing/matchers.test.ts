import { ManifestObject, WebService } from '../../lib';
import { synthObjects } from '../../lib/testing';
import { makeStack, RESOURCES } from '../_helpers';

/** The message of the assertion error `fn` throws, without colors. */
function failureOf(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('expected the assertion to fail');
}

/** A stack `shop` with one WebService `web` (3 replicas), synthesized. */
function shop(): ManifestObject[] {
  const { stack } = makeStack({ namespace: 'shop' });
  new WebService(stack, 'web', { image: 'nginx:1.25', replicas: 3, resources: RESOURCES });
  return synthObjects(stack);
}

describe('toHaveObject', () => {
  test('GIVEN an object of the kind and name WHEN toHaveObject is called without a pattern THEN it passes', () => {
    expect(shop()).toHaveObject('Deployment', 'web');
  });

  test('GIVEN a stack instead of objects WHEN toHaveObject is called THEN the stack is synthesized first', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    expect(stack).toHaveObject('Service', 'web', { spec: { ports: [{ name: 'http', port: 8080, targetPort: 8080 }] } });
  });

  test('GIVEN a pattern that matches part of the object WHEN toHaveObject is called THEN it passes', () => {
    expect(shop()).toHaveObject('Deployment', 'web', { metadata: { namespace: 'shop' }, spec: { replicas: 3 } });
  });

  test('GIVEN a pattern with asymmetric matchers WHEN toHaveObject is called THEN they decide', () => {
    expect(shop()).toHaveObject('Deployment', 'web', {
      spec: { replicas: expect.any(Number), template: { spec: { containers: [expect.objectContaining({ image: 'nginx:1.25' })] } } },
    });
  });

  test('GIVEN a pattern key set to undefined WHEN the object lacks that key THEN it passes', () => {
    expect(shop()).toHaveObject('Deployment', 'web', { spec: { template: { spec: { hostNetwork: undefined } } } });
  });

  test('GIVEN an array in the pattern WHEN the object has more elements THEN it fails, as toMatchObject does', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES, extraPorts: [{ name: 'metrics', port: 9090 }] });
    expect(stack).not.toHaveObject('Service', 'web', { spec: { ports: [{ name: 'http' }] } });
  });

  test('GIVEN an object that differs from the pattern WHEN toHaveObject fails THEN the message shows the diff of the checked part only', () => {
    const message = failureOf(() => expect(shop()).toHaveObject('Deployment', 'web', { spec: { replicas: 5 } }));
    expect(message).toBe([
      'expect(objects).toHaveObject(kind, name, expected)',
      '',
      'Deployment/shop/web does not match:',
      '',
      '- Expected',
      '+ Received',
      '',
      '  Object {',
      '    "spec": Object {',
      '-     "replicas": 5,',
      '+     "replicas": 3,',
      '    },',
      '  }',
    ].join('\n'));
  });

  test('GIVEN no object of the name WHEN toHaveObject fails THEN the message lists the objects of the kind', () => {
    const message = failureOf(() => expect(shop()).toHaveObject('Deployment', 'api'));
    expect(message).toBe([
      'expect(objects).toHaveObject(kind, name)',
      '',
      'No Deployment "api" in the synthesized output.',
      'Deployment objects there are: Deployment/shop/web',
    ].join('\n'));
  });

  test('GIVEN no object of the kind WHEN toHaveObject fails THEN the message lists every object', () => {
    const message = failureOf(() => expect(shop()).toHaveObject('Ingress', 'web'));
    expect(message).toContain('There is no Ingress. The objects there are: Namespace/shop, Deployment/shop/web, Service/shop/web');
  });

  test('GIVEN a matching object WHEN .not.toHaveObject fails THEN the message names it', () => {
    const message = failureOf(() => expect(shop()).not.toHaveObject('Deployment', 'web', { spec: { replicas: 3 } }));
    expect(message).toContain('expect(objects).not.toHaveObject(kind, name, expected)');
    expect(message).toContain('Expected no Deployment "web" matching, but found Deployment/shop/web');
  });

  test('GIVEN something that is neither objects nor a construct WHEN toHaveObject is called THEN it says what it needs', () => {
    expect(() => expect('yaml').toHaveObject('Deployment', 'web')).toThrow(
      'toHaveObject: the received value must be synthesized objects (from synthObjects()) or a stack or app; received string');
  });
});

describe('toHaveObjectCount', () => {
  test('GIVEN objects WHEN toHaveObjectCount is called with the number of that kind THEN it passes', () => {
    expect(shop()).toHaveObjectCount('Deployment', 1);
    expect(shop()).toHaveObjectCount('Ingress', 0);
  });

  test('GIVEN another number WHEN toHaveObjectCount fails THEN the message gives both numbers and the objects', () => {
    const message = failureOf(() => expect(shop()).toHaveObjectCount('Deployment', 2));
    expect(message).toBe([
      'expect(objects).toHaveObjectCount(kind, count)',
      '',
      'Expected 2 Deployment object(s)',
      'Received 1: Deployment/shop/web',
    ].join('\n'));
  });

  test('GIVEN the number WHEN .not.toHaveObjectCount fails THEN the message says not', () => {
    const message = failureOf(() => expect(shop()).not.toHaveObjectCount('Service', 1));
    expect(message).toContain('Expected not 1 Service object(s)');
  });
});
