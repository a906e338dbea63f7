import { AccessMode, findObject, Mount, PersistentVolumeClaim, StatefulService, Worker } from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/w:1.0.0';

describe('PersistentVolumeClaim', () => {
  test('GIVEN a claim mounted into a worker WHEN synthesized THEN the pod has a persistentVolumeClaim volume', () => {
    // GIVEN
    const { stack } = makeStack();
    const data = new PersistentVolumeClaim(stack, 'uploads', { size: '20Gi', accessMode: AccessMode.readWriteMany(), storageClassName: 'efs' });
    // WHEN
    new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 9000, mounts: [Mount.claim(data, '/data')] });
    const objects = synth(stack);
    // THEN
    expect(findObject(objects, 'PersistentVolumeClaim', 'uploads').spec).toEqual({
      accessModes: ['ReadWriteMany'], storageClassName: 'efs', resources: { requests: { storage: '20Gi' } },
    });
    expect(podSpecOf(objects, 'w').volumes[0]).toEqual({ name: 'claim-uploads', persistentVolumeClaim: { claimName: 'uploads' } });
  });

  test('GIVEN no access mode and no provider WHEN synthesized THEN ReadWriteOnce and the cluster default class', () => {
    const { stack } = makeStack();
    new PersistentVolumeClaim(stack, 'd', { size: '1Gi' });
    const spec = findObject(synth(stack), 'PersistentVolumeClaim', 'd').spec;
    expect([spec.accessModes, spec.storageClassName]).toEqual([['ReadWriteOnce'], undefined]);
  });

  test('GIVEN a bad size WHEN created THEN a PropError names it', () => {
    const { stack } = makeStack();
    expectPropError(() => new PersistentVolumeClaim(stack, 'd', { size: '10 GB' }), { path: 'test/d', prop: 'size', received: '"10 GB"' });
  });
});

describe('StatefulService', () => {
  function db(props: Partial<ConstructorParameters<typeof StatefulService>[2]> = {}) {
    const { stack } = makeStack();
    const svc = new StatefulService(stack, 'db', {
      image: 'postgres:16.3', port: 5432, portName: 'postgres', resources: RESOURCES,
      volumes: [{ name: 'data', path: '/var/lib/postgresql/data', size: '20Gi' }], ...props,
    });
    return { stack, svc, objects: () => synth(stack) };
  }

  test('GIVEN volumes WHEN synthesized THEN the StatefulSet has claim templates mounted into the container', () => {
    const { objects } = db();
    const sts = findObject(objects(), 'StatefulSet', 'db');
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(sts.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['tmp']);
  });

  test('GIVEN a StatefulService WHEN synthesized THEN its Service is headless and named by the StatefulSet', () => {
    const { objects } = db();
    const o = objects();
    expect(findObject(o, 'Service', 'db').spec.clusterIP).toBe('None');
    expect(findObject(o, 'StatefulSet', 'db').spec.serviceName).toBe('db');
    expect(findObject(o, 'StatefulSet', 'db').spec.podManagementPolicy).toBe('OrderedReady');
  });

  test('GIVEN two replicas WHEN synthesized THEN a disruption budget protects them', () => {
    const { objects } = db({ replicas: 3 });
    expect(findObject(objects(), 'PodDisruptionBudget', 'db').spec.maxUnavailable).toBe(1);
  });

  test('GIVEN an autoscaled StatefulService WHEN synthesized THEN replicas are left out and the HPA targets the StatefulSet', () => {
    const { svc, objects } = db();
    svc.autoscale({ maxReplicas: 5 });
    const o = objects();
    expect(findObject(o, 'StatefulSet', 'db').spec.replicas).toBeUndefined();
    expect(findObject(o, 'HorizontalPodAutoscaler', 'db').spec.scaleTargetRef.kind).toBe('StatefulSet');
  });

  test('GIVEN a StatefulService WHEN its DNS name is read THEN it is the Service in the namespace', () => {
    const { svc } = db();
    expect(svc.dnsName).toBe('db.test.svc.cluster.local');
    expect(svc.url).toBe('http://db.test.svc.cluster.local:5432');
  });

  test('GIVEN two volumes with one name WHEN created THEN a PropError names the clash', () => {
    const { stack } = makeStack();
    expectPropError(() => new StatefulService(stack, 'db', {
      image: 'postgres:16.3', resources: RESOURCES,
      volumes: [{ name: 'data', path: '/a', size: '1Gi' }, { name: 'data', path: '/b', size: '1Gi' }],
    }), { path: 'test/db', prop: 'volumes[1].name', received: '"data"' });
  });
});
