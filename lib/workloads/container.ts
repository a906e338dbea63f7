import { Protocol } from '../networking/protocol';
import { EnvFrom, EnvValue } from './env';
import { ImagePullPolicy } from './image-pull-policy';
import { LifecycleHook } from './lifecycle-hook';
import { Mount } from './mount';
import { Probe } from './probe';
import { Resources } from './resources';
import { SecurityOptions } from './security';

/** A port of an extra container. */
export interface ContainerPort {
  /** The port's name, unique in the pod: an IANA service name. */
  readonly name: string;
  /** The port number. */
  readonly port: number;
  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;
}

/** What a container says about its image, command, environment, mounts, resources and security. */
export interface ContainerOptions {
  /** The container image, e.g. `"myregistry/api:v2.4.1"`; pin a tag or a digest (`latest` changes under the same name). */
  readonly image: string;

  /**
   * Resource requests and limits: only you know what your container needs, and a pod without requests is
   * scheduled blind and evicted first.
   *
   * @default the `resources` of the app's or stack's `WorkloadDefaults`; required when there are none
   */
  readonly resources?: Resources;

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
   * The working directory: an absolute path.
   *
   * @default the image's WORKDIR
   */
  readonly workingDir?: string;

  /**
   * Environment variables, in order: literal text or `EnvValue`s read from a ConfigMap, a Secret or the pod.
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
   * Volumes mounted into the container: ConfigMaps and Secrets as files, scratch folders, claims. Pass the same
   * `Mount` object to two containers of a pod to share one volume.
   *
   * @default none besides the writable `/tmp` (see `security.writableTmp`)
   */
  readonly mounts?: Mount[];

  /**
   * Security settings. The defaults pass the "restricted" Pod Security Standard and make the root filesystem
   * read-only; each can be switched off here. An extra container starts from its workload's settings.
   *
   * @default restricted: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp,
   * read-only root filesystem with a writable `/tmp`
   */
  readonly security?: SecurityOptions;
}

/**
 * An extra container of a workload's pods: an init container (`addInitContainer()`, runs to completion before the
 * main container starts, e.g. a schema migration or a wait-for) or a sidecar (`addSidecar()`, runs beside it, e.g.
 * a proxy or a log shipper; native or classic as the workload's `sidecarMode` says). The workload's secure defaults
 * apply to it too.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
 * @example
 * api.addInitContainer({
 *   name: 'migrate',
 *   image: 'ghcr.io/acme/shop-api:1.8.0',
 *   command: ['/app/migrate'],
 *   resources: { requests: { cpu: '100m', memory: '128Mi' } },
 * });
 */
export interface ContainerSpec extends ContainerOptions {
  /** The container's name, unique in the pod: a DNS-1123 label. */
  readonly name: string;

  /**
   * Ports the container listens on.
   *
   * @default none
   */
  readonly ports?: ContainerPort[];

  /**
   * For a sidecar: the probe that decides whether the pod is ready (init containers take no probes).
   *
   * @default none
   */
  readonly readinessProbe?: Probe;

  /**
   * For a sidecar: the probe that decides whether the container is restarted (init containers take no probes).
   *
   * @default none
   */
  readonly livenessProbe?: Probe;

  /**
   * For a sidecar: the probe that holds back its liveness and readiness probes until it has started. A native
   * sidecar's startup probe also holds back the containers after it (the other init containers and the main
   * container) until it passes: give one to a proxy the others need.
   *
   * @default none
   */
  readonly startupProbe?: Probe;

  /**
   * For a sidecar: a hook run before it is sent SIGTERM (init containers take no hooks). Native sidecars are
   * stopped after the main container, so they need no delay to outlive it.
   *
   * @default none
   */
  readonly preStop?: LifecycleHook;
}
