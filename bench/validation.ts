// `npm run bench:validation [n]`: the cost of validation alone. Renders the benchmark platform of n services with
// cdk8s-platform's constructs (as `npm run bench` does: bench/_ours-platform.ts), then times `validateObjects()`
// on the rendered objects twice in the same process: the first call (cold: includes loading the schema table and
// the JIT warming up, what one synth pays) and the second (warm). Prints one JSON line: {"objects", "coldMs", "coldCpuMs", "warmMs", "warmCpuMs"}.
import { startTimer } from './_measure';
import { benchPlatform } from './platform';
import * as lib from '../lib';
import { defineOurPlatform } from './_ours-platform';

const n = Number(process.argv[2] ?? 3000);
const app = new lib.PlatformApp({ outdir: 'unused', validation: { preset: lib.ValidationPreset.RECOMMENDED } });
defineOurPlatform(lib, app, benchPlatform(n));
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
