import { Protocol } from '../networking/protocol';
import { EnvFrom, EnvValue } from './env';
import { ImagePullPolicy } from './image-pull-policy';
import { Mount } from './mount';
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

/**
 * An extra container of a workload's pods: an init container (`addInitContainer()`, runs to completion before the
 * main container starts, e.g. a schema migration or a wait-for) or a sidecar (`addSidecar()`, runs beside it, e.g.
 * a proxy or a log shipper). The workload's secure defaults apply to it too.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 * @example
 * api.addInitContainer({
 *   name: 'migrate',
 *   image: 'ghcr.io/acme/shop-api:1.8.0',
 *   command: ['/app/migrate'],
 *   resources: { requests: { cpu: '100m', memory: '128Mi' } },
 * });
 */
export interface ContainerSpec {
  /** The container's name, unique in the pod: a DNS-1123 label. */
  readonly name: string;

  /** The container image; pin a tag or a digest. */
  readonly image: string;

  /**
   * Resource requests and limits.
   *
   * @default the `resources` of the app's or stack's `WorkloadDefaults`; required when there are none
   */
  readonly resources?: Resources;

  /**
   * When the kubelet pulls the image.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT for a pinned tag or digest, ImagePullPolicy.ALWAYS otherwise
   */
  readonly imagePullPolicy?: ImagePullPolicy;

  /**
   * The command (replaces the image's ENTRYPOINT).
   *
   * @default the image's ENTRYPOINT
   */
  readonly command?: string[];

  /**
   * The arguments (replace the image's CMD).
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
   * Environment variables.
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
   * Volumes mounted into the container. Pass the same `Mount` object to two containers to share one volume
   * (e.g. an `emptyDir` the main container writes logs to and a sidecar ships).
   *
   * @default none besides the writable `/tmp`
   */
  readonly mounts?: Mount[];

  /**
   * Ports the container listens on.
   *
   * @default none
   */
  readonly ports?: ContainerPort[];

  /**
   * Security settings, over the workload's own.
   *
   * @default the workload's security settings
   */
  readonly security?: SecurityOptions;
}
