import { DeploymentStrategy } from './deployment-strategy';
import { EnvFrom, EnvValue } from './env';
import { ImagePullPolicy } from './image-pull-policy';
import { Mount } from './mount';
import { Resources } from './resources';
import { SecurityOptions } from './security';

/**
 * What every workload (a `WebService` and the workloads that follow it) says about its pods and their main
 * container.
 */
export interface WorkloadProps {
  /**
   * The container image, e.g. `"myregistry/api:v2.4.1"` or `"ghcr.io/acme/web@sha256:..."`. Pin a tag or a
   * digest: `latest` and untagged images change under the same name.
   */
  readonly image: string;

  /**
   * The workload's name: a DNS-1123 label. It names the workload object, its `app.kubernetes.io/name` label and,
   * by default, its container and Service.
   *
   * @default the construct id
   */
  readonly name?: string;

  /**
   * Resource requests and limits of the container. There is no default: only you know what your service needs,
   * and a pod without requests is scheduled blind and evicted first.
   */
  readonly resources: Resources;

  /**
   * The `app.kubernetes.io/component` label, e.g. `"frontend"`, `"api"`.
   *
   * @default "server" for a WebService
   */
  readonly component?: string;

  /**
   * The `app.kubernetes.io/version` label of the workload and its pods.
   *
   * @default the image tag, or the stack's version when the image has no tag (or the tag is not a valid label value)
   */
  readonly version?: string;

  /**
   * The container's name: a DNS-1123 label.
   *
   * @default the workload's name
   */
  readonly containerName?: string;

  /**
   * When the kubelet pulls the image.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT for a pinned tag or digest, ImagePullPolicy.ALWAYS for `latest` or no tag
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * The command (the image's ENTRYPOINT is replaced). Not run in a shell.
   *
   * @default the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * The command's arguments (the image's CMD is replaced).
   *
   * @default the image's CMD
   */
  readonly args?: string[];

  /**
   * The container's working directory: an absolute path.
   *
   * @default the image's WORKDIR
   */
  readonly workingDir?: string;

  /**
   * Environment variables, in order: literal text or `EnvValue`s read from a ConfigMap, a Secret or the pod.
   * More can be added with `addEnv()`.
   *
   * @default none
   */
  readonly env?: Record<string, string | EnvValue>;

  /**
   * ConfigMaps and Secrets whose every key becomes an environment variable.
   *
   * @default none
   */
  readonly envFrom?: EnvFrom[];

  /**
   * Volumes mounted into the container: ConfigMaps and Secrets as files, scratch folders. More can be added with
   * `addMount()`.
   *
   * @default none besides the writable `/tmp` (see `security.writableTmp`)
   */
  readonly mounts?: Mount[];

  /**
   * Security settings. The defaults pass the "restricted" Pod Security Standard and make the root filesystem
   * read-only; each can be switched off here.
   *
   * @default restricted: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp,
   * read-only root filesystem with a writable `/tmp`
   */
  readonly security?: SecurityOptions;

  /**
   * The ServiceAccount the pods run as.
   *
   * @default the namespace's `default` ServiceAccount
   */
  readonly serviceAccountName?: string;

  /**
   * Whether a Kubernetes API token is mounted into the pods. Only workloads that call the Kubernetes API need it.
   *
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * Extra labels on every object of the workload (not on its pods).
   *
   * @default none
   */
  readonly labels?: Record<string, string>;

  /**
   * Extra labels on the pods.
   *
   * @default none
   */
  readonly podLabels?: Record<string, string>;

  /**
   * Annotations on the pods.
   *
   * @default none
   */
  readonly podAnnotations?: Record<string, string>;
}

/** What every workload that runs as a Deployment (`WebService`, `Worker`) says about its rollouts and selector. */
export interface DeploymentWorkloadProps extends WorkloadProps {
  /**
   * How pods are replaced when the template changes.
   *
   * @default DeploymentStrategy.rollingUpdate(): maxSurge "25%", maxUnavailable 0 (zero downtime)
   */
  readonly strategy?: DeploymentStrategy;

  /**
   * The labels the workload selects its pods by. Set it only to adopt an existing Deployment, whose selector cannot
   * change (e.g. `{ app: 'api-server' }`).
   *
   * @default { "app.kubernetes.io/name": <name>, "app.kubernetes.io/instance": <stack instance> }
   */
  readonly selectorLabels?: Record<string, string>;
}
