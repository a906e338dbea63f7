import { setFlagsFromString } from 'v8';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { RESOURCES, makeStack, synth } from '../_helpers';
import { Config, EnvFrom, Metric, WebService } from '../../lib';

// V8 (Node.js 20) gives an object made by spreading a plain object and then adding properties a map (hidden class)
// of its own. The library avoids that for what it makes per object (BENCHMARKS.md: it cost about a tenth of the
// synth at N = 3000). These tests compare maps with V8's own %HaveSameMap().
// A Node.js whose V8 no longer has %HaveSameMap() skips them.
setFlagsFromString('--allow-natives-syntax');
let haveSameMap: (a: unknown, b: unknown) => boolean = () => true;
let describeMaps = describe;
try {
  haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as typeof haveSameMap;
  haveSameMap({}, {});
} catch {
  describeMaps = describe.skip as typeof describe;
}

/**
 * WebServices with their Configs, alike but for their names and values: enough of them for V8 to have made its
 * inline caches (the first few objects are made without them, and share their maps anyway). Compare the last two.
 */
function services(): { objects: ReturnType<typeof synth>; apiObjects: ApiObject[] } {
  const { stack } = makeStack({ namespace: 'shop' });
  for (let i = 0; i < 30; i++) {
    const name = `svc-${i}`;
    const config = new Config(stack, `${name}-config`, { data: { MODE: name }, metadata: { labels: { tier: 'front' } } });
    new WebService(stack, name, {
      image: `example.com/${name}:1.0`,
      resources: RESOURCES,
      envFrom: [EnvFrom.config(config)],
      metadata: { labels: { tier: 'front' } },
      autoscaling: { maxReplicas: 4, metrics: [Metric.cpu(70)] },
    });
  }
  const apiObjects = stack.node.findAll().filter((c: IConstruct): c is ApiObject => ApiObject.isApiObject(c));
  return { objects: synth(stack), apiObjects };
}

/** Pairs of same-kind values at the same place in two objects: the objects and everything below them. */
function pairs(a: unknown, b: unknown, path: string, out: Array<[string, unknown, unknown]>): void {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return;
  out.push([path, a, b]);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) pairs(a[i], b[i], `${path}[${i}]`, out);
    return;
  }
  for (const key of Object.keys(a)) pairs((a as any)[key], (b as any)[key], `${path}.${key}`, out);
}

describeMaps('hidden classes', () => {
  test('GIVEN alike services WHEN synthesized THEN their rendered objects share V8 maps, field by field', () => {
    // GIVEN
    const { objects } = services();
    // WHEN
    const found: Array<[string, unknown, unknown]> = [];
    for (const kind of ['ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      const [a, b] = objects.filter((o) => o.kind === kind).slice(-2);
      pairs(a, b, kind, found);
    }
    // THEN
    expect(found.length).toBeGreaterThan(50);
    expect(found.filter(([, a, b]) => !haveSameMap(a, b)).map(([path]) => path)).toEqual([]);
  });

  test('GIVEN alike services WHEN defined THEN the props the library keeps of their API objects share V8 maps', () => {
    // GIVEN
    const { apiObjects } = services();
    // WHEN
    const unshared: string[] = [];
    // By kind: Deployments and Services have Kubernetes JSON as props (lib/workloads/_k8s-json.ts), the others the
    // props of an L1 type (lib/core/_k8s.ts).
    for (const kind of ['ConfigMap', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      const [a, b] = apiObjects.filter((o) => o.kind === kind).slice(-2).map((o) => (o as any)[Symbol.for('cdk8s-platform.ApiObjectData')].props);
      if (!haveSameMap(a, b)) unshared.push(`${kind} props`);
      if (!haveSameMap(a.metadata, b.metadata)) unshared.push(`${kind} props.metadata`);
      if (!haveSameMap(a.metadata.labels, b.metadata.labels)) unshared.push(`${kind} props.metadata.labels`);
    }
    // THEN
    expect(unshared).toEqual([]);
  });
});
