import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from './_offline-install';

/** The packages (not relative paths, not Node built-ins) that the TypeScript files below `dir` import. */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const imported of importedFiles) {
      if (imported.fileName.startsWith('.')) continue;
      const spec = imported.fileName.replace(/^node:/, '');
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (!builtinModules.includes(name)) found.add(name);
    }
  }
  return found;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('package dependencies', () => {
  test('GIVEN the library sources WHEN their imports are listed THEN each is a dependency or a required peer dependency', () => {
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}).filter((p) => manifest.peerDependenciesMeta?.[p]?.optional !== true),
    ]);
    expect([...importedPackages(path.join(ROOT, 'lib'))].filter((p) => !declared.has(p))).toEqual([]);
  });

  test('GIVEN the runtime dependencies WHEN compared with what the library imports THEN none is unused (dev tools stay dev dependencies)', () => {
    const imported = importedPackages(path.join(ROOT, 'lib'));
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => !imported.has(d))).toEqual([]);
  });
});
