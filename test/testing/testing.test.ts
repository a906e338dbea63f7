import { findObject, findObjects, Namespace, synthObjects, WebService } from '../../lib';
import { makeStack, RESOURCES } from '../_helpers';

describe('synthObjects', () => {
  test('GIVEN a stack WHEN synthObjects is called THEN it returns plain objects in output order', () => {
    const { stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    expect(synthObjects(stack).map((o) => o.kind)).toEqual(['Namespace', 'Deployment', 'Service', 'PodDisruptionBudget']);
  });

  test('GIVEN an app with two stacks WHEN synthObjects is called on the app THEN it returns the objects of both', () => {
    const { app, stack } = makeStack();
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    const other = makeStack({ namespace: 'other' }).stack;
    expect(synthObjects(app)).toHaveObjectCount('Namespace', 1);
    expect(synthObjects(other)).toHaveObject('Namespace', 'other');
  });
});

describe('findObjects', () => {
  test('GIVEN objects WHEN findObjects is called with a kind THEN it returns those of the kind', () => {
    const { stack } = makeStack();
    new WebService(stack, 'a', { image: 'nginx:1.25', resources: RESOURCES });
    new WebService(stack, 'b', { image: 'nginx:1.25', resources: RESOURCES });
    expect(findObjects(synthObjects(stack), 'Service').map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });

  test('GIVEN objects WHEN findObjects is called with a name THEN it returns only those with that name', () => {
    const { stack } = makeStack();
    new WebService(stack, 'a', { image: 'nginx:1.25', resources: RESOURCES });
    new WebService(stack, 'b', { image: 'nginx:1.25', resources: RESOURCES });
    expect(findObjects(synthObjects(stack), 'Service', { name: 'b' }).map((o) => o.metadata.name)).toEqual(['b']);
  });

  test('GIVEN objects in two namespaces WHEN findObjects is called with a namespace THEN it returns only those in it', () => {
    const a = makeStack({ namespace: 'a' });
    new WebService(a.stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    const b = makeStack({ namespace: 'b' });
    new WebService(b.stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    const objects = [...synthObjects(a.stack), ...synthObjects(b.stack)];
    expect(findObjects(objects, 'Deployment', { namespace: 'b' }).map((o) => o.metadata.namespace)).toEqual(['b']);
  });
});

describe('findObject', () => {
  test('GIVEN a missing object WHEN findObject is called THEN the error lists what there is', () => {
    const { stack } = makeStack();
    expect(() => findObject(synthObjects(stack), 'Deployment', 'nope')).toThrow('No Deployment "nope" in the synthesized output. It has: Namespace/test');
  });

  test('GIVEN two objects of one kind and name WHEN findObject is called without a namespace THEN it asks for one', () => {
    const { stack } = makeStack({ createNamespace: false });
    new Namespace(stack, 'x');
    const objects = [...synthObjects(stack), ...synthObjects(stack)];
    expect(() => findObject(objects, 'Namespace', 'x')).toThrow('2 objects match Namespace "x"; pass a namespace to pick one.');
  });

  test('GIVEN a namespace WHEN findObject is called THEN it matches on it', () => {
    const { stack } = makeStack({ namespace: 'shop' });
    new WebService(stack, 'web', { image: 'nginx:1.25', resources: RESOURCES });
    expect(findObject(synthObjects(stack), 'Service', 'web', 'shop').metadata.namespace).toBe('shop');
    expect(() => findObject(synthObjects(stack), 'Service', 'web', 'other')).toThrow(/No Service "web" in namespace "other"/);
  });
});
