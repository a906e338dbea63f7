import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { createL1Object, IntOrString, L1_KINDS, L1Kind, Quantity } from '../../lib/core/_k8s';
import { hasL1Conversion } from '../../lib/core/_l1-convert';
import { renderApiObject } from '../../lib/core/_render';

const ROOT = path.join(__dirname, '..', '..');

describe('L1 objects', () => {
  test('GIVEN the kinds the library creates WHEN compared with cdk8s-plus-27\'s L1 classes THEN each has the class\'s apiVersion and kind, and a conversion in the table', () => {
    // GIVEN
    const kinds = Object.keys(L1_KINDS) as L1Kind[];
    // WHEN
    const ours = kinds.map((name) => ({ name, gvk: L1_KINDS[name], converted: hasL1Conversion(`${name}Props`) }));
    const theirs = kinds.map((name) => ({ name, gvk: { ...k8s[name].GVK }, converted: true }));
    // THEN
    expect(kinds.length).toBeGreaterThan(15);
    expect(ours).toEqual(theirs);
  });

  test('GIVEN IntOrString and Quantity values WHEN an object with them is rendered THEN they are what cdk8s-plus-27\'s classes render', () => {
    // GIVEN
    const chart = new Chart(new App(), 'c', { namespace: 'ns' });
    const spec = (i: typeof IntOrString | typeof k8s.IntOrString, q: typeof Quantity | typeof k8s.Quantity): k8s.KubeResourceQuotaProps => ({
      metadata: { name: 'q', annotations: { port: 'x' } },
      spec: { hard: { 'cpu': q.fromString('500m'), 'pods': q.fromNumber(10), 'x/port': i.fromNumber(80) as never, 'x/name': i.fromString('http') as never } },
    });
    // WHEN
    const ours = renderApiObject(createL1Object(chart, 'ours', 'KubeResourceQuota', spec(IntOrString, Quantity)));
    const theirs = new k8s.KubeResourceQuota(chart, 'theirs', spec(k8s.IntOrString, k8s.Quantity)).toJson();
    // THEN
    expect(ours.spec).toEqual({ hard: { 'cpu': '500m', 'pods': 10, 'x/port': 80, 'x/name': 'http' } });
    expect(JSON.stringify(ours.spec)).toBe(JSON.stringify(theirs.spec));
  });

  test('GIVEN the library WHEN it is loaded and an app with objects of every construct folder is synthesized THEN no module of cdk8s-plus-27 is loaded', () => {
    // GIVEN: a fresh Node.js process (jest's module registry is not Node.js's), the TypeScript loader the CLI uses.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-platform-l1-objects-'));
    const script = `
      const lib = require('./lib');
      const app = new lib.PlatformApp({ outdir: ${JSON.stringify(out)}, capacitySummary: false });
      const stack = new lib.AppStack(app, 'shop', { namespace: 'shop', namespaceOptions: { quota: { pods: 10 }, limits: { defaultLimit: { memory: '256Mi' } } } });
      const config = new lib.Config(stack, 'settings', { data: { MODE: 'on' } });
      new lib.Secret(stack, 'creds', { values: { KEY: 'v' }, allowPlaintext: true });
      const web = new lib.WebService(stack, 'web', { image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
        envFrom: [lib.EnvFrom.config(config)], autoscaling: { maxReplicas: 3, metrics: [lib.Metric.cpu(70)] } });
      new lib.Ingress(stack, 'ingress', { rules: [{ host: 'shop.example.com', paths: [{ path: '/', backend: web }] }] });
      new lib.ServiceAccount(stack, 'sa', { name: 'sa' });
      new lib.Role(stack, 'reader', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
      app.synth();
      const loaded = Object.keys(require.cache).filter((f) => f.includes('cdk8s-plus-27'));
      process.stdout.write(JSON.stringify({ loaded, files: require('fs').readdirSync(${JSON.stringify(out)}, { recursive: true }).length }));
    `;
    try {
      // WHEN
      const result = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: ROOT, encoding: 'utf8' });
      // THEN
      expect(result.stderr).not.toMatch(/Error/);
      const { loaded, files } = JSON.parse(result.stdout) as { loaded: string[]; files: number };
      expect(files).toBeGreaterThan(5);
      expect(loaded).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
