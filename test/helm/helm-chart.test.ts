import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { HelmChart, PlatformError, PlatformApp, AppStack } from '../../lib';
import { findObject, synthFindings, synthObjects } from '../../lib/testing';
import { expectPropError, makeStack, tmpdir } from '../_helpers';
import { HELLO_WEB_CHART, helmBinary } from './_helm-binary';

/** What `fn` threw. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but nothing was thrown');
}

/** A shell script standing in for helm: it records its arguments and standard input, and prints `output`. */
function stubHelm(output: string, exitCode = 0, stderr = ''): { binary: string; args: () => string[]; input: () => string } {
  const dir = tmpdir();
  const binary = path.join(dir, 'helm-stub');
  fs.writeFileSync(binary, [
    '#!/bin/sh',
    `for a in "$@"; do printf '%s\\n' "$a"; done > '${dir}/args'`,
    `cat > '${dir}/input'`,
    `printf '%s' '${output.replace(/'/g, "'\\''")}'`,
    `printf '%s' '${stderr.replace(/'/g, "'\\''")}' >&2`,
    `exit ${exitCode}`,
  ].join('\n'), { mode: 0o755 });
  return {
    binary,
    args: () => fs.readFileSync(path.join(dir, 'args'), 'utf8').split('\n').filter((l) => l !== ''),
    input: () => fs.readFileSync(path.join(dir, 'input'), 'utf8'),
  };
}

describe('HelmChart with the real helm binary', () => {
  test('renders the fixture chart: its Deployment and Service are objects of the stack', () => {
    // GIVEN the fixture chart in a stack
    const { stack } = makeStack({ namespace: 'shop' });
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary() });

    // WHEN the stack is synthesized
    const objects = synthObjects(stack);

    // THEN both objects are there, named by the release name (the construct id)
    expect(findObject(objects, 'Deployment', 'web-web').spec.replicas).toBe(1);
    expect(findObject(objects, 'Service', 'web-web').spec.ports[0].port).toBe(80);
  });

  test('the objects get the stack\'s namespace', () => {
    // GIVEN the fixture chart (whose templates set no namespace) in a stack of namespace "shop"
    const { stack } = makeStack({ namespace: 'shop' });
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary() });

    // WHEN the stack is synthesized
    const objects = synthObjects(stack);

    // THEN both objects are in "shop"
    expect(findObject(objects, 'Deployment', 'web-web').metadata.namespace).toBe('shop');
    expect(findObject(objects, 'Service', 'web-web').metadata.namespace).toBe('shop');
  });

  test('a packaged chart (.tgz) renders like its folder', () => {
    // GIVEN the fixture chart packaged by helm
    const dir = tmpdir();
    execFileSync(helmBinary(), ['package', HELLO_WEB_CHART, '--destination', dir], { stdio: 'ignore', env: process.env });
    const { stack } = makeStack();
    new HelmChart(stack, 'web', { chart: path.join(dir, 'hello-web-0.1.0.tgz'), helmBinary: helmBinary() });

    // WHEN the stack is synthesized
    const objects = synthObjects(stack);

    // THEN its objects are there
    expect(findObject(objects, 'Deployment', 'web-web').spec.replicas).toBe(1);
  });

  test('values override the chart\'s values.yaml', () => {
    // GIVEN values for replicas and the service port
    const { stack } = makeStack();
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary(), values: { replicaCount: 3, service: { port: 8081 } } });

    // WHEN the stack is synthesized
    const objects = synthObjects(stack);

    // THEN the chart rendered them
    expect(findObject(objects, 'Deployment', 'web-web').spec.replicas).toBe(3);
    expect(findObject(objects, 'Service', 'web-web').spec.ports[0].port).toBe(8081);
  });

  test('releaseName names the release', () => {
    // GIVEN a release name
    const { stack } = makeStack();
    const chart = new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary(), releaseName: 'front' });

    // WHEN the stack is synthesized
    const objects = synthObjects(stack);

    // THEN the templates used it
    expect(chart.releaseName).toBe('front');
    expect(findObject(objects, 'Deployment', 'front-web').metadata.labels?.['app.kubernetes.io/instance']).toBeDefined();
  });

  test('metadata labels and annotates every object of the chart', () => {
    // GIVEN metadata
    const { stack } = makeStack();
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary(), metadata: { labels: { team: 'shop' }, annotations: { owner: 'a@b.c' } } });

    // WHEN the stack is synthesized
    const objects = synthObjects(stack);

    // THEN both objects carry them
    for (const kind of ['Deployment', 'Service']) {
      expect(findObject(objects, kind, 'web-web').metadata.labels?.team).toBe('shop');
      expect(findObject(objects, kind, 'web-web').metadata.annotations?.owner).toBe('a@b.c');
    }
  });

  test('apiObjects lists the rendered objects, in helm\'s order, as ApiObjects to patch', () => {
    // GIVEN the fixture chart
    const { stack } = makeStack();
    const chart = new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary() });

    // WHEN its objects are read and one is patched
    const kinds = chart.apiObjects.map((o) => o.kind);
    chart.apiObjects.find((o) => o.kind === 'Deployment')!.metadata.addAnnotation('patched', 'yes');

    // THEN they are the Service and the Deployment, and the patch is in the output
    expect(kinds).toEqual(['Service', 'Deployment']);
    expect(chart.apiObjects.every((o) => ApiObject.isApiObject(o))).toBe(true);
    expect(findObject(synthObjects(stack), 'Deployment', 'web-web').metadata.annotations?.patched).toBe('yes');
  });

  test('a chart is written to the stack\'s folder in apply order, like other objects', () => {
    // GIVEN an app whose stack holds the fixture chart
    const outdir = tmpdir();
    const app = new PlatformApp({ outdir, capacitySummary: false });
    const stack = new AppStack(app, 'shop', { namespace: 'shop' });
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary() });

    // WHEN the app is synthesized
    app.synth();

    // THEN the kustomization lists the Service before the Deployment, as files of the stack's namespace
    const files = fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8');
    expect(files.indexOf('service-web-web')).toBeGreaterThan(0);
    expect(files.indexOf('service-web-web')).toBeLessThan(files.indexOf('deployment-web-web'));
  });

  test('the chart\'s objects are validated like any other, findings naming their construct path', () => {
    // GIVEN the fixture chart with an unpinned image
    const { stack } = makeStack();
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: helmBinary(), values: { image: { tag: 'latest' } } });

    // WHEN the stack is validated
    const findings = synthFindings(stack);

    // THEN the image-pinned rule reports the chart's Deployment
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'image-pinned', constructPath: 'test/web/Deployment-web-web' })]));
  });

  test('a failing helm template shows helm\'s error, the chart and the construct path', () => {
    // GIVEN values the chart's template cannot render (a map where a number is printed is fine, so break the YAML)
    const { stack } = makeStack();
    const chartDir = tmpdir();
    fs.cpSync(HELLO_WEB_CHART, chartDir, { recursive: true });
    fs.writeFileSync(path.join(chartDir, 'templates', 'broken.yaml'), '{{ fail "the chart says no \x1b[31m" }}\n');

    // WHEN the chart is rendered
    const error = thrown(() => new HelmChart(stack, 'web', { chart: chartDir, helmBinary: helmBinary() }));

    // THEN the PlatformError names the construct path, the chart and helm's message, escaped for the terminal
    expect(PlatformError.isPlatformError(error)).toBe(true);
    expect(error.message).toContain('HelmChart at "test/web"');
    expect(error.message).toContain(`chart ${JSON.stringify(chartDir)}`);
    expect(error.message).toContain('the chart says no \\x1b[31m');
    expect(error.message).not.toContain('\x1b');
  });
});

