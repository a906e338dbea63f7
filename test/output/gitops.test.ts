import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { AppStack, Environment, GitOps, PlatformApp, PlatformAppProps, SynthError, OUTPUT_MARKER_FILE } from '../../lib';
import { expectPropError, tmpdir } from '../_helpers';

const REPO = 'https://github.com/acme/shop-deploy.git';

/** An app with environments dev and prod (one stack each) and the given props. */
function app(props: PlatformAppProps): PlatformApp {
  const a = new PlatformApp({ environments: undefined, ...props });
  for (const env of ['dev', 'prod']) new AppStack(new Environment(a, env), 'shop', { namespace: 'shop' });
  return a;
}

const SYNC_POLICY = {
  automated: { prune: true, selfHeal: true },
  syncOptions: ['CreateNamespace=false', 'PruneLast=true', 'ApplyOutOfSyncOnly=true'],
};

describe('GitOps.argoCd', () => {
  test('GIVEN defaults WHEN rendered THEN one Application per environment syncs <path>/<env> with prune and self-heal', () => {
    // GIVEN
    const a = app({ gitOps: [GitOps.argoCd({ repoURL: REPO })] });
    // WHEN
    const objects = a.synthGitOps();
    // THEN
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['Application/argocd/shop-deploy-dev', 'Application/argocd/shop-deploy-prod']);
    expect(objects[1].apiVersion).toBe('argoproj.io/v1alpha1');
    expect(objects[1].spec).toEqual({
      project: 'default',
      source: { repoURL: REPO, targetRevision: 'HEAD', path: 'dist/prod' },
      destination: { server: 'https://kubernetes.default.svc' },
      syncPolicy: SYNC_POLICY,
    });
    expect(objects[1].metadata.labels).toEqual(expect.objectContaining({ 'cdk8s-platform.io/environment': 'prod', 'app.kubernetes.io/part-of': 'shop-deploy' }));
  });

  test('GIVEN a name, revision, path, project, namespace and clusters WHEN rendered THEN they are used', () => {
    const a = app({
      gitOps: [GitOps.argoCd({
        repoURL: 'git@github.com:acme/deploy.git', name: 'shop', targetRevision: 'v1.2.0', path: './out/', project: 'shop',
        namespace: 'gitops', clusters: { prod: 'https://prod.example.com:6443' },
      })],
    });
    const [dev, prod] = a.synthGitOps();
    expect(prod.metadata).toEqual(expect.objectContaining({ name: 'shop-prod', namespace: 'gitops' }));
    expect(prod.spec.source).toEqual({ repoURL: 'git@github.com:acme/deploy.git', targetRevision: 'v1.2.0', path: 'out/prod' });
    expect(prod.spec.project).toBe('shop');
    expect(prod.spec.destination).toEqual({ server: 'https://prod.example.com:6443' });
    expect(dev.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
  });

  test('GIVEN applicationSet WHEN rendered THEN one ApplicationSet lists every environment', () => {
    const [set, ...rest] = app({ gitOps: [GitOps.argoCd({ repoURL: REPO, applicationSet: true })] }).synthGitOps();
    expect(rest).toEqual([]);
    expect(set.kind).toBe('ApplicationSet');
    expect(set.spec.generators).toEqual([{ list: { elements: [
      { name: 'shop-deploy-dev', environment: 'dev', path: 'dist/dev', server: 'https://kubernetes.default.svc' },
      { name: 'shop-deploy-prod', environment: 'prod', path: 'dist/prod', server: 'https://kubernetes.default.svc' },
    ] } }]);
    expect(set.spec.template.spec).toEqual({
      project: 'default',
      source: { repoURL: REPO, targetRevision: 'HEAD', path: '{{.path}}' },
      destination: { server: '{{.server}}' },
      syncPolicy: SYNC_POLICY,
    });
  });

  test('GIVEN an app without environments WHEN rendered THEN one Application syncs the output folder itself', () => {
    const a = new PlatformApp({ gitOps: [GitOps.argoCd({ repoURL: REPO })] });
    new AppStack(a, 'shop', { namespace: 'shop' });
    const [only] = a.synthGitOps();
    expect(only.metadata.name).toBe('shop-deploy');
    expect(only.spec.source.path).toBe('dist');
  });

  test('GIVEN clusters for an unknown environment WHEN rendered THEN a SynthError names it', () => {
    const a = app({ gitOps: [GitOps.argoCd({ repoURL: REPO, clusters: { qa: 'https://qa.example.com' } })] });
    expect(() => a.synthGitOps()).toThrow(SynthError);
    expect(() => a.synthGitOps()).toThrow('clusters names environment "qa", which the app does not define (it has: dev, prod)');
  });

  test('GIVEN a repoURL that is not a Git URL WHEN the app is constructed THEN a PropError names it', () => {
    expectPropError(() => new PlatformApp({ gitOps: [GitOps.argoCd({ repoURL: 'github.com/acme/x' })] }), {
      path: '', prop: 'gitOps[0].repoURL', received: '"github.com/acme/x"', allowed: 'a Git URL',
    });
  });

  test('GIVEN a path escaping the repository WHEN constructed THEN a PropError names it', () => {
    expectPropError(() => new PlatformApp({ gitOps: [GitOps.argoCd({ repoURL: REPO, path: '../dist' })] }), {
      path: '', prop: 'gitOps[0].path', received: '"../dist"', allowed: 'a relative folder path',
    });
  });

  test('GIVEN a repository name that is not a DNS label and no name WHEN constructed THEN a PropError asks for name', () => {
    expectPropError(() => new PlatformApp({ gitOps: [GitOps.argoCd({ repoURL: 'https://github.com/acme/Shop_Deploy.git' })] }), {
      path: '', prop: 'gitOps[0].name', received: 'undefined', allowed: 'so name is needed',
    });
  });

  test('GIVEN a cluster URL that is not https WHEN constructed THEN a PropError names the environment', () => {
    expectPropError(() => new PlatformApp({ gitOps: [GitOps.argoCd({ repoURL: REPO, clusters: { prod: 'prod-cluster' } })] }), {
      path: '', prop: 'gitOps[0].clusters.prod', received: '"prod-cluster"', allowed: 'https://',
    });
  });

  test('GIVEN something that is not a GitOps WHEN constructed THEN a PropError names the factories', () => {
    expectPropError(() => new PlatformApp({ gitOps: [{ repoURL: REPO } as any] }), {
      path: '', prop: 'gitOps[0]', received: `{"repoURL":"${REPO}"}`, allowed: 'GitOps.argoCd(...) or GitOps.flux(...)',
    });
  });
});

