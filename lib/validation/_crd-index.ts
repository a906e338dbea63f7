import { ManifestObject } from '../core/manifest-object';
import { isCrd } from '../core/resource-scope';
import { groupOf } from '../core/_api-version';
import { compileCrdSchema, CompiledCrdSchema, CrdProblem } from './_crd-schema';
import type { RuleContext } from './rule';

// The CustomResourceDefinitions one validation knows (given with the options, and found among the objects), for the
// crd-* rules: each CRD version's schema is compiled once per validation, on first use, and each object checked once.

/** One version of a CRD, as the rules see it. @internal */
export interface CrdVersion {
  /** The CRD's name, e.g. `servicemonitors.monitoring.coreos.com`. */
  readonly crd: string;
  /** The version's name, e.g. `v1`. */
  readonly name: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** `Kind group/version`, to name the schema in messages. */
  readonly what: string;
  /** The raw `schema.openAPIV3Schema`. */
  readonly schema: unknown;
}

/** A custom kind's CRD: its versions by name. @internal */
export interface CrdKind {
  readonly crd: string;
  /** `spec.scope`: whether the kind's objects live in a namespace. */
  readonly scope: 'Namespaced' | 'Cluster' | undefined;
  readonly versions: ReadonlyMap<string, CrdVersion>;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The CRDs a validation knows, by `group/Kind`. @internal */
export class CrdIndex {
  private readonly kinds = new Map<string, CrdKind>();
  private readonly compiled = new Map<CrdVersion, CompiledCrdSchema>();
  private readonly problems = new WeakMap<ManifestObject, CrdProblem[]>();
  private readonly reported = new Set<string>();

  /** @param crds the CRDs, a later one of the same group and kind replacing an earlier one */
  constructor(crds: readonly ManifestObject[]) {
    for (const crd of crds) {
      if (!isCrd(crd) || !isRecord(crd.spec) || !isRecord(crd.spec.names)) continue;
      const { group, names, versions } = crd.spec;
      if (typeof group !== 'string' || typeof names.kind !== 'string' || !Array.isArray(versions)) continue;
      const name = isRecord(crd.metadata) && typeof crd.metadata.name === 'string' ? crd.metadata.name : `${names.kind}.${group}`;
      const byName = new Map<string, CrdVersion>();
      for (const v of versions) {
        if (!isRecord(v) || typeof v.name !== 'string') continue;
        byName.set(v.name, {
          crd: name,
          name: v.name,
          served: v.served === true,
          deprecated: v.deprecated === true,
          deprecationWarning: typeof v.deprecationWarning === 'string' ? v.deprecationWarning : undefined,
          what: `${names.kind} ${group}/${v.name}`,
          schema: isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined,
        });
      }
      const scope = crd.spec.scope === 'Cluster' || crd.spec.scope === 'Namespaced' ? crd.spec.scope : undefined;
      this.kinds.set(`${group}/${names.kind}`, { crd: name, scope, versions: byName });
    }
  }

  /** The CRD of the kind of `o`, if one is known. */
  public kindOf(o: ManifestObject): CrdKind | undefined {
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return undefined;
    return this.kinds.get(`${groupOf(o.apiVersion)}/${o.kind}`);
  }

  /** The CRD version of `o`'s apiVersion, if its CRD is known and defines it. */
  public versionOf(o: ManifestObject): CrdVersion | undefined {
    const kind = this.kindOf(o);
    if (!kind || typeof o.apiVersion !== 'string') return undefined;
    return kind.versions.get(o.apiVersion.slice(o.apiVersion.indexOf('/') + 1));
  }

  /** The compiled schema of a CRD version (compiled once). */
  public schemaOf(version: CrdVersion): CompiledCrdSchema {
    let schema = this.compiled.get(version);
    if (!schema) {
      schema = compileCrdSchema(version.schema, version.what);
      this.compiled.set(version, schema);
    }
    return schema;
  }

  /** The schema problems of `o` against its served CRD version (none when it has none), computed once per object. */
  public problemsOf(o: ManifestObject): CrdProblem[] {
    let found = this.problems.get(o);
    if (!found) {
      const version = this.versionOf(o);
      found = version && version.served ? this.schemaOf(version).check(o) : [];
      this.problems.set(o, found);
    }
    return found;
  }

  /** Whether `key` (e.g. a kind, or a CRD version) is reported for the first time in this validation. */
  public firstReport(key: string): boolean {
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

const INDEXES = new WeakMap<RuleContext, CrdIndex>();
const EMPTY: ManifestObject[] = [];

/** Records the CRDs of the validation that `ctx` belongs to. @internal */
export function setCrdIndex(ctx: RuleContext, index: CrdIndex): void {
  INDEXES.set(ctx, index);
}

/** The CRDs of the validation that `ctx` belongs to (none, for a context that `validateObjects()` did not make). @internal */
export function crdIndexOf(ctx: RuleContext): CrdIndex {
  let index = INDEXES.get(ctx);
  if (!index) {
    index = new CrdIndex(EMPTY);
    INDEXES.set(ctx, index);
  }
  return index;
}
