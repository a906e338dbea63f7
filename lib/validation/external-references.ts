import { ManifestObject } from '../core/manifest-object';
import { DeclaredExternal } from './object-index';
import { isObject, namespaceOf } from './_util';

/**
 * Annotation declaring objects that the annotated object refers to and that exist outside the output:
 * `Kind/name` or `Kind/namespace/name`, separated by commas or new lines (e.g. `Secret/db-secret`).
 */
export const EXTERNAL_REFERENCES_ANNOTATION = 'cdk8s-platform.io/external-references';

/** What an external reference looks like. @internal */
export const EXTERNAL_ALLOWED = 'Kind/name or Kind/namespace/name, e.g. "Secret/db-secret" or "ConfigMap/shared/ca-bundle"';

/** Parses `Kind/name` or `Kind/namespace/name`, or returns `undefined`. @internal */
export function parseExternal(text: string, defaultNamespace?: string): DeclaredExternal | undefined {
  const parts = text.trim().split('/');
  if (parts.some((p) => p.length === 0) || !/^[A-Z][A-Za-z0-9]*$/.test(parts[0] ?? '')) return undefined;
  if (parts.length === 2) return { kind: parts[0], name: parts[1], namespace: defaultNamespace };
  if (parts.length === 3) return { kind: parts[0], namespace: parts[1], name: parts[2] };
  return undefined;
}

/** The entries of an object's external-references annotation, each parsed or not. @internal */
export function externalAnnotationEntries(o: ManifestObject): Array<{ text: string; parsed?: DeclaredExternal }> {
  const value = isObject(o.metadata) && isObject(o.metadata.annotations) ? o.metadata.annotations[EXTERNAL_REFERENCES_ANNOTATION] : undefined;
  if (typeof value !== 'string') return [];
  const ns = namespaceOf(o) || undefined;
  return value.split(/[,\n]/).map((t) => t.trim()).filter((t) => t.length > 0).map((text) => ({ text, parsed: parseExternal(text, ns) }));
}

/** The externals an object's annotation declares (in its namespace, unless one is given). @internal */
export function externalsDeclaredBy(o: ManifestObject): DeclaredExternal[] {
  const out: DeclaredExternal[] = [];
  for (const e of externalAnnotationEntries(o)) if (e.parsed) out.push(e.parsed);
  return out;
}
