import { ApiObject } from 'cdk8s';
import { AppStack, Environment, GitOps, PlatformApp, Rule, synthObjects, toYaml, Validation, ValidationError } from '../../lib';
import { GitOpsChart } from '../../lib/app/_gitops-chart';
import { tmpdir } from '../_helpers';

const REPO = 'https://github.com/acme/shop-deploy.git';
const CONTROLLERS: Record<string, GitOps> = {
  'Argo CD Applications': GitOps.argoCd({ repoURL: REPO, clusters: { prod: 'https://prod.example.com:6443' }, targetRevision: 'v1' }),
  'an Argo CD ApplicationSet': GitOps.argoCd({ repoURL: REPO, applicationSet: true, path: 'deploy/out' }),
  'Flux': GitOps.flux({ repoURL: REPO, secretName: 'deploy-key', interval: { source: '5m', apply: '10m' } }),
};

/** An app with environments dev and prod (one stack each) and `gitOps`. */
function app(gitOps: GitOps[]): PlatformApp {
  const a = new PlatformApp({ outdir: tmpdir(), gitOps, capacitySummary: false });
  for (const env of ['dev', 'prod']) new AppStack(new Environment(a, env), 'shop', { namespace: 'shop' });
  return a;
}

describe('the GitOps objects as constructs', () => {
  test.each(Object.keys(CONTROLLERS))('GIVEN %s WHEN synthesized THEN the objects are those of the plain rendering, byte for byte', (name) => {
    // GIVEN
    const gitOps = CONTROLLERS[name];
    const a = app([gitOps]);

    // WHEN
    const objects = a.synthGitOps();

    // THEN
    expect(toYaml(objects)).toBe(toYaml(gitOps._render([{ name: 'dev' }, { name: 'prod' }])));
  });

  test('GIVEN an app with GitOps WHEN synthesized THEN its objects are API objects of the app\'s _gitops chart', () => {
    // GIVEN
    const a = app([CONTROLLERS['Argo CD Applications']]);

    // WHEN
    a.synthGitOps();

    // THEN
    const chart = a.node.findChild('_gitops');
    expect(GitOpsChart.isGitOpsChart(chart)).toBe(true);
    expect(chart.node.children.filter(ApiObject.isApiObject).map((o) => o.node.path)).toEqual(['_gitops/Application-shop-deploy-dev', '_gitops/Application-shop-deploy-prod']);
  });

  test('GIVEN an environment added after a first synth WHEN synthesized again THEN the chart holds the objects of every environment once', () => {
    // GIVEN
    const a = app([CONTROLLERS['Argo CD Applications']]);
    a.synthGitOps();
    new AppStack(new Environment(a, 'qa'), 'shop', { namespace: 'shop' });

    // WHEN
    const objects = a.synthGitOps();

    // THEN
    expect(objects.map((o) => o.metadata.name)).toEqual(['shop-deploy-dev', 'shop-deploy-prod', 'shop-deploy-qa']);
  });

  test('GIVEN an app without environments WHEN its objects are synthesized THEN the GitOps objects are not among them', () => {
    // GIVEN
    const a = new PlatformApp({ outdir: tmpdir(), gitOps: [CONTROLLERS.Flux], capacitySummary: false });
    new AppStack(a, 'shop', { namespace: 'shop' });
    a.synthGitOps();

    // WHEN
    const kinds = synthObjects(a).map((o) => o.kind);

    // THEN
    expect(kinds).not.toContain('GitRepository');
    expect(a.synthManifests().get('')!.map((o) => o.kind)).not.toContain('GitRepository');
  });

  test('GIVEN a rule that refuses Argo CD Applications WHEN the app is synthesized THEN validation names the GitOps object\'s construct path', () => {
    // GIVEN
    const refuse: Rule = {
      id: 'acme-no-argo', description: 'No Argo CD.', layer: 'policy', severity: 'error', kinds: ['Application'],
      remediation: 'Use Flux.', check: (_o, ctx) => ctx.report('', 'received an Application; allowed: none'),
    };
    const a = new PlatformApp({ outdir: tmpdir(), gitOps: [GitOps.argoCd({ repoURL: REPO })], validation: { rules: [refuse] }, capacitySummary: false });
    new AppStack(new Environment(a, 'dev'), 'shop', { namespace: 'shop' });

    // WHEN
    let error: unknown;
    try {
      a.synth();
    } catch (e) {
      error = e;
    }

    // THEN
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect((error as Error).message).toContain('(construct _gitops/Application-shop-deploy-dev)');
  });

  test('GIVEN a construct suppression on the app WHEN the GitOps objects are synthesized THEN they carry its annotation like every object', () => {
    // GIVEN
    const a = app([CONTROLLERS.Flux]);
    Validation.downgrade(a, 'image-pinned', 'staging tracks main');

    // WHEN
    const objects = a.synthGitOps();

    // THEN
    expect(objects.map((o) => o.metadata.annotations?.['cdk8s-platform.io/validation-downgraded'])).toEqual(['image-pinned: staging tracks main', 'image-pinned: staging tracks main', 'image-pinned: staging tracks main']);
  });
});
