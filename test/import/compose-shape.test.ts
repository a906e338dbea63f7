import { Config, EnvFrom, Mount, PersistentVolumeClaim, Probe, Protocol, WebService, Worker, findObject } from '../../lib';
import { translateCompose } from '../../lib/import/compose';
import { makeStack, RESOURCES, synth } from '../_helpers';

/**
 * The Compose reader writes the objects the constructs write by default (names, selectors, port and volume names),
 * so the generated code needs no overrides: each test builds the construct a Compose service becomes, with its
 * default props, and compares the fields the reader writes. It writes no labels beyond the selector's: the constructs
 * add the recommended labels to every object.
 */

const COMPOSE = `
services:
  web:
    image: acme/web:1.4.2
    ports: ["8080:80", "53:53/udp"]
    env_file: web.env
    volumes: ["data:/data", "/var/cache/web"]
    tmpfs: [/run]
  worker:
    image: acme/worker:2
volumes:
  data:
`;

function translated() {
  return translateCompose(COMPOSE, 'compose.yaml', {
    namespace: 'shop',
    readFile: (relative) => {
      if (relative === 'web.env') return 'A=b\n';
      throw Object.assign(new Error(`ENOENT: ${relative}`), { code: 'ENOENT' });
    },
  }).objects.map((o) => o.object as any);
}

/** The constructs the Compose file becomes, synthesized in a stack whose namespace is `shop`. */
function constructs() {
  const { stack } = makeStack({ namespace: 'shop' });
  const config = new Config(stack, 'web-env', { data: { A: 'b' } });
  const claim = new PersistentVolumeClaim(stack, 'data', { size: '1Gi' });
  new WebService(stack, 'web', {
    image: 'acme/web:1.4.2', port: 80, servicePort: 8080, replicas: 1, resources: RESOURCES,
    extraPorts: [{ name: 'udp-53', port: 53, protocol: Protocol.UDP }],
    envFrom: [EnvFrom.config(config)],
    mounts: [Mount.claim(claim, '/data'), Mount.emptyDir('/var/cache/web'), Mount.emptyDir('/run', { memory: true })],
  });
  new Worker(stack, 'worker', { image: 'acme/worker:2', resources: RESOURCES, readinessProbe: Probe.none(), livenessProbe: Probe.none() });
  return synth(stack);
}

describe('the objects of a Compose file have the constructs\' default shape', () => {
  const ours = translated();
  const theirs = constructs();
  const pick = (objects: any[], kind: string, name: string): any => findObject(objects, kind, name);

  test.each([['Deployment', 'web'], ['Service', 'web'], ['Deployment', 'worker'], ['ConfigMap', 'web-env'], ['PersistentVolumeClaim', 'data']])(
    'GIVEN the %s %s WHEN compared with the construct\'s THEN its name and namespace are the same, and it has no labels the construct would not write', (kind, name) => {
      // GIVEN the reader's object and the construct's
      const a = pick(ours, kind, name);
      const b = pick(theirs, kind, name);
      // WHEN their metadata is compared
      // THEN the names and namespaces are equal, and the reader writes no labels (the construct adds the recommended ones)
      expect({ name: a.metadata.name, namespace: a.metadata.namespace }).toEqual({ name: b.metadata.name, namespace: b.metadata.namespace });
      expect(a.metadata.labels).toBeUndefined();
    });

  test.each([['web'], ['worker']])('GIVEN the Deployment %s WHEN compared THEN its selector, pod labels and container name are the construct\'s defaults', (name) => {
    const a = pick(ours, 'Deployment', name);
    const b = pick(theirs, 'Deployment', name);
    expect(a.spec.selector).toEqual(b.spec.selector);
    expect(a.spec.template.metadata.labels).toEqual(b.spec.selector.matchLabels);
    expect(b.spec.template.metadata.labels).toMatchObject(a.spec.template.metadata.labels);
    expect(a.spec.template.spec.containers[0].name).toBe(b.spec.template.spec.containers[0].name);
  });

  test('GIVEN the web service WHEN compared THEN its container ports and the Service\'s spec are the construct\'s', () => {
    const a = pick(ours, 'Service', 'web');
    const b = pick(theirs, 'Service', 'web');
    expect(a.spec).toEqual(b.spec);
    expect(pick(ours, 'Deployment', 'web').spec.template.spec.containers[0].ports).toEqual(pick(theirs, 'Deployment', 'web').spec.template.spec.containers[0].ports);
  });

  test('GIVEN the web service WHEN compared THEN its volumes and mounts are the construct\'s, besides the /tmp the library adds', () => {
    const a = pick(ours, 'Deployment', 'web').spec.template.spec;
    const b = pick(theirs, 'Deployment', 'web').spec.template.spec;
    expect(a.volumes).toEqual(b.volumes.filter((v: any) => v.name !== 'tmp'));
    expect(a.containers[0].volumeMounts).toEqual(b.containers[0].volumeMounts.filter((m: any) => m.name !== 'tmp'));
    expect(a.containers[0].envFrom).toEqual(b.containers[0].envFrom);
  });

  test('GIVEN the claim WHEN compared THEN its spec is the construct\'s', () => {
    expect(pick(ours, 'PersistentVolumeClaim', 'data').spec).toEqual(pick(theirs, 'PersistentVolumeClaim', 'data').spec);
  });
});
