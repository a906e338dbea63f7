import { ManifestObject } from '../../lib';
import { fieldPathSegments as parseFieldPath } from '../../lib/core/_field-path';
import { Finding } from '../../lib/validation/finding';
import { ValidationPreset } from '../../lib/validation/presets';
import { validateObjects, ValidationOptions } from '../../lib/validation/validator';

/** Fresh, valid objects that pass every rule of the strict preset, to mutate in tests. */

const LABELS = { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'shop' };

export function podSpec(): any {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'api',
      image: 'ghcr.io/acme/api:1.4.2',
      ports: [{ name: 'http', containerPort: 8080 }],
      env: [{ name: 'LOG_LEVEL', value: 'info' }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      livenessProbe: { tcpSocket: { port: 8080 } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    }],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  };
}

export function deployment(): ManifestObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'shop', labels: { ...LABELS } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { ...LABELS } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...LABELS } },
        spec: {
          ...podSpec(),
          topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...LABELS } } }],
        },
      },
    },
  };
}

export function service(): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { selector: { ...LABELS }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

export function pdb(): ManifestObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { maxUnavailable: 1, selector: { matchLabels: { ...LABELS } } },
  };
}

export function configMap(): ManifestObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-config', namespace: 'shop' }, data: { LOG_LEVEL: 'info' } };
}

export function secret(): ManifestObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-secret', namespace: 'shop' }, type: 'Opaque', data: { password: 'aHVudGVyMg==' } };
}

export function hpa(): ManifestObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'api', namespace: 'shop' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 2, maxReplicas: 5 },
  };
}

/** A Deployment without replicas (the autoscaler owns them), its HPA, PDB and Service. */
export function autoscaled(): ManifestObject[] {
  const d = deployment();
  delete d.spec.replicas;
  return [d, hpa(), pdb(), service()];
}

export function job(): ManifestObject {
  const spec = podSpec();
  spec.restartPolicy = 'Never';
  delete spec.containers[0].readinessProbe;
  delete spec.containers[0].livenessProbe;
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', namespace: 'shop' }, spec: { template: { spec } } };
}

export function cronJob(): ManifestObject {
  const j = job();
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly', namespace: 'shop' },
    spec: { schedule: '30 2 * * MON-FRI', jobTemplate: { spec: j.spec } },
  };
}

export function pvc(): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', namespace: 'shop' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
  };
}

export function ingress(): ManifestObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'api', namespace: 'shop' },
    spec: {
      rules: [{
        host: 'shop.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }] },
      }],
    },
  };
}

export function roleBinding(): ManifestObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'api-reader', namespace: 'shop' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane@example.com' }],
  };
}

export function limitRange(): ManifestObject {
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'defaults', namespace: 'shop' },
    spec: { limits: [{ type: 'Container', min: { cpu: '10m' }, defaultRequest: { cpu: '100m' }, default: { cpu: '500m' }, max: { cpu: '2' } }] },
  };
}

export function namespace(): ManifestObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } };
}

/** Every valid fixture together: a consistent app that passes every rule. */
export function validApp(): ManifestObject[] {
  return [namespace(), configMap(), secret(), deployment(), service(), pdb(), job(), cronJob(), pvc(), ingress(), roleBinding(), limitRange()];
}

/**
 * Sets `value` at a field path as findings write it, e.g. `spec.template.spec.containers[0].image` or
 * `metadata.labels["app.kubernetes.io/name"]` (`undefined` deletes it); returns `o`.
 */
export function set<T extends object>(o: T, path: string, value: unknown): T {
  const keys = parseFieldPath(path);
  let at: any = o;
  for (let i = 0; i < keys.length - 1; i++) {
    if (at[keys[i]] === undefined) at[keys[i]] = typeof keys[i + 1] === 'number' ? [] : {};
    at = at[keys[i]];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return o;
}

/** Validates `objects` with the strict preset by default, so every rule runs and reports. */
export function findingsOf(objects: ManifestObject[], options: ValidationOptions = {}): Finding[] {
  return [...validateObjects(objects, { preset: ValidationPreset.STRICT, ...options }).findings];
}
