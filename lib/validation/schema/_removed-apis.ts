/**
 * The built-in kinds of group/versions that Kubernetes stopped serving before 1.27, the oldest supported version (so
 * they are in none of the definitions the tables are generated from), with the version that removed them. Kept by
 * hand: `_schema.ts` knows them as built-ins (not custom resources), and `api-version-served` names their removal
 * and the apiVersion that serves the kind in the version validated for.
 *
 * @see https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (v1.16, v1.22, v1.25, v1.26 and v1.27)
 * @see https://kubernetes.io/blog/2019/07/18/api-deprecations-in-1-16/ (apps/v1beta1 and apps/v1beta2 no longer
 * served as a whole, ControllerRevision and Scale included)
 * @internal
 */
export const REMOVED_APIS: Readonly<Record<string, { readonly removedIn: string; readonly note?: string }>> = {
  'apps/v1beta1/ControllerRevision': { removedIn: '1.16' },
  'apps/v1beta1/Deployment': { removedIn: '1.16' },
  'apps/v1beta1/DeploymentRollback': { removedIn: '1.16' },
  'apps/v1beta1/ReplicaSet': { removedIn: '1.16' },
  'apps/v1beta1/Scale': { removedIn: '1.16' },
  'apps/v1beta1/StatefulSet': { removedIn: '1.16' },
  'apps/v1beta2/ControllerRevision': { removedIn: '1.16' },
  'apps/v1beta2/DaemonSet': { removedIn: '1.16' },
  'apps/v1beta2/Deployment': { removedIn: '1.16' },
  'apps/v1beta2/ReplicaSet': { removedIn: '1.16' },
  'apps/v1beta2/Scale': { removedIn: '1.16' },
  'apps/v1beta2/StatefulSet': { removedIn: '1.16' },
  'extensions/v1beta1/DaemonSet': { removedIn: '1.16' },
  'extensions/v1beta1/Deployment': { removedIn: '1.16' },
  'extensions/v1beta1/DeploymentRollback': { removedIn: '1.16' },
  'extensions/v1beta1/NetworkPolicy': { removedIn: '1.16' },
  'extensions/v1beta1/PodSecurityPolicy': { removedIn: '1.16', note: 'Pod Security admission replaces PodSecurityPolicy (namespace labels pod-security.kubernetes.io/*)' },
  'extensions/v1beta1/ReplicaSet': { removedIn: '1.16' },
  'extensions/v1beta1/Scale': { removedIn: '1.16' },
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': { removedIn: '1.22' },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': { removedIn: '1.22' },
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': { removedIn: '1.22' },
  'apiregistration.k8s.io/v1beta1/APIService': { removedIn: '1.22' },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': { removedIn: '1.22' },
  'coordination.k8s.io/v1beta1/Lease': { removedIn: '1.22' },
  'extensions/v1beta1/Ingress': { removedIn: '1.22' },
  'networking.k8s.io/v1beta1/Ingress': { removedIn: '1.22' },
  'networking.k8s.io/v1beta1/IngressClass': { removedIn: '1.22' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removedIn: '1.22' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': { removedIn: '1.22' },
  'rbac.authorization.k8s.io/v1beta1/Role': { removedIn: '1.22' },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': { removedIn: '1.22' },
  'scheduling.k8s.io/v1beta1/PriorityClass': { removedIn: '1.22' },
  'storage.k8s.io/v1beta1/CSIDriver': { removedIn: '1.22' },
  'storage.k8s.io/v1beta1/CSINode': { removedIn: '1.22' },
  'storage.k8s.io/v1beta1/StorageClass': { removedIn: '1.22' },
  'storage.k8s.io/v1beta1/VolumeAttachment': { removedIn: '1.22' },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': { removedIn: '1.25' },
  'batch/v1beta1/CronJob': { removedIn: '1.25' },
  'discovery.k8s.io/v1beta1/EndpointSlice': { removedIn: '1.25' },
  'events.k8s.io/v1beta1/Event': { removedIn: '1.25' },
  'node.k8s.io/v1beta1/RuntimeClass': { removedIn: '1.25' },
  'policy/v1beta1/Eviction': { removedIn: '1.25' },
  'policy/v1beta1/PodDisruptionBudget': { removedIn: '1.25' },
  'policy/v1beta1/PodSecurityPolicy': { removedIn: '1.25', note: 'Pod Security admission replaces PodSecurityPolicy (namespace labels pod-security.kubernetes.io/*)' },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': { removedIn: '1.26' },
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': { removedIn: '1.26' },
  'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration': { removedIn: '1.26' },
  'storage.k8s.io/v1beta1/CSIStorageCapacity': { removedIn: '1.27' },
};
