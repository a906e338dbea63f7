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

/**
 * Something the generated code's output has that the input did not, on purpose (the library's defaults: a
 * restricted security context, a PodDisruptionBudget, ...): listed in the generated module's header comment with
 * how to opt out, and used by the round-trip tests to tell an addition from a difference.
 */
export interface ImportAddition {
  /** What is added and to which objects, in words (e.g. `a restricted securityContext on the pods of web, api`). */
  readonly what: string;
  /** How to opt out, naming the prop or code to write (e.g. `security: Security.baseline()` on the workload). */
  readonly optOut: string;
  /**
   * The fields added, each `Kind/namespace/name:dotted.path` (`Deployment/shop/web:spec.template.spec.securityContext`;
   * a list item by index or by `[name=x]`: `...containers[name=web].securityContext`), or `Kind/namespace/name` for a
   * whole object the input did not have. Cluster-scoped objects have an empty namespace (`Namespace//shop`).
   */
  readonly fields: readonly string[];
  /**
   * The fields the input sets that the output leaves out on purpose, in the notation of `fields` (an autoscaled
   * workload's `spec.replicas`, which its HorizontalPodAutoscaler owns).
   *
   * @default none
   */
  readonly leftOut?: readonly string[];
}

/** What the generator made of the objects. */
export interface ImportResult {
  /** The TypeScript module: readable, formatted, type-checking against this library. */
  readonly source: string;
  /** Every addition, as listed in the module's header comment. */
  readonly additions: readonly ImportAddition[];
  /** Items not imported, or kept as a raw `ApiObject` (with why), in input order. */
  readonly problems: readonly ImportProblem[];
  /** How many input objects the module writes with the library's constructs (a Secret referenced by name counts). */
  readonly constructs: number;
  /** How many input objects the module keeps as raw `ApiObject`s. */
  readonly rawObjects: number;
}
