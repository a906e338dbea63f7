/** The metadata of a synthesized object. */
export interface ManifestMetadata {
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace.
   *
   * @default none: the object is cluster-scoped (e.g. a `Namespace`)
   */
  readonly namespace?: string;
  /**
   * The object's labels.
   *
   * @default none
   */
  readonly labels?: Record<string, string>;
  /**
   * The object's annotations.
   *
   * @default none
   */
  readonly annotations?: Record<string, string>;
  /** Any other metadata field. */
  readonly [field: string]: unknown;
}

/** A synthesized Kubernetes object, as plain JSON data: what is written to YAML. */
export interface ManifestObject {
  /** The object's API version, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The object's metadata. */
  readonly metadata: ManifestMetadata;
  /** The other fields of the object (`spec`, `data`, ...), as the Kubernetes API defines them. */
  readonly [field: string]: any;
}