describe('HelmChart without helm', () => {
  test('a missing helm binary is one PlatformError saying what to install and how to point at it', () => {
    // GIVEN a helm binary that does not exist
    const { stack } = makeStack();

    // WHEN the chart is rendered
    const error = thrown(() => new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: '/nonexistent/helm' }));

    // THEN the error is a PlatformError (printed without a stack trace) naming the fix
    expect(PlatformError.isPlatformError(error)).toBe(true);
    expect(error.message).toContain('HelmChart at "test/web"');
    expect(error.message).toContain('"/nonexistent/helm" was not found');
    expect(error.message).toContain('Install Helm 3');
    expect(error.message).toContain('helmBinary');
    expect(error.message).toContain('HELM_BIN');
    expect(error.message).not.toContain('\n');
  });

  test('PlatformApp.run() prints a missing helm as that message alone, without a stack trace, and exits 1', () => {
    // GIVEN an app built by PlatformApp.run() whose chart names a helm binary that does not exist
    const printed: unknown[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((m: unknown) => { printed.push(m); });
    const exitCode = process.exitCode;
    try {
      // WHEN it runs
      PlatformApp.run((app) => {
        const stack = new AppStack(app, 'shop', { namespace: 'shop' });
        new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: '/nonexistent/helm' });
      }, { outdir: tmpdir(), capacitySummary: false });

      // THEN one line is printed, the message, with no stack frame, and the exit code is 1
      expect(process.exitCode).toBe(1);
      expect(printed).toHaveLength(1);
      expect(String(printed[0])).toMatch(/^cdk8s-platform: HelmChart at "shop\/web" .* needs the helm binary/);
      expect(String(printed[0])).not.toMatch(/\n\s+at /);
    } finally {
      spy.mockRestore();
      process.exitCode = exitCode;
    }
  });

  test('without helmBinary, the HELM_BIN environment variable names the binary', () => {
    // GIVEN HELM_BIN pointing at a stub (a shell script standing in for helm: argument building only)
    const stub = stubHelm('');
    const { stack } = makeStack();
    const before = process.env.HELM_BIN;
    process.env.HELM_BIN = stub.binary;
    try {
      // WHEN the chart is rendered
      new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART });
    } finally {
      if (before === undefined) delete process.env.HELM_BIN;
      else process.env.HELM_BIN = before;
    }

    // THEN the stub ran
    expect(stub.args()[0]).toBe('template');
  });

  test('without helmBinary and HELM_BIN, helm is looked up on PATH', () => {
    // GIVEN a PATH holding only a stub named helm (a shell script standing in for helm: argument building only)
    const stub = stubHelm('');
    const dir = path.dirname(stub.binary);
    fs.renameSync(stub.binary, path.join(dir, 'helm'));
    const { stack } = makeStack();
    const saved = { PATH: process.env.PATH, HELM_BIN: process.env.HELM_BIN };
    process.env.PATH = `${dir}:/bin:/usr/bin`;
    delete process.env.HELM_BIN;
    try {
      // WHEN the chart is rendered
      new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART });
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.HELM_BIN !== undefined) process.env.HELM_BIN = saved.HELM_BIN;
    }

    // THEN the helm on PATH ran
    expect(stub.args()[0]).toBe('template');
  });

  test('stub (argument building only): a repository chart is rendered with --repo, --version, the namespace, the Kubernetes version, no tests, values on stdin', () => {
    // GIVEN a stub helm and a pinned repository chart
    const stub = stubHelm('');
    const { stack } = makeStack({ namespace: 'cache' });
    new HelmChart(stack, 'redis', { chart: 'redis', repo: 'https://charts.example.com/stable', version: '19.6.4', values: { architecture: 'standalone' }, helmBinary: stub.binary });

    // WHEN the arguments are read
    const args = stub.args();

    // THEN they are helm template's, and the values went in as JSON on standard input
    expect(args).toEqual([
      'template', 'redis', 'redis', '--repo', 'https://charts.example.com/stable', '--version', '19.6.4',
      '--namespace', 'cache', '--kube-version', '1.33.0', '--skip-tests', '--values', '-',
    ]);
    expect(JSON.parse(stub.input())).toEqual({ architecture: 'standalone' });
  });

  test('stub (argument building only): the chart is rendered for the Kubernetes version of its environment', () => {
    // GIVEN an app targeting 1.30
    const stub = stubHelm('');
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false, kubernetesVersion: '1.30' });
    const stack = new AppStack(app, 'shop', { namespace: 'shop' });

    // WHEN a chart is rendered
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: stub.binary });

    // THEN helm was given 1.30
    expect(stub.args()).toContain('1.30.0');
  });

  test('stub (output reading only): two objects of one kind and name in different groups get distinct ids', () => {
    // GIVEN helm output with two "Thing/a" objects of different groups
    const stub = stubHelm('---\napiVersion: a.example.com/v1\nkind: Thing\nmetadata:\n  name: a\n---\napiVersion: b.example.com/v1\nkind: Thing\nmetadata:\n  name: a\n');
    const { stack } = makeStack();

    // WHEN the chart is rendered
    const chart = new HelmChart(stack, 'x', { chart: HELLO_WEB_CHART, helmBinary: stub.binary });

    // THEN both are objects of the chart
    expect(chart.apiObjects.map((o) => o.apiVersion)).toEqual(['a.example.com/v1', 'b.example.com/v1']);
  });

  test('stub (output reading only): a document that is not a Kubernetes object is refused', () => {
    // GIVEN helm output holding a plain list
    const stub = stubHelm('- a\n- b\n');
    const { stack } = makeStack();

    // WHEN the chart is rendered
    const error = thrown(() => new HelmChart(stack, 'x', { chart: HELLO_WEB_CHART, helmBinary: stub.binary }));

    // THEN the error says so
    expect(error.message).toContain('not a Kubernetes object with apiVersion, kind and metadata.name');
  });

  test('HelmChart outside an AppStack is refused', () => {
    // GIVEN an app without a stack
    const app = new PlatformApp({ outdir: tmpdir(), capacitySummary: false });

    // WHEN a chart is created at its root
    const error = thrown(() => new HelmChart(app, 'web', { chart: HELLO_WEB_CHART, helmBinary: '/nonexistent/helm' }));

    // THEN the error says where it must be
    expect(error.message).toContain('must be defined inside an AppStack');
  });
});

