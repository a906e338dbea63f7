// `floor`: the cost of the output itself. The objects `ours` wrote (read from its output folder before the timer
// starts) are serialized with the fastest maintained YAML emitter, js-yaml, and written the same way `ours` writes
// them: the same files, into a staging folder that then replaces the output folder.
import * as fs from 'fs';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import { report, startTimer } from './_measure';

const [source, outdir] = process.argv.slice(2);
if (!source || !outdir) throw new Error('usage: floor.ts <folder written by ours> <outdir>');

/** Every file below `dir`, by path relative to it with `/` separators, in a stable order. */
function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(path.join(dir, entry.name), rel));
    else files.push(rel);
  }
  return files;
}

// The marker file is the writer's own: it writes it itself.
const inputs: Array<[string, unknown[] | string]> = listFiles(source).filter((rel) => rel !== '.cdk8s-platform-output').map((rel) => {
  const text = fs.readFileSync(path.join(source, ...rel.split('/')), 'utf8');
  return [rel, /\.ya?ml$/.test(rel) ? loadAll(text) : text];
});
const objects = inputs.reduce((sum, [rel, docs]) => sum + (Array.isArray(docs) && !rel.endsWith('kustomization.yaml') ? docs.length : 0), 0);

const stop = startTimer();
const { dump }: typeof import('js-yaml') = require('js-yaml');
const { writeFolderAtomically }: typeof import('../lib/output/atomic-write') = require('../lib/output/atomic-write');
const files = new Map<string, string>();
for (const [rel, docs] of inputs) {
  files.set(rel, typeof docs === 'string' ? docs : docs.map((d) => dump(d, { lineWidth: -1, noRefs: true })).join('---\n'));
}
writeFolderAtomically(outdir, files);
const time = stop();

report(time, objects);
