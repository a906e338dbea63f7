import { ManifestObject } from '../core/manifest-object';
import { containersOf, podTemplateOf } from './_pod';
import { arrayOf, isObject } from './_util';

/** A reference from one object to another object by name, in the same namespace. @internal */
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
  if (pod) {
    const spec = pod.spec;
    for (const { container, path } of containersOf(pod)) {
      arrayOf(container.env).forEach((env, i) => {
        const from = isObject(env) && isObject(env.valueFrom) ? env.valueFrom : undefined;
        if (!from) return;
        const at = `${path}.env[${i}].valueFrom`;
        if (isObject(from.configMapKeyRef)) add('ConfigMap', from.configMapKeyRef.name, `${at}.configMapKeyRef`, from.configMapKeyRef.optional, from.configMapKeyRef.key);
        if (isObject(from.secretKeyRef)) add('Secret', from.secretKeyRef.name, `${at}.secretKeyRef`, from.secretKeyRef.optional, from.secretKeyRef.key);
      });
      arrayOf(container.envFrom).forEach((src, i) => {
        if (!isObject(src)) return;
        if (isObject(src.configMapRef)) add('ConfigMap', src.configMapRef.name, `${path}.envFrom[${i}].configMapRef`, src.configMapRef.optional);
        if (isObject(src.secretRef)) add('Secret', src.secretRef.name, `${path}.envFrom[${i}].secretRef`, src.secretRef.optional);
      });
    }
    arrayOf(spec.volumes).forEach((v, i) => {
      if (!isObject(v)) return;
      const at = `${pod.specPath}.volumes[${i}]`;
      const items = (src: Record<string, any>, kind: 'ConfigMap' | 'Secret', name: unknown, field: string): void => {
        add(kind, name, field, src.optional);
        arrayOf(src.items).forEach((item, j) => {
          if (isObject(item)) add(kind, name, `${field}.items[${j}].key`, src.optional, item.key);
        });
      };
      if (isObject(v.configMap)) items(v.configMap, 'ConfigMap', v.configMap.name, `${at}.configMap`);
      if (isObject(v.secret)) items(v.secret, 'Secret', v.secret.secretName, `${at}.secret`);
      if (isObject(v.persistentVolumeClaim)) add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, `${at}.persistentVolumeClaim.claimName`, false);
      if (isObject(v.projected)) {
        arrayOf(v.projected.sources).forEach((s, j) => {
          if (!isObject(s)) return;
          if (isObject(s.configMap)) items(s.configMap, 'ConfigMap', s.configMap.name, `${at}.projected.sources[${j}].configMap`);
          if (isObject(s.secret)) items(s.secret, 'Secret', s.secret.name, `${at}.projected.sources[${j}].secret`);
        });
      }
    });
    arrayOf(spec.imagePullSecrets).forEach((s, i) => {
      if (isObject(s)) add('Secret', s.name, `${pod.specPath}.imagePullSecrets[${i}].name`, false);
    });
    const sa = spec.serviceAccountName ?? spec.serviceAccount;
    if (sa !== 'default') add('ServiceAccount', sa, `${pod.specPath}.${spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount'}`, false);
  }
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