describe('GitOps option checks', () => {
  test.each([
    ['argoCd', { targetRevision: '' }, 'gitOps[0].targetRevision', '""', 'a branch, tag or commit'],
    ['argoCd', { project: 'My Project' }, 'gitOps[0].project', '"My Project"', 'a DNS-1123 subdomain'],
    ['argoCd', { namespace: 'Argo' }, 'gitOps[0].namespace', '"Argo"', 'a DNS-1123 label'],
    ['argoCd', { applicationSet: 'yes' }, 'gitOps[0].applicationSet', '"yes"', 'true or false'],
    ['argoCd', { name: 'Shop' }, 'gitOps[0].name', '"Shop"', 'a DNS-1123 label'],
    ['flux', { branch: '' }, 'gitOps[0].branch', '""', 'a branch name'],
    ['flux', { secretName: 'Deploy Key' }, 'gitOps[0].secretName', '"Deploy Key"', 'a DNS-1123 subdomain'],
    ['flux', { namespace: 'Flux' }, 'gitOps[0].namespace', '"Flux"', 'a DNS-1123 label'],
  ] as const)('GIVEN %s with %j WHEN the app is constructed THEN a PropError names the option', (factory, extra, prop, received, allowed) => {
    const gitOps = factory === 'argoCd' ? GitOps.argoCd({ repoURL: REPO, ...(extra as any) }) : GitOps.flux({ repoURL: REPO, ...(extra as any) });
    expectPropError(() => new PlatformApp({ gitOps: [gitOps] }), { path: '', prop, received, allowed });
  });
});

