// `npm run bench:validation [n]`: the cost of validation alone. Renders the benchmark platform of n services with
// cdk8s-platform's constructs (Namespace, ResourceQuota, LimitRange; per service a Deployment, Service,
// PodDisruptionBudget and ConfigMap), then times `validateObjects()` on the rendered objects twice in the same
// process: the first call (cold: includes loading the schema table and the JIT warming up, what one synth pays)
// and the second (warm). Prints one JSON line: {"objects", "coldMs", "coldCpuMs", "warmMs", "warmCpuMs"}.
import { startTimer } from './_measure';
import { benchPlatform } from './platform';
import * as lib from '../lib';
import { namespaceGuards } from './_thin';

const n = Number(process.argv[2] ?? 3000);
const app = new lib.PlatformApp({ outdir: 'unused', validation: { preset: lib.ValidationPreset.RECOMMENDED } });
for (const ns of benchPlatform(n)) {
  const stack = new lib.AppStack(app, ns.name, { namespace: ns.name, appName: ns.name });
  namespaceGuards(stack, ns);
  for (const s of ns.services) {
    const config = new lib.Config(stack, `${s.name}-config`, { data: s.config });
    new lib.WebService(stack, s.name, {
      image: s.image, replicas: s.replicas, port: s.port, servicePort: s.servicePort,
      resources: { requests: { cpu: s.cpu, memory: s.memory }, limits: { memory: s.memoryLimit } },
      envFrom: [lib.EnvFrom.config(config)],
    });
  }
}
// Rendered without the synth's own validation, twice: each validation gets objects it has not seen (no caches).
const render = (): lib.ManifestObject[] => JSON.parse(JSON.stringify(lib.synthObjects(app)));
const cold = render();
const warm = render();

const timeCold = startTimer();
const first = lib.validateObjects(cold);
const c = timeCold();
const timeWarm = startTimer();
lib.validateObjects(warm);
const w = timeWarm();
if (first.findings.some((f) => f.severity === 'error')) throw new Error('the benchmark platform has validation errors');
process.stdout.write(`${JSON.stringify({ objects: cold.length, coldMs: Math.round(c.ms), coldCpuMs: Math.round(c.cpuMs), warmMs: Math.round(w.ms), warmCpuMs: Math.round(w.cpuMs) })}\n`);
