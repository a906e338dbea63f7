import { ManifestObject } from '../core/manifest-object';
import { podReferencesOf, podTemplateOf } from './_pod';
import { arrayOf, isObject } from './_util';

/** A reference from one object to another object by name, in the same namespace (a pod's: `PodReference`). @internal */
export interface ObjectReference {
  readonly kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount' | 'Service';
  readonly name: string;
  /** The key read from the ConfigMap or Secret, if one. */
  readonly key?: string;
  /** Whether the reference is marked `optional: true`. */
  readonly optional: boolean;
  /** Where the reference is. */
  readonly field: string;
}

const cache = new WeakMap<object, ObjectReference[]>();

/**
 * Every reference an object makes to ConfigMaps, Secrets, PersistentVolumeClaims, ServiceAccounts and Services by
 * name: env and envFrom, volumes (also projected), image pull secrets, the service account, Ingress backends and TLS
 * secrets, RoleBinding subjects. Computed once per object.
 *
 * @internal
 */
export function referencesOf(o: ManifestObject): ObjectReference[] {
  let refs = cache.get(o);
  if (!refs) {
    refs = [];
    collect(o, refs);
    cache.set(o, refs);
  }
  return refs;
}

function collect(o: ManifestObject, out: ObjectReference[]): void {
  const add = (kind: ObjectReference['kind'], name: unknown, field: string, optional: unknown, key?: unknown): void => {
    if (typeof name === 'string' && name !== '') {
      out.push({ kind, name, field, optional: optional === true, key: typeof key === 'string' ? key : undefined });
    }
  };
  const pod = podTemplateOf(o);
  if (pod) out.push(...podReferencesOf(pod));
  if (o.kind === 'Ingress' && isObject(o.spec)) {
    const backend = (b: unknown, field: string): void => {
      if (isObject(b) && isObject(b.service)) add('Service', b.service.name, `${field}.service.name`, false);
    };
    backend(o.spec.defaultBackend, 'spec.defaultBackend');
    arrayOf(o.spec.rules).forEach((r, i) => {
      arrayOf(isObject(r) && isObject(r.http) ? r.http.paths : undefined).forEach((p, j) => {
        if (isObject(p)) backend(p.backend, `spec.rules[${i}].http.paths[${j}].backend`);
      });
    });
    const annotations = isObject(o.metadata) && isObject(o.metadata.annotations) ? o.metadata.annotations : {};
    const certManager = Object.keys(annotations).some((k) => k.startsWith('cert-manager.io/'));
    if (!certManager) {
      arrayOf(o.spec.tls).forEach((t, i) => {
        if (isObject(t)) add('Secret', t.secretName, `spec.tls[${i}].secretName`, false);
      });
    }
  }
  if (o.kind === 'RoleBinding') {
    arrayOf(o.subjects).forEach((s, i) => {
      if (isObject(s) && s.kind === 'ServiceAccount' && (s.namespace === undefined || s.namespace === (o.metadata?.namespace ?? s.namespace))) {
        add('ServiceAccount', s.name, `subjects[${i}]`, false);
      }
    });
  }
}
