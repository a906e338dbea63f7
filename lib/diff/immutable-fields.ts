import { ManifestObject } from '../core/manifest-object';
import { parseQuantity } from '../core/quantity';
import { FieldChange } from './field-diff';

/** A change the API server rejects on apply: the object must be replaced (deleted and created) instead. */
export interface ImmutableChange {
  /** The field's path, as in `FieldChange`. */
  readonly path: string;
  /** Why the API server rejects it, and what to do. */
  readonly reason: string;
}

/**
 * One immutable-field rule: changes of fields at or below `prefix` (or, with `except`, of any field below `prefix`
 * but those) are rejected by the API server.
 */
export interface ImmutableFieldRule {
  /** The kinds the rule applies to. */
  readonly kinds: readonly string[];
  /** The path prefix, e.g. `/spec/selector`. */
  readonly prefix: string;
  /**
   * For a whole immutable `spec`: the fields below `prefix` that may change.
   *
   * @default none: every field at or below `prefix` is immutable
   */
  readonly except?: readonly string[];
  /**
   * Only when the object before matches.
   *
   * @default always
   */
  readonly when?: (before: ManifestObject) => boolean;
  /** Why the API server rejects the change, and what to do (`$kind` stands for the object's kind). */
  readonly reason: string;
}

const REPLACE = 'delete and re-create the object (for workloads, `kubectl delete --cascade=orphan` keeps the pods running)';

/**
 * The fields the Kubernetes API server does not let an update change (Kubernetes 1.27), by kind.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#label-selector-updates
 */
export const IMMUTABLE_FIELD_RULES: readonly ImmutableFieldRule[] = [
  { kinds: ['Deployment', 'ReplicaSet', 'DaemonSet'], prefix: '/spec/selector', reason: `the selector of a $kind cannot change; ${REPLACE}` },
  {
    kinds: ['StatefulSet'],
    prefix: '/spec',
    except: ['/spec/replicas', '/spec/ordinals', '/spec/template', '/spec/updateStrategy', '/spec/persistentVolumeClaimRetentionPolicy', '/spec/minReadySeconds'],
    reason: `a StatefulSet's selector, serviceName, volumeClaimTemplates and podManagementPolicy cannot change (only replicas, template, updateStrategy, ordinals, minReadySeconds and persistentVolumeClaimRetentionPolicy can); ${REPLACE}`,
  },
  { kinds: ['Job'], prefix: '/spec/template', reason: `a Job's pod template cannot change; ${REPLACE}` },
  { kinds: ['Job'], prefix: '/spec/selector', reason: `a Job's selector cannot change; ${REPLACE}` },
  { kinds: ['Service'], prefix: '/spec/clusterIP', reason: `a Service's clusterIP cannot change once allocated; ${REPLACE}` },
  { kinds: ['Service'], prefix: '/spec/clusterIPs', reason: `a Service's clusterIPs cannot change once allocated; ${REPLACE}` },
  {
    kinds: ['PersistentVolumeClaim'],
    prefix: '/spec',
    except: ['/spec/resources/requests/storage', '/spec/volumeAttributesClassName'],
    reason: 'a bound PersistentVolumeClaim\'s spec (storage class, access modes, volume mode, selector) cannot change; only the storage request can grow. Create a new claim and migrate the data',
  },
  { kinds: ['RoleBinding', 'ClusterRoleBinding'], prefix: '/roleRef', reason: `a $kind's roleRef cannot change; ${REPLACE}` },
  ...['/data', '/binaryData', '/stringData', '/immutable'].map((prefix): ImmutableFieldRule => ({
    kinds: ['ConfigMap', 'Secret'],
    prefix,
    when: (before) => before.immutable === true,
    reason: `the $kind is immutable: its data cannot change; create one with a new name and point the workloads at it`,
  })),
];

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}[`);
}

/**
 * The changes among `changes` (of the object `before`, as `diffFields()` gives them) that the API server would reject
 * on apply.
 */
export function immutableChanges(before: ManifestObject, changes: readonly FieldChange[]): ImmutableChange[] {
  const result: ImmutableChange[] = [];
  for (const change of changes) {
    const rule = IMMUTABLE_FIELD_RULES.find((r) => r.kinds.includes(before.kind) && under(change.path, r.prefix) &&
      !(r.except ?? []).some((e) => under(change.path, e)) && (r.when?.(before) ?? true));
    if (rule) {
      result.push({ path: change.path, reason: rule.reason.replace('$kind', before.kind) });
    } else if (before.kind === 'PersistentVolumeClaim' && change.path === '/spec/resources/requests/storage') {
      const a = typeof change.before === 'string' ? parseQuantity(change.before) : undefined;
      const b = typeof change.after === 'string' ? parseQuantity(change.after) : undefined;
      if (a !== undefined && b !== undefined && b < a) {
        result.push({ path: change.path, reason: 'a PersistentVolumeClaim\'s storage request can grow but not shrink' });
      }
    }
  }
  return result;
}
