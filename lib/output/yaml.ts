import { stringify } from 'yaml';
import { ManifestObject } from '../core/manifest-object';

/**
 * Serializes objects as a multi-document YAML stream.
 *
 * YAML 1.1 rules are used for quoting, so strings such as `"yes"`, `"on"` or `"0755"` stay strings for YAML 1.1
 * parsers too (kubectl's, Helm's, PyYAML); lines are never folded. The same objects always give the same bytes.
 */
export function toYaml(objects: readonly ManifestObject[]): string {
  return objects.map((o) => stringify(o, { version: '1.1', lineWidth: 0 })).join('---\n');
}
