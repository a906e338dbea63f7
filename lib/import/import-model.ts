/**
 * The shapes shared by the readers of `cdk8s-platform import` (Kubernetes manifests, Compose files) and the code
 * generator: every reader turns its input into Kubernetes objects with where each came from, plus what it could
 * not import; the generator turns those objects into one TypeScript module.
 */

/** A Kubernetes object read (or translated) from an input, with where it came from. */
export interface SourcedObject {
  /** The object, as plain JSON (`apiVersion`, `kind`, `metadata`, ...). */
  readonly object: Record<string, unknown>;
  /**
   * Where it came from, for messages and comments: `file` or `file#N` (the Nth YAML document, from 1) for
   * manifests, `file: services.NAME` for what a Compose service became, `-` for standard input.
   */
  readonly source: string;
}

/**
 * A call from one workload to a Service that the objects themselves do not show (Compose `depends_on`): the
 * generator writes it as `connectTo()` when the Service has a known port.
 */
export interface ImportConnection {
  /** The namespace of both, as in the objects (after `--namespace`). */
  readonly namespace: string;
  /** The name of the calling workload (its Deployment, StatefulSet, ... `metadata.name`). */
  readonly from: string;
  /** The name of the Service called. */
  readonly to: string;
  /** Where the connection was read, as in {@link SourcedObject.source}. */
  readonly source: string;
}

/** An item of the input that was not imported, or imported only in part, and why. */
export interface ImportProblem {
  /** Where, as in {@link SourcedObject.source} (a YAML document, a Compose service or key). */
  readonly source: string;
  /** What happened and what to do, in one or two sentences. */
  readonly message: string;
}
