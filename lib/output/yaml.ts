import { DEFAULT_SCHEMA, dump, Type } from 'js-yaml';
import { ManifestObject } from '../core/manifest-object';

/**
 * Plain scalars that YAML 1.1 parsers (kubectl's go-yaml, Helm, PyYAML) read as something other than a string:
 * booleans (`yes`, `on`, `n`), octal, binary, hexadecimal and base-60 integers (`0777`, `0b1_0`, `1:20`), floats
 * with underscores or base 60, infinities, NaN, null and the merge and value keys. js-yaml's default schema (YAML
 * 1.2) already quotes most of them; this type makes it quote the rest. It is never used to represent a value.
 */
const YAML_1_1_SCALAR = new Type('tag:cdk8s-platform,2024:yaml-1.1-non-string', {
  kind: 'scalar',
  resolve: (data: string) => YAML_1_1_NON_STRING.test(data),
  construct: (data: string) => data,
});
const YAML_1_1_NON_STRING = new RegExp('^(?:' + [
  '[-+]?(?:0b[01_]+|0[0-7_]+|[0-9][0-9_]*|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+)', // int
  '[-+]?(?:[0-9][0-9_]*)?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*', // float
  '[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*', // base-60 float
  '[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)',
  'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF', // bool
  '~|null|Null|NULL|<<|=', // null, merge, value
].join('|') + ')$');
const SCHEMA = DEFAULT_SCHEMA.extend({ implicit: [YAML_1_1_SCALAR] });

/**
 * Serializes one object as a YAML document (without the `---` separator).
 *
 * Strings that a YAML 1.1 parser would read as another type are quoted; lines are never folded; keys keep their
 * order. The same object always gives the same bytes.
 */
export function toYamlDocument(object: ManifestObject): string {
  return dump(object, { schema: SCHEMA, lineWidth: -1, noRefs: true });
}

/**
 * Serializes objects as a multi-document YAML stream.
 *
 * YAML 1.1 rules are used for quoting, so strings such as `"yes"`, `"on"` or `"0755"` stay strings for YAML 1.1
 * parsers too (kubectl's, Helm's, PyYAML); lines are never folded. The same objects always give the same bytes.
 * js-yaml writes it: it is about four times faster than `yaml`'s `stringify` (see BENCHMARKS.md).
 */
export function toYaml(objects: readonly ManifestObject[]): string {
  return objects.map(toYamlDocument).join('---\n');
}
