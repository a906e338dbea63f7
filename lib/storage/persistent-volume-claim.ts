import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { importByName } from '../core/_external';
import { createL1Object, k8s, Quantity } from '../core/_k8s';
import { PropChecker } from '../core/_props';
import { findStack, recommendedLabels } from '../core/labels';
import { checkMetadata, ConstructMetadataProps } from '../core/metadata';
import { Provider } from '../providers/provider';
import { AccessMode } from './access-mode';

/** A PersistentVolumeClaim, defined in the stack or imported by name. */
export interface IPersistentVolumeClaim extends IConstruct {
  /** The claim's name. */
  readonly claimName: string;
}

/** What a claim asks for: the options of a `PersistentVolumeClaim` and of a `StatefulService` volume. */
export interface ClaimOptions {
  /** The storage size, as a quantity such as `"10Gi"`. */
  readonly size: string;

  /**
   * How the volume may be mounted.
   *
   * @default AccessMode.readWriteOnce()
   */
  readonly accessMode?: AccessMode;

  /**
   * The StorageClass that provisions the volume.
   *
   * @default the provider's default storage class (see `Provider`), else the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/** Props of a `PersistentVolumeClaim`. */
export interface PersistentVolumeClaimProps extends ClaimOptions, ConstructMetadataProps {
  /**
   * The claim's name: a DNS-1123 subdomain.
   *
   * @default the construct id
   */
  readonly name?: string;
}

/**
 * Persistent storage that outlives pods: mount it with `Mount.claim(claim, path)` into any workload.
 *
 * @see https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims
 * @example
 * const uploads = new PersistentVolumeClaim(stack, 'uploads', { size: '20Gi', accessMode: AccessMode.readWriteMany() });
 * new Worker(stack, 'thumbnailer', { ..., mounts: [Mount.claim(uploads, '/data/uploads')] });
 */
export class PersistentVolumeClaim extends Construct implements IPersistentVolumeClaim {
  /** References an existing claim by name. */
  public static fromClaimName(scope: Construct, id: string, claimName: string): IPersistentVolumeClaim {
    return importByName(scope, id, 'PersistentVolumeClaim.fromClaimName()', 'PersistentVolumeClaim', 'claimName', claimName);
  }

  /** The claim's name. */
  public readonly claimName: string;
  /** The PersistentVolumeClaim API object (the escape hatch: `addJsonPatch()`, `metadata.addAnnotation()`; also `ApiObject.of()`). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: PersistentVolumeClaimProps) {
    super(scope, id);
    const p = props ?? ({} as PersistentVolumeClaimProps);
    const stack = findStack(this, 'PersistentVolumeClaim');
    const check = new PropChecker(this, 'PersistentVolumeClaim');
    const name = p.name ?? id;
    check.name('name', name, 'dns1123-subdomain');
    const spec = claimSpec(this, check, '', p);
    const metadata = checkMetadata(check, p);
    check.knownKeys('', props, 'PersistentVolumeClaimProps');
    check.throwIfInvalid();
    this.claimName = name;
    this.apiObject = createL1Object(this, 'Resource', 'KubePersistentVolumeClaim', {
      metadata: { name, labels: recommendedLabels(stack, { name, component: 'storage' }, metadata.labels), annotations: metadata.annotations },
      spec,
    });
    this.node.defaultChild = this.apiObject;
  }
}

/** Checks claim options and renders a claim spec, the storage class defaulted from the provider. @internal */
export function claimSpec(scope: IConstruct, check: PropChecker, prefix: string, o: ClaimOptions): k8s.PersistentVolumeClaimSpec {
  check.quantity(`${prefix}size`, o.size);
  if (typeof o.size === 'string' && /^0+(\.0*)?[a-zA-Z]*$/.test(o.size)) check.fail(`${prefix}size`, o.size, 'a size greater than 0');
  if (o.accessMode !== undefined && !AccessMode.isAccessMode(o.accessMode)) {
    check.fail(`${prefix}accessMode`, o.accessMode, 'AccessMode.readWriteOnce(), readWriteOncePod(), readOnlyMany() or readWriteMany()');
  }
  if (o.storageClassName !== undefined) check.name(`${prefix}storageClassName`, o.storageClassName, 'dns1123-subdomain');
  const storageClassName = o.storageClassName ?? Provider.of(scope).storageClassName;
  return {
    accessModes: [(AccessMode.isAccessMode(o.accessMode) ? o.accessMode : AccessMode.readWriteOnce()).value],
    storageClassName,
    resources: { requests: { storage: Quantity.fromString(String(o.size)) } },
  };
}
