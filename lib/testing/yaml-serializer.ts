import { ManifestObject } from '../core/manifest-object';
import { toYaml } from '../output/yaml';

/**
 * A jest snapshot serializer (pretty-format plugin), as `yamlSerializer` is.
 */
export interface SnapshotSerializer {
  /** Whether the serializer handles `value`. */
  test(value: unknown): boolean;
  /** `value` as snapshot text; `indentation` is the indentation of the line the value starts on. */
  serialize(value: unknown, config: { readonly indent: string }, indentation: string): string;
}

function isManifestObject(x: unknown): x is ManifestObject {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  const metadata = o.metadata as Record<string, unknown> | undefined;
  return typeof o.apiVersion === 'string' && typeof o.kind === 'string' &&
    metadata !== null && typeof metadata === 'object' && typeof metadata.name === 'string';
}

/**
 * A jest snapshot serializer that writes synthesized objects (one, or an array of them) as the YAML `synth()`
 * writes: readable, diffable, and the same bytes for the same objects.
 *
 * Register it in a setup file (`expect.addSnapshotSerializer(yamlSerializer)`) or per test file; then
 * `expect(synthObjects(stack)).toMatchSnapshot()` stores YAML.
 *
 * @example
 * expect.addSnapshotSerializer(yamlSerializer);
 * expect(synthObjects(stack)).toMatchSnapshot();
 */
export const yamlSerializer: SnapshotSerializer = {
  test(value: unknown): boolean {
    return isManifestObject(value) || (Array.isArray(value) && value.length > 0 && value.every(isManifestObject));
  },
  serialize(value: unknown, config: { readonly indent: string }, indentation: string): string {
    const objects = (Array.isArray(value) ? value : [value]) as ManifestObject[];
    const yaml = toYaml(objects).replace(/\n$/, '');
    if (indentation === '') return yaml;
    // Nested in another value: a document marker, then the YAML on lines of its own, indented one step more.
    const inner = indentation + config.indent;
    return `---\n${yaml.split('\n').map((line) => (line === '' ? line : inner + line)).join('\n')}\n${indentation}`;
  },
};