describe('HelmChart props', () => {
  test('a repository chart without a version is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN a repository chart has no version THEN the PropError names version
    expectPropError(() => new HelmChart(stack, 'redis', { chart: 'redis', repo: 'https://charts.example.com/stable', helmBinary: '/nonexistent/helm' }), {
      path: 'test/redis', prop: 'version', received: 'undefined', allowed: 'must be pinned',
    });
  });

  test('an oci:// chart without a version is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN an oci:// chart has no version THEN the PropError names version
    expectPropError(() => new HelmChart(stack, 'pg', { chart: 'oci://registry.example.com/charts/postgresql', helmBinary: '/nonexistent/helm' }), {
      path: 'test/pg', prop: 'version', received: 'undefined', allowed: 'an exact chart version',
    });
  });

  test('a version range is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN the version is a range THEN the PropError says an exact version is needed
    expectPropError(() => new HelmChart(stack, 'redis', { chart: 'redis', repo: 'https://charts.example.com/stable', version: '^19.0.0' }), {
      path: 'test/redis', prop: 'version', received: '"^19.0.0"', allowed: 'no range or wildcard',
    });
  });

  test('a version for a local chart is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN a local chart has a version THEN the PropError says the chart names its own
    expectPropError(() => new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, version: '0.1.0' }), {
      path: 'test/web', prop: 'version', received: '"0.1.0"', allowed: 'nothing for a local chart',
    });
  });

  test('a repo that is not an http(s) URL is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN repo is not a URL THEN the PropError names repo
    expectPropError(() => new HelmChart(stack, 'redis', { chart: 'redis', repo: 'bitnami', version: '1.0.0' }), {
      path: 'test/redis', prop: 'repo', received: '"bitnami"', allowed: 'http:// or https://',
    });
  });

  test('repo with an oci:// chart is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN both are given THEN the PropError names repo
    expectPropError(() => new HelmChart(stack, 'pg', { chart: 'oci://registry.example.com/charts/postgresql', repo: 'https://charts.example.com', version: '1.0.0' }), {
      path: 'test/pg', prop: 'repo', received: '"https://charts.example.com"', allowed: 'nothing with an oci:// chart',
    });
  });

  test('a local chart folder that does not exist is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN the chart folder is missing THEN the PropError names chart and what it may be
    expectPropError(() => new HelmChart(stack, 'web', { chart: './no-such-chart' }), {
      path: 'test/web', prop: 'chart', received: '"./no-such-chart"', allowed: 'a local chart folder holding Chart.yaml',
    });
  });

  test('a release name that is not a DNS-1123 label is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN the release name has upper case THEN the PropError names releaseName
    expectPropError(() => new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, releaseName: 'Web' }), {
      path: 'test/web', prop: 'releaseName', received: '"Web"',
    });
  });

  test('a release name longer than 53 characters is refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();
    const long = 'a'.repeat(54);

    // WHEN the release name is 54 characters THEN the PropError names Helm's limit
    expectPropError(() => new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, releaseName: long }), {
      path: 'test/web', prop: 'releaseName', received: JSON.stringify(long), allowed: 'at most 53 characters',
    });
  });

  test('the release name defaults to the construct id', () => {
    // GIVEN a stub helm (argument building only)
    const stub = stubHelm('');
    const { stack } = makeStack();

    // WHEN no release name is given
    const chart = new HelmChart(stack, 'my-web', { chart: HELLO_WEB_CHART, helmBinary: stub.binary });

    // THEN the construct id is the release name
    expect(chart.releaseName).toBe('my-web');
    expect(stub.args()[1]).toBe('my-web');
  });

  test('values that are not plain JSON data are refused', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN a value is a function THEN the PropError names values
    expectPropError(() => new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, values: { f: () => 1 } }), {
      path: 'test/web', prop: 'values', allowed: 'plain JSON data', received: '{',
    });
  });

  test('without values, helm reads no values from standard input (the chart\'s own values)', () => {
    // GIVEN a stub helm (argument building only)
    const stub = stubHelm('');
    const { stack } = makeStack();

    // WHEN no values are given
    new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: stub.binary });

    // THEN no --values flag is passed
    expect(stub.args()).not.toContain('--values');
  });

  test('the old labels prop is refused like on every construct', () => {
    // GIVEN a stack
    const { stack } = makeStack();

    // WHEN labels is given at the top level THEN the PropError says it moved to metadata.labels
    expectPropError(() => new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, labels: { a: 'b' } } as never), {
      path: 'test/web', prop: 'labels', received: '{"a":"b"}', allowed: 'metadata.labels',
    });
  });

  test('isHelmChart recognizes a HelmChart', () => {
    // GIVEN a chart and another construct
    const stub = stubHelm('');
    const { stack } = makeStack();
    const chart = new HelmChart(stack, 'web', { chart: HELLO_WEB_CHART, helmBinary: stub.binary });

    // WHEN each is asked about THEN only the chart is one
    expect(HelmChart.isHelmChart(chart)).toBe(true);
    expect(HelmChart.isHelmChart(stack)).toBe(false);
  });
});
