import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { k8s } from '../core/_k8s';
import { isPlainRecord, PropChecker } from '../core/_props';
import { createObject, l1Json } from './_k8s-json';
import { ScaleTargetRef } from '../scaling/horizontal-pod-autoscaler';
import { claimSpec, ClaimOptions } from '../storage/persistent-volume-claim';
import { Mount } from './mount';
import { ServiceWorkload, ServiceWorkloadProps } from './service-workload';

/** A volume each pod of a `StatefulService` gets for itself, from a claim template. */
export interface StatefulVolume extends ClaimOptions {
  /** The claim template's name (the claims are named `<name>-<workload>-<ordinal>`): a DNS-1123 label. */
  readonly name: string;
  /** Where the volume is mounted in the main container. */
  readonly path: string;
}

/**
 * What happens to the claims of a `StatefulService`'s volumes (and so to their data) when their pod goes away.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
export class ClaimRetention {
  /** The claims are kept, and a pod that comes back (scaled up again, the StatefulSet recreated) gets its data back. */
  public static readonly RETAIN = new ClaimRetention('Retain');
  /** The claims are deleted, and with them the volumes whose storage class reclaim policy is `Delete`: the data is lost. */
  public static readonly DELETE = new ClaimRetention('Delete');

  /** Whether `x` is a `ClaimRetention`, also across copies of this package. */
  public static isClaimRetention(x: unknown): x is ClaimRetention {
    return hasBrand(x, 'ClaimRetention');
  }

  private constructor(
    /** The field's value. */
    public readonly value: 'Retain' | 'Delete',
  ) {}
}

brand(ClaimRetention, 'ClaimRetention');

/**
 * When the claims of a `StatefulService`'s volumes are deleted (`persistentVolumeClaimRetentionPolicy`). Kubernetes
 * 1.27 or later (`StatefulSetAutoDeletePVC`: beta and on by default from 1.27, GA in 1.32), as every supported
 * version.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
export interface ClaimRetentionPolicy {
  /**
   * What happens to the claims when the StatefulService (its StatefulSet) is deleted.
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenDeleted?: ClaimRetention;

  /**
   * What happens to the claims of the pods removed when the StatefulService is scaled down (those above the new
   * replica count).
   *
   * @default ClaimRetention.RETAIN
   */
  readonly whenScaled?: ClaimRetention;
}

/** Props of a `StatefulService`. */
export interface StatefulServiceProps extends Omit<ServiceWorkloadProps, 'serviceType'> {
  /**
   * How many pods run (when no autoscaler owns the count).
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Volumes each pod gets for itself, kept when the pod is rescheduled or the workload scaled down.
   *
   * @default none
   */
  readonly volumes?: StatefulVolume[];

  /**
   * Whether pods start and stop all at once instead of one by one in order.
   *
   * @default false: ordered (`OrderedReady`), as clustered databases expect
   */
  readonly parallelPodManagement?: boolean;

  /**
   * Whether the claims of `volumes` are deleted when the StatefulService is deleted (`whenDeleted`) or scaled down
   * (`whenScaled`). Deleting them deletes the data of volumes whose reclaim policy is `Delete` (the default of
   * dynamically provisioned ones). Needs `volumes`.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
   * @default not rendered: Kubernetes keeps the claims in both cases (`ClaimRetention.RETAIN`)
   */
  readonly persistentVolumeClaimRetention?: ClaimRetentionPolicy;
}

/**
 * A service whose pods have a stable identity and their own storage (a database, a queue, a search cluster): a
 * StatefulSet, the headless Service that gives each pod a DNS name (`<name>-0.<service>.<namespace>.svc`) and a
 * volume claim template per volume.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/
 * @example
 * new StatefulService(stack, 'orders-db', {
 *   image: 'postgres:16.3',
 *   port: 5432,
 *   portName: 'postgres',
 *   replicas: 1,
 *   volumes: [{ name: 'data', path: '/var/lib/postgresql/data', size: '20Gi' }],
 *   resources: { requests: { cpu: '500m', memory: '1Gi' } },
 * });
 */
export class StatefulService extends ServiceWorkload {
  /** Whether `x` is a `StatefulService`, also across copies of this package. */
  public static isStatefulService(x: unknown): x is StatefulService {
    return hasBrand(x, 'StatefulService');
  }


  constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    const p = props ?? ({} as StatefulServiceProps);
    super(scope, id, 'StatefulService', p, { defaultComponent: 'database', defaultReplicas: 2, spreadMatchLabelKeys: [] });
    this._check.knownKeys('', p, 'StatefulServiceProps');
    const check = this._check;
    if (p.parallelPodManagement !== undefined) check.boolean('parallelPodManagement', p.parallelPodManagement);
    this._createServicePod(p);
    const templates: k8s.KubePersistentVolumeClaimProps[] = [];
    if (p.volumes !== undefined) {
      if (!Array.isArray(p.volumes)) {
        check.fail('volumes', p.volumes, 'an array of { name, path, size, accessMode?, storageClassName? }');
      } else {
        const names = new Set<string>();
        p.volumes.forEach((v, i) => {
          const prop = `volumes[${i}]`;
          if (!isPlainRecord(v)) {
            check.fail(prop, v, 'an object { name, path, size, accessMode?, storageClassName? }');
            return;
          }
          if (check.name(`${prop}.name`, v.name, 'dns1123-label')) {
            if (names.has(v.name)) check.fail(`${prop}.name`, v.name, 'a volume name not already used');
            names.add(v.name);
          }
          const spec = claimSpec(this, check, `${prop}.`, v);
          templates.push({ metadata: { name: v.name }, spec });
          this._pod.addMount(check, Mount._claimTemplate(v.name, v.path));
        });
      }
    }
    const retention = checkClaimRetention(check, p.persistentVolumeClaimRetention, Array.isArray(p.volumes) && p.volumes.length > 0);
    check.throwIfInvalid();

    const labels = this._labels();
    this._setApiObject(createObject(this, 'StatefulSet', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: this.name, labels, annotations: this._metadata.annotations },
      spec: () => {
        const spec = l1Json('StatefulSetSpec', {
          serviceName: this.serviceName,
          replicas: this.autoscaler ? undefined : this.replicas,
          minReadySeconds: this._minReadySeconds,
          revisionHistoryLimit: this._revisionHistoryLimit,
          podManagementPolicy: p.parallelPodManagement ? 'Parallel' : 'OrderedReady',
          updateStrategy: { type: 'RollingUpdate' },
          selector: { matchLabels: { ...this.selectorLabels } },
          persistentVolumeClaimRetentionPolicy: retention,
          volumeClaimTemplates: templates.length > 0 ? templates.map((t) => ({ metadata: { ...t.metadata }, spec: t.spec })) : undefined,
        });
        spec.template = this._pod.render();
        return spec;
      },
    }));
    this._createService(labels, true);
    this._finishReplicated();
  }

  /** The StatefulSet, as an autoscaler refers to it. */
  public get scaleTargetRef(): ScaleTargetRef {
    return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: this.name };
  }

  /** A StatefulSet replaces pods one by one, with no extra pods. @internal */
  public _surgePods(): number {
    return 0;
  }
}

brand(StatefulService, 'StatefulService');

/** The claim retention policy as the StatefulSet takes it (both fields, Retain where not set), or `undefined`. */
function checkClaimRetention(check: PropChecker, policy: unknown, hasVolumes: boolean): k8s.StatefulSetPersistentVolumeClaimRetentionPolicy | undefined {
  if (policy === undefined) return undefined;
  const prop = 'persistentVolumeClaimRetention';
  if (!isPlainRecord(policy)) {
    check.fail(prop, policy, 'an object { whenDeleted?, whenScaled? } of ClaimRetention.RETAIN or ClaimRetention.DELETE');
    return undefined;
  }
  if (!hasVolumes) {
    check.fail(prop, policy, 'nothing without volumes: the policy applies to the claims of the volumes');
  }
  const value = (key: 'whenDeleted' | 'whenScaled'): 'Retain' | 'Delete' => {
    const v = policy[key] ?? ClaimRetention.RETAIN;
    if (ClaimRetention.isClaimRetention(v)) return v.value;
    check.fail(`${prop}.${key}`, v, 'ClaimRetention.RETAIN or ClaimRetention.DELETE');
    return 'Retain';
  };
  return { whenDeleted: value('whenDeleted'), whenScaled: value('whenScaled') };
}
