import { formatValue, PlatformError } from '../core/errors';
import { freeIdentifier, takenIdentifiers } from './_project-name';

/** What the files of a new app repo depend on. @internal */
export interface InitProject {
  /** The project's name: its npm name, its stack's id and namespace (a DNS-1123 label). */
  readonly name: string;
  /** The runtime dependencies: cdk8s-platform and its peers, with version ranges. */
  readonly dependencies: Record<string, string>;
  /** The development dependencies: TypeScript, swc (`@swc/core`, `@swc/jest`), jest and their types, with version ranges. */
  readonly devDependencies: Record<string, string>;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((k) => [k, record[k]]));
}

/** A record of strings, or `undefined` when `value` is not one. */
function stringRecord(value: unknown): Record<string, string> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.values(value).every((v) => typeof v === 'string') ? value as Record<string, string> : undefined;
}

/**
 * init's `package.json` (`generated`) merged into the project's (`existing`, its text): the project keeps its fields,
 * its other scripts and its dependencies; init sets its scripts `synth` and `test` and adds the dependencies it
 * needs, or updates their ranges where they are (dependencies or devDependencies). A dependency on a tarball, a
 * folder or a Git URL (`isKept`) is never changed.
 *
 * @throws PlatformError when `existing` is not a JSON object, or its scripts or dependencies are not records of
 * strings (nothing is written then)
 * @internal
 */
export function mergePackageJson(existing: string, generated: string, isKept: (spec: string) => boolean): string {
  let project: Record<string, unknown>;
  try {
    project = JSON.parse(existing);
  } catch (e) {
    throw new PlatformError(`init --force: package.json is not JSON (${(e as Error).message}); nothing was written; allowed: a package.json to merge into, or none`);
  }
  if (project === null || typeof project !== 'object' || Array.isArray(project)) {
    throw new PlatformError(`init --force: package.json received ${formatValue(project)}; nothing was written; allowed: a JSON object to merge into`);
  }
  const ours = JSON.parse(generated);
  const sections: Record<string, Record<string, string>> = {};
  for (const field of ['scripts', 'dependencies', 'devDependencies']) {
    const record = project[field] === undefined ? {} : stringRecord(project[field]);
    if (!record) {
      throw new PlatformError(`init --force: package.json "${field}" received ${formatValue(project[field])}; nothing was written; allowed: an object of strings`);
    }
    sections[field] = { ...record };
  }
  const merged: Record<string, unknown> = { ...project };
  for (const field of ['name', 'version', 'private']) if (merged[field] === undefined) merged[field] = ours[field];
  merged.scripts = { ...sections.scripts, ...ours.scripts };
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const [dep, spec] of Object.entries(ours[field] as Record<string, string>)) {
      const where = dep in sections.dependencies ? 'dependencies' : dep in sections.devDependencies ? 'devDependencies' : field;
      const current = sections[where][dep];
      if (current === undefined || !isKept(current)) sections[where][dep] = spec;
    }
  }
  merged.dependencies = sorted(sections.dependencies);
  merged.devDependencies = sorted(sections.devDependencies);
  return json(merged);
}

/**
 * The stack class name for a project name: `shop-api` → `ShopApiStack`, `2048` → `App2048Stack`; suffixed with a
 * number when that name is taken (`app` → `AppStack2`, as `AppStack` is the library's).
 */
export function stackClassName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const words = name.split('-').filter((w) => w !== '');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return freeIdentifier(`${/^[0-9]/.test(pascal) ? 'App' : ''}${pascal}Stack`, taken);
}

/**
 * The files of a new app repo, by path relative to its root, in the order they are listed to the user.
 *
 * @internal
 */
export function initFiles(project: InitProject): Map<string, string> {
  const { name } = project;
  const stack = stackClassName(name, takenIdentifiers());
  const files = new Map<string, string>();

  files.set('package.json', json({
    name,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: 'cdk8s-platform synth',
      test: 'tsc --noEmit && jest',
    },
    dependencies: sorted(project.dependencies),
    devDependencies: sorted(project.devDependencies),
  }));

  files.set('tsconfig.json', json({
    compilerOptions: {
      target: 'ES2022',
      module: 'node16',
      moduleResolution: 'node16',
      lib: ['ES2022'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      forceConsistentCasingInFileNames: true,
      isolatedModules: true,
      types: ['node', 'jest'],
    },
    include: ['apps/**/*.ts', 'test/**/*.ts'],
  }));

  files.set('cdk8s.yaml', [
    '# `npm run synth` (cdk8s-platform synth) runs the app below and writes its YAML to the output folder.',
    '# cdk8s-platform/register transpiles the TypeScript with swc, without type-checking: `npm test` type-checks.',
    'language: typescript',
    'app: node -r cdk8s-platform/register apps/main.ts',
    'output: dist',
    '',
  ].join('\n'));

  files.set('apps/main.ts', `import { Construct } from 'constructs';
import { AppStack, PlatformApp, Probe, WebService } from 'cdk8s-platform';

/** The ${name} stack: one web service in namespace "${name}". */
export class ${stack} extends AppStack {
  /** The web service: a Deployment and its Service, both named "web". */
  public readonly web: WebService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: '${name}' });

    this.web = new WebService(this, 'web', {
      // nginx as a non-root user (UID 101) on port 8080, writing only to /tmp: it runs with the secure defaults.
      image: 'nginxinc/nginx-unprivileged:1.27-alpine',
      port: 8080,
      resources: { requests: { cpu: '100m', memory: '64Mi' } },
      readinessProbe: Probe.http('/'),
    });
  }
}

// \`npm run synth\` runs this file: it writes the YAML to dist/. Tests import ${stack} without synthesizing.
if (require.main === module) {
  PlatformApp.run((app) => {
    new ${stack}(app, '${name}');
  });
}
`);

  files.set('jest.config.js', `/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // \`npm test\` type-checks with tsc first; jest only transpiles, with swc (as \`npm run synth\` does).
  transform: {
    '^.+\\\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // The cdk8s-platform matchers (toHaveObject, toHaveObjectCount) and YAML snapshots.
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
};
`);

  files.set('test/setup.ts', `import { matchers, yamlSerializer } from 'cdk8s-platform/testing';

expect.extend(matchers);
expect.addSnapshotSerializer(yamlSerializer);
`);

  files.set('test/main.test.ts', `import { PlatformApp } from 'cdk8s-platform';
import { synthObjects } from 'cdk8s-platform/testing';
import { ${stack} } from '../apps/main';

test('the web service runs two pods behind a Service on port 8080', () => {
  const stack = new ${stack}(new PlatformApp(), '${name}');

  expect(stack).toHaveObject('Deployment', 'web', { metadata: { namespace: '${name}' }, spec: { replicas: 2 } });
  expect(stack).toHaveObject('Service', 'web', { spec: { ports: [expect.objectContaining({ port: 8080 })] } });
});

test('the output matches the snapshot', () => {
  // The first run writes test/__snapshots__/; commit it. Review a changed snapshot, then \`npx jest -u\`.
  expect(synthObjects(new ${stack}(new PlatformApp(), '${name}'))).toMatchSnapshot();
});
`);

  // dist/ is committed: Argo CD and Flux deploy the manifests from Git, and `cdk8s-platform diff --git` compares with
  // them. Only what a running synth puts beside it is ignored.
  files.set('.gitignore', ['node_modules/', '.dist.cdk8s-platform-*', 'coverage/', ''].join('\n'));
  return files;
}
