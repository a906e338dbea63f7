import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpdir } from '../_helpers';

/**
 * Synth that only transpiles (swc, as `npm run synth` of an `init` project does) sees no types: a misspelt prop must
 * still fail, at construction, with the construct and the prop meant.
 */

const REGISTER = require.resolve('@swc-node/register');
const LIBRARY = path.resolve(__dirname, '../../lib');

test('GIVEN an app with a misspelt prop WHEN it is run transpile-only THEN it fails with the did-you-mean message', () => {
  // GIVEN an app.ts whose WebService has "replcias", which tsc would refuse
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'app.ts'), [
    `import { AppStack, PlatformApp, WebService } from ${JSON.stringify(LIBRARY)};`,
    "const app = new PlatformApp({ outdir: 'dist', capacitySummary: false });",
    "const stack = new AppStack(app, 'shop', { namespace: 'shop' });",
    "new WebService(stack, 'web', { image: 'ghcr.io/acme/web:1.2.3', resources: { requests: { cpu: '100m', memory: '128Mi' } }, replcias: 3 });",
    'app.synth();',
    '',
  ].join('\n'));
  // WHEN it is run through swc, without type checking
  const run = spawnSync(process.execPath, ['-r', REGISTER, 'app.ts'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  // THEN it fails before writing anything, naming the construct, the prop and the prop meant
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('Invalid WebService props at "shop/web"');
  expect(run.stderr).toContain('replcias: received 3 (unknown prop "replcias" (did you mean "replicas"?))');
  expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
});