describe('GitOps.flux', () => {
  test('GIVEN defaults WHEN rendered THEN a GitRepository and one pruning Kustomization per environment', () => {
    const objects = app({ gitOps: [GitOps.flux({ repoURL: REPO })] }).synthGitOps();
    expect(objects[0]).toEqual({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: expect.objectContaining({ name: 'shop-deploy', namespace: 'flux-system' }),
      spec: { interval: '1m', url: REPO, ref: { branch: 'main' } },
    });
    expect(objects.slice(1).map((o) => [o.apiVersion, o.kind, o.metadata.name])).toEqual([
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'shop-deploy-dev'],
      ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'shop-deploy-prod'],
    ]);
    expect(objects[2].spec).toEqual({
      interval: '10m', sourceRef: { kind: 'GitRepository', name: 'shop-deploy' }, path: './dist/prod', prune: true, wait: true, timeout: '5m',
    });
  });

  test('GIVEN a branch, secret, namespace and intervals WHEN rendered THEN they are used', () => {
    const objects = app({
      gitOps: [GitOps.flux({ repoURL: 'ssh://git@github.com/acme/deploy.git', branch: 'release', secretName: 'deploy-key', namespace: 'flux', interval: { source: '5m', apply: '1h' } })],
    }).synthGitOps();
    expect(objects[0].spec).toEqual({ interval: '5m', url: 'ssh://git@github.com/acme/deploy.git', ref: { branch: 'release' }, secretRef: { name: 'deploy-key' } });
    expect(objects[1].metadata.namespace).toBe('flux');
    expect(objects[1].spec.interval).toBe('1h');
  });

  test('GIVEN an scp-like URL WHEN constructed THEN Flux refuses it, naming the URL forms it fetches', () => {
    expectPropError(() => new PlatformApp({ gitOps: [GitOps.flux({ repoURL: 'git@github.com:acme/x.git' })] }), {
      path: '', prop: 'gitOps[0].repoURL', received: '"git@github.com:acme/x.git"', allowed: 'a Git URL Flux can fetch',
    });
  });

  test('GIVEN a bad interval WHEN constructed THEN a PropError names it', () => {
    expectPropError(() => new PlatformApp({ gitOps: [GitOps.flux({ repoURL: REPO, interval: { apply: 'hourly' } })] }), {
      path: '', prop: 'gitOps[0].interval.apply', received: '"hourly"', allowed: 'a Go duration',
    });
  });
});

describe('GitOps output', () => {
  test('GIVEN gitOps WHEN synthesized THEN _gitops/ holds the objects and a kustomization kubectl builds', () => {
    // GIVEN
    const outdir = path.join(tmpdir(), 'dist');
    const a = app({ outdir, gitOps: [GitOps.argoCd({ repoURL: REPO }), GitOps.flux({ repoURL: REPO })] });
    // WHEN
    a.synth();
    // THEN
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, '_gitops', 'dev', 'prod']);
    expect(parse(fs.readFileSync(path.join(outdir, '_gitops', 'kustomization.yaml'), 'utf8')).resources).toEqual([
      'argocd/application-shop-deploy-dev.yaml', 'argocd/application-shop-deploy-prod.yaml',
      'flux-system/gitrepository-shop-deploy.yaml',
      'flux-system/kustomization-shop-deploy-dev.yaml', 'flux-system/kustomization-shop-deploy-prod.yaml',
    ]);
    const built = execFileSync('kubectl', ['kustomize', path.join(outdir, '_gitops')], { encoding: 'utf8' });
    expect(built.split(/^---\n/m).map((d) => parse(d).kind)).toEqual(['Application', 'Application', 'GitRepository', 'Kustomization', 'Kustomization']);
  });

  test('GIVEN gitOps and one selected environment WHEN synthesized THEN _gitops/ still covers every environment', () => {
    const outdir = path.join(tmpdir(), 'dist');
    app({ outdir, environments: ['dev'], gitOps: [GitOps.argoCd({ repoURL: REPO })] }).synth();
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, '_gitops', 'dev']);
    expect(fs.readdirSync(path.join(outdir, '_gitops', 'argocd'))).toEqual(['application-shop-deploy-dev.yaml', 'application-shop-deploy-prod.yaml']);
  });

  test('GIVEN no gitOps WHEN synthesized THEN there is no _gitops/ folder', () => {
    const outdir = path.join(tmpdir(), 'dist');
    app({ outdir }).synth();
    expect(fs.readdirSync(outdir)).toEqual([OUTPUT_MARKER_FILE, 'dev', 'prod']);
  });
});

