import { ClaimRetention, findObject, StatefulService } from '../../lib';
import { expectPropError, makeStack, RESOURCES, synth } from '../_helpers';

// StatefulSetAutoDeletePVC is beta and on by default from 1.27 (GA in 1.32): every supported version has it.

const IMAGE = 'postgres:16.3';
const VOLUMES = [{ name: 'data', path: '/var/lib/postgresql/data', size: '20Gi' }];

/** The StatefulSet spec of `db` in the stack's output. */
function statefulSetSpec(stack: Parameters<typeof synth>[0]): any {
  return findObject(synth(stack), 'StatefulSet', 'db').spec;
}

describe('StatefulService persistentVolumeClaimRetention', () => {
  test('GIVEN no retention policy WHEN synthesized THEN none is rendered (Kubernetes retains the claims)', () => {
    // GIVEN
    const { stack } = makeStack();
    new StatefulService(stack, 'db', { image: IMAGE, port: 5432, resources: RESOURCES, volumes: VOLUMES });
    // WHEN
    const spec = statefulSetSpec(stack);
    // THEN
    expect(spec.persistentVolumeClaimRetentionPolicy).toBeUndefined();
  });

  test('GIVEN whenScaled DELETE WHEN synthesized THEN the policy deletes on scale-down and retains on deletion', () => {
    // GIVEN
    const { stack } = makeStack();
    new StatefulService(stack, 'db', {
      image: IMAGE, port: 5432, resources: RESOURCES, volumes: VOLUMES,
      persistentVolumeClaimRetention: { whenScaled: ClaimRetention.DELETE },
    });
    // WHEN
    const spec = statefulSetSpec(stack);
    // THEN
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
  });

  test('GIVEN whenDeleted DELETE and whenScaled RETAIN WHEN synthesized THEN the policy has both', () => {
    // GIVEN
    const { stack } = makeStack();
    new StatefulService(stack, 'db', {
      image: IMAGE, port: 5432, resources: RESOURCES, volumes: VOLUMES,
      persistentVolumeClaimRetention: { whenDeleted: ClaimRetention.DELETE, whenScaled: ClaimRetention.RETAIN },
    });
    // WHEN
    const spec = statefulSetSpec(stack);
    // THEN
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
  });

  test('GIVEN a retention policy without volumes WHEN created THEN a PropError says it needs volumes', () => {
    const { stack } = makeStack();
    expectPropError(() => new StatefulService(stack, 'db', {
      image: IMAGE, port: 5432, resources: RESOURCES, persistentVolumeClaimRetention: { whenDeleted: ClaimRetention.DELETE },
    }), { path: 'test/db', prop: 'persistentVolumeClaimRetention', received: '{"whenDeleted":{"value":"Delete"}}', allowed: 'nothing without volumes' });
  });

  test('GIVEN a retention value that is not a ClaimRetention WHEN created THEN a PropError names the field', () => {
    const { stack } = makeStack();
    expectPropError(() => new StatefulService(stack, 'db', {
      image: IMAGE, port: 5432, resources: RESOURCES, volumes: VOLUMES, persistentVolumeClaimRetention: { whenScaled: 'Delete' as any },
    }), { path: 'test/db', prop: 'persistentVolumeClaimRetention.whenScaled', received: '"Delete"', allowed: 'ClaimRetention.RETAIN or ClaimRetention.DELETE' });
  });
});
