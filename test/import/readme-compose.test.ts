import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli';
import { tmpdir } from '../_helpers';
import { synthesizeModule, typeErrors } from './_round-trip';

/** The README's "From Docker Compose" part, up to the next section. */
function section(): string {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const start = readme.indexOf('\n### From Docker Compose\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('README.md has no "From Docker Compose" part');
  return readme.slice(start, end);
}

/** The fenced blocks of `language` in `text`. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);
}

/** Runs `import` with `args` in `dir`: what it printed on standard error, and the module it wrote. */
async function runImport(dir: string, args: string[]): Promise<{ stderr: string; source: string }> {
  let stderr = '';
  await main(['import', ...args], { stdout: () => undefined, stderr: (t) => { stderr += t; }, cwd: dir, env: process.env, stdin: () => '' });
  return { stderr, source: fs.readFileSync(path.join(dir, 'apps', 'imported.ts'), 'utf8') };
}

describe('README: From Docker Compose, the worked example', () => {
  let dir: string;
  let command: string;
  let printed: string;
  let result: { stderr: string; source: string };

  beforeAll(async () => {
    // GIVEN the section's compose.yaml and its api.env
    dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'compose.yaml'), blocks(section(), 'yaml')[0]);
    fs.writeFileSync(path.join(dir, 'api.env'), 'NODE_ENV=production\n');
    const lines = blocks(section(), 'console')[0].trimEnd().split('\n');
    command = lines[0];
    printed = lines.slice(1).join('\n');
    // WHEN the section's command is run
    result = await runImport(dir, command.replace(/^\$ npx cdk8s-platform import /, '').split(' '));
  });

  test('GIVEN the example WHEN imported THEN it prints the problems and the summary shown', () => {
    // THEN
    expect(result.stderr).toBe(`${printed}\n`);
  });

  test('GIVEN the example WHEN imported THEN the module has the code shown', () => {
    // THEN
    expect(result.source).toContain(blocks(section(), 'ts')[0]);
  });

  test('GIVEN the module WHEN type-checked and synthesized THEN it compiles and writes both services, the claim and the config', () => {
    // WHEN
    const errors = typeErrors([path.join(dir, 'apps', 'imported.ts')]);
    const objects = synthesizeModule(path.join(dir, 'apps', 'imported.ts'), path.join(dir, 'dist'));
    // THEN
    expect(errors).toEqual([]);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(expect.arrayContaining([
      'ConfigMap/api-env', 'PersistentVolumeClaim/db-data', 'Deployment/api', 'Service/api', 'Deployment/db', 'Service/db',
    ]));
  });
});

describe('README: From Docker Compose, the table', () => {
  let result: { stderr: string; source: string };

  beforeAll(async () => {
    // GIVEN a compose file with what the table lists that the worked example does not show
    const dir = tmpdir();
    fs.writeFileSync(path.join(dir, 'shared.env'), 'REGION=eu\n');
    fs.writeFileSync(path.join(dir, 'compose.yaml'), [
      'services:',
      '  web:',
      '    image: nginx:1.27',
      '    ports: ["80"]',
      '    env_file: shared.env',
      '    healthcheck:',
      '      test: ["CMD", "curl", "-f", "http://localhost/"]',
      '      interval: 15s',
      '      timeout: 5s',
      '      retries: 4',
      '      start_period: 20s',
      '    tmpfs: /var/cache/nginx',
      '  worker:',
      '    image: ghcr.io/acme/worker:1.0.0',
      '    env_file: shared.env',
      '    environment:',
      '      QUEUE: jobs',
      '      API_TOKEN: abc',
      '    scale: 3',
      '    volumes: ["/scratch"]',
      '    privileged: true',
      '',
    ].join('\n'));
    // WHEN it is imported
    result = await runImport(dir, ['compose.yaml', '--out', 'apps/imported.ts']);
  });

  test('GIVEN a service without ports WHEN imported THEN it is a Worker with its replicas', () => {
    // THEN
    expect(result.source).toMatch(/new Worker\(this, 'worker', \{[^]*replicas: 3,/);
  });

  test('GIVEN an env_file named by two services WHEN imported THEN one Config is read by both through envFrom', () => {
    // THEN
    expect(result.source.match(/new Config\(/g)).toHaveLength(1);
    expect(result.source.match(/envFrom: \[EnvFrom\.config\(sharedEnv\)\]/g)).toHaveLength(2);
  });

  test('GIVEN environment WHEN imported THEN it is the workload\'s env', () => {
    // THEN
    expect(result.source).toMatch(/env: \{ QUEUE: 'jobs', API_TOKEN: 'abc' \}/);
  });

  test('GIVEN a healthcheck WHEN imported THEN it is a readiness and a liveness Probe.exec, start_period delaying liveness', () => {
    // THEN
    expect(result.source).toContain("readinessProbe: Probe.exec(['curl', '-f', 'http://localhost/'], { periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 4 })");
    expect(result.source).toMatch(/livenessProbe: Probe\.exec\(\['curl', '-f', 'http:\/\/localhost\/'\], \{[^}]*initialDelaySeconds: 20/);
  });

  test('GIVEN tmpfs and an anonymous volume WHEN imported THEN they are emptyDir mounts, tmpfs in memory', () => {
    // THEN
    expect(result.source).toMatch(/Mount\.emptyDir\('\/var\/cache\/nginx', \{[^}]*memory: true/);
    expect(result.source).toMatch(/Mount\.emptyDir\('\/scratch'/);
  });

  test('GIVEN a key with no Kubernetes meaning WHEN imported THEN it is reported once as file: services.NAME.KEY and the rest imported', () => {
    // THEN
    expect(result.stderr.split('\n').filter((l) => l.startsWith('compose.yaml: services.worker.privileged: '))).toHaveLength(1);
    expect(result.source).toContain("new Worker(this, 'worker'");
  });

  test('GIVEN a variable named like a secret WHEN imported THEN it is imported with a warning to move it into a Secret', () => {
    // THEN
    expect(result.stderr).toMatch(/compose\.yaml: services\.worker\.environment\.API_TOKEN: .*Secret/);
  });
});