describe('GitOps labels', () => {
  const PRUNE_LABELS = ['app.kubernetes.io/instance', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/part-of', 'cdk8s-platform.io/environment'];

  test('GIVEN Argo CD and Flux WHEN rendered THEN every object carries the labels the prune command selects on', () => {
    // GIVEN
    const a = app({ gitOps: [GitOps.argoCd({ repoURL: REPO }), GitOps.argoCd({ repoURL: REPO, name: 'set', applicationSet: true }), GitOps.flux({ repoURL: REPO })] });
    // WHEN
    const objects = a.synthGitOps();
    // THEN
    for (const o of objects) expect([o.kind, o.metadata.name, PRUNE_LABELS.filter((l) => !(l in o.metadata.labels!))]).toEqual([o.kind, o.metadata.name, []]);
  });

  test('GIVEN Argo CD WHEN rendered THEN each Application has the GitOps name as app.kubernetes.io/instance', () => {
    const objects = app({ gitOps: [GitOps.argoCd({ repoURL: REPO, name: 'deploy' })] }).synthGitOps();
    expect(objects.map((o) => o.metadata.labels!['app.kubernetes.io/instance'])).toEqual(['deploy', 'deploy']);
  });

  test('GIVEN Flux WHEN rendered THEN each Kustomization carries its own environment', () => {
    const objects = app({ gitOps: [GitOps.flux({ repoURL: REPO })] }).synthGitOps();
    expect(objects.slice(1).map((o) => o.metadata.labels!['cdk8s-platform.io/environment'])).toEqual(['dev', 'prod']);
  });

  test('GIVEN Flux WHEN rendered THEN the GitRepository, which serves every environment, has the environment all_environments', () => {
    const [repository] = app({ gitOps: [GitOps.flux({ repoURL: REPO })] }).synthGitOps();
    expect(repository.metadata.labels!['cdk8s-platform.io/environment']).toBe('all_environments');
  });

  test('GIVEN an ApplicationSet WHEN rendered THEN it has the environment all_environments and its Applications their own', () => {
    // GIVEN / WHEN
    const [set] = app({ gitOps: [GitOps.argoCd({ repoURL: REPO, applicationSet: true })] }).synthGitOps();
    // THEN
    expect(set.metadata.labels!['cdk8s-platform.io/environment']).toBe('all_environments');
    expect(set.spec.template.metadata.labels).toEqual(expect.objectContaining({
      'cdk8s-platform.io/environment': '{{.environment}}', 'app.kubernetes.io/instance': 'shop-deploy',
    }));
  });

  test('GIVEN an app without environments WHEN rendered THEN no GitOps object carries the environment label', () => {
    // GIVEN
    const a = new PlatformApp({ gitOps: [GitOps.flux({ repoURL: REPO })] });
    new AppStack(a, 'shop', { namespace: 'shop' });
    // WHEN
    const objects = a.synthGitOps();
    // THEN
    expect(objects.map((o) => o.metadata.labels!['cdk8s-platform.io/environment'])).toEqual([undefined, undefined]);
  });
});
