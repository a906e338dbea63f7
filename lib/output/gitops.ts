import { PropChecker } from '../core/_props';
import { MANAGED_BY, PlatformLabels, RecommendedLabels } from '../core/labels';
import { ManifestObject } from '../core/manifest-object';
import { isDns1123Label } from '../core/names';

/** The folder of the output holding the GitOps controllers' objects (`<outdir>/_gitops/`). */
export const GITOPS_FOLDER = '_gitops';

/** What every GitOps controller needs to know about the repository the output is committed to. */
export interface GitOpsRepositoryOptions {
  /**
   * The Git repository the output is committed to: `https://...`, `ssh://...` (or, for Argo CD only,
   * `git@host:org/repo.git`).
   */
  readonly repoURL: string;

  /**
   * The output folder's path in the repository; each environment is at `<path>/<env>`.
   *
   * @default "dist"
   */
  readonly path?: string;

  /**
   * The name of the generated objects (`<name>-<env>` for per-environment ones) and their
   * `app.kubernetes.io/part-of` label: a DNS-1123 label.
   *
   * @default the repository's name, from `repoURL` (`git@github.com:acme/shop-deploy.git` gives `shop-deploy`)
   */
  readonly name?: string;
}

/** Options of `GitOps.argoCd()`. */
export interface ArgoCdOptions extends GitOpsRepositoryOptions {
  /**
   * The Git revision to sync: a branch, a tag or a commit.
   *
   * @default "HEAD"
   */
  readonly targetRevision?: string;

  /**
   * The Argo CD project of the Applications.
   *
   * @default "default"
   */
  readonly project?: string;

  /**
   * The namespace Argo CD runs in, where its Applications live.
   *
   * @default "argocd"
   */
  readonly namespace?: string;

  /**
   * The cluster API server of each environment, by environment name.
   *
   * @default the cluster Argo CD runs in (`https://kubernetes.default.svc`) for every environment
   */
  readonly clusters?: Record<string, string>;

  /**
   * One `ApplicationSet` with a list generator (one element per environment) instead of one `Application` per
   * environment.
   *
   * @default false
   */
  readonly applicationSet?: boolean;
}

/** Options of `GitOps.flux()`. */
export interface FluxOptions extends GitOpsRepositoryOptions {
  /**
   * The branch to sync.
   *
   * @default "main"
   */
  readonly branch?: string;

  /**
   * The namespace Flux runs in, where its GitRepository and Kustomizations live.
   *
   * @default "flux-system"
   */
  readonly namespace?: string;

  /**
   * The Secret (in `namespace`) holding the credentials for the repository.
   *
   * @default none: a public repository
   */
  readonly secretName?: string;

  /**
   * How often Flux fetches the repository, and how often it re-applies each environment, as Go durations.
   *
   * @default { source: "1m", apply: "10m" }
   */
  readonly interval?: FluxIntervals;
}

/** How often Flux fetches the repository and re-applies each environment. */
export interface FluxIntervals {
  /**
   * How often Flux fetches the repository (the `GitRepository`'s `spec.interval`), as a Go duration.
   *
   * @default "1m"
   */
  readonly source?: string;

  /**
   * How often Flux re-applies each environment (each `Kustomization`'s `spec.interval`), as a Go duration.
   *
   * @default "10m"
   */
  readonly apply?: string;
}

/** One environment as a GitOps controller sees it. @internal */
export interface GitOpsEnvironment {
  /** The environment's name; "" for an app without environments. */
  readonly name: string;
}

const IN_CLUSTER = 'https://kubernetes.default.svc';
const GITOPS = Symbol.for('cdk8s-platform.GitOps');
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

type Spec =
  | { readonly kind: 'argocd'; readonly options: ArgoCdOptions }
  | { readonly kind: 'flux'; readonly options: FluxOptions };

/**
 * The objects a GitOps controller needs to deploy each environment's output folder from Git, with sync options
 * that suit generated output: prune on (objects removed from the output are deleted), drift corrected.
 *
 * Pass them as `PlatformApp`'s `gitOps`; they are written to `<outdir>/_gitops/` with a `kustomization.yaml`, to
 * apply once to the cluster running the controller (`kubectl apply -k dist/_gitops`).
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/
 * @example
 * new PlatformApp({ gitOps: [GitOps.argoCd({ repoURL: 'https://github.com/acme/shop-deploy.git', targetRevision: 'main' })] });
 */
export class GitOps {
  /** Whether `x` is a `GitOps`, also across copies of this package. */
  public static isGitOps(x: unknown): x is GitOps {
    return x !== null && typeof x === 'object' && GITOPS in x;
  }

  /**
   * Argo CD: one `Application` (argoproj.io/v1alpha1) per environment, syncing `<path>/<env>` automatically with
   * prune and self-heal, `PruneLast=true`, `ApplyOutOfSyncOnly=true` and `CreateNamespace=false` (the output has its
   * Namespaces); or one `ApplicationSet` that generates them.
   */
  public static argoCd(options: ArgoCdOptions): GitOps {
    return new GitOps({ kind: 'argocd', options });
  }

  /**
   * Flux: one `GitRepository` (source.toolkit.fluxcd.io/v1) and, per environment, one `Kustomization`
   * (kustomize.toolkit.fluxcd.io/v1) applying `./<path>/<env>` with `prune: true` and `wait: true`.
   */
  public static flux(options: FluxOptions): GitOps {
    return new GitOps({ kind: 'flux', options });
  }

  private constructor(private readonly spec: Spec) {
    Object.defineProperty(this, GITOPS, { value: true });
  }

  /** Checks the options; `prop` names this value among the app's props. @internal */
  public _check(check: PropChecker, prop: string): void {
    const o = this.spec.options as ArgoCdOptions & FluxOptions;
    if (o === null || typeof o !== 'object') {
      check.fail(prop, o, 'an options object with at least repoURL');
      return;
    }
    const scpLike = this.spec.kind === 'argocd';
    if (!isRepoUrl(o.repoURL, scpLike)) {
      check.fail(`${prop}.repoURL`, o.repoURL, scpLike
        ? 'a Git URL: https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git'
        : 'a Git URL Flux can fetch: https://host/org/repo.git or ssh://git@host/org/repo.git');
    }
    if (o.path !== undefined && (typeof o.path !== 'string' || normalizePath(o.path) === undefined)) {
      check.fail(`${prop}.path`, o.path, 'a relative folder path in the repository, without ".." (e.g. "dist" or "deploy/dist")');
    }
    if (o.name !== undefined) check.name(`${prop}.name`, o.name, 'dns1123-label');
    else if (isRepoUrl(o.repoURL, scpLike) && isDns1123Label(repoName(o.repoURL)).length > 0) {
      check.fail(`${prop}.name`, undefined, `a DNS-1123 label: the repository's name "${repoName(o.repoURL)}" is not one, so name is needed`);
    }
    if (o.namespace !== undefined) check.name(`${prop}.namespace`, o.namespace, 'dns1123-label');
    if (this.spec.kind === 'argocd') {
      if (o.targetRevision !== undefined) check.string(`${prop}.targetRevision`, o.targetRevision, 'a branch, tag or commit');
      if (o.project !== undefined) check.name(`${prop}.project`, o.project, 'dns1123-subdomain');
      if (o.applicationSet !== undefined) check.boolean(`${prop}.applicationSet`, o.applicationSet);
      if (o.clusters !== undefined) {
        if (o.clusters === null || typeof o.clusters !== 'object') check.fail(`${prop}.clusters`, o.clusters, 'an object mapping environment names to cluster API server URLs');
        else for (const [env, url] of Object.entries(o.clusters)) {
          if (!isHttpsUrl(url)) check.fail(`${prop}.clusters.${env}`, url, 'the https:// URL of a cluster API server known to Argo CD');
        }
      }
    } else {
      if (o.branch !== undefined) check.string(`${prop}.branch`, o.branch, 'a branch name');
      if (o.secretName !== undefined) check.name(`${prop}.secretName`, o.secretName, 'dns1123-subdomain');
      for (const k of ['source', 'apply'] as const) {
        const v = o.interval?.[k];
        if (v !== undefined && (typeof v !== 'string' || !GO_DURATION.test(v))) check.fail(`${prop}.interval.${k}`, v, 'a Go duration such as "1m" or "10m"');
      }
    }
  }

  /** Problems only visible once the environments are known. @internal */
  public _validate(environments: readonly GitOpsEnvironment[]): string[] {
    if (this.spec.kind !== 'argocd' || !this.spec.options.clusters) return [];
    const names = environments.map((e) => e.name);
    return Object.keys(this.spec.options.clusters).filter((env) => !names.includes(env))
      .map((env) => `GitOps.argoCd(): clusters names environment "${env}", which the app does not define (it has: ${names.filter((n) => n).join(', ') || 'no environments'})`);
  }

  /** The controller's objects for `environments`. @internal */
  public _render(environments: readonly GitOpsEnvironment[]): ManifestObject[] {
    return this.spec.kind === 'argocd' ? renderArgoCd(this.spec.options, environments) : renderFlux(this.spec.options, environments);
  }
}

function isRepoUrl(url: unknown, scpLike: boolean): url is string {
  if (typeof url !== 'string') return false;
  if (scpLike && /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._~/-]+$/.test(url)) return true;
  try {
    const u = new URL(url);
    return ['https:', 'http:', 'ssh:'].includes(u.protocol) && u.hostname !== '' && u.pathname.length > 1;
  } catch {
    return false;
  }
}

function isHttpsUrl(url: unknown): boolean {
  try {
    return typeof url === 'string' && new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The last path segment of a repository URL, without `.git`, in lower case. */
function repoName(url: string): string {
  return url.replace(/\/+$/, '').split(/[/:]/).pop()!.replace(/\.git$/, '').toLowerCase();
}

function normalizePath(p: string): string | undefined {
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (p.startsWith('/') || parts.includes('..')) return undefined;
  return parts.join('/');
}

function pathOf(o: GitOpsRepositoryOptions, env: string): string {
  const base = normalizePath(o.path ?? 'dist') ?? '';
  return [base, env].filter((s) => s !== '').join('/') || '.';
}

/**
 * The `cdk8s-platform.io/environment` label of a GitOps object that serves every environment (a Flux
 * `GitRepository`, an Argo CD `ApplicationSet`): a label value no environment can have (environment names are
 * DNS-1123 labels, without "_"), so a selector on one environment never takes it for that environment's.
 */
export const ALL_ENVIRONMENTS = 'all_environments';

/**
 * The labels of a GitOps object named after `name`, for the environment `env` (`ALL_ENVIRONMENTS` for one that
 * serves them all; "" in an app without environments, where no object carries the environment label): the labels
 * the README's prune command selects on, `app.kubernetes.io/part-of` and `instance` being `name`.
 */
function labels(name: string, env: string): Record<string, string> {
  const all: Record<string, string> = {
    [RecommendedLabels.NAME]: name,
    [RecommendedLabels.INSTANCE]: name,
    [RecommendedLabels.PART_OF]: name,
    [RecommendedLabels.COMPONENT]: 'gitops',
    [RecommendedLabels.MANAGED_BY]: MANAGED_BY,
    ...(env ? { [PlatformLabels.ENVIRONMENT]: env } : {}),
  };
  return Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]]));
}

/** The environment label value of an object that serves every one of `environments`. */
function allOf(environments: readonly GitOpsEnvironment[]): string {
  return environments.some((e) => e.name !== '') ? ALL_ENVIRONMENTS : '';
}

const ARGO_SYNC_POLICY = {
  automated: { prune: true, selfHeal: true },
  syncOptions: ['CreateNamespace=false', 'PruneLast=true', 'ApplyOutOfSyncOnly=true'],
};

function renderArgoCd(o: ArgoCdOptions, environments: readonly GitOpsEnvironment[]): ManifestObject[] {
  const name = o.name ?? repoName(o.repoURL);
  const namespace = o.namespace ?? 'argocd';
  const source = { repoURL: o.repoURL, targetRevision: o.targetRevision ?? 'HEAD' };
  const server = (env: string): string => o.clusters?.[env] ?? IN_CLUSTER;
  const appName = (env: string): string => (env ? `${name}-${env}` : name);
  if (o.applicationSet) {
    return [{
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name, namespace, labels: labels(name, allOf(environments)) },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          list: { elements: environments.map((e) => ({ name: appName(e.name), environment: e.name, path: pathOf(o, e.name), server: server(e.name) })) },
        }],
        template: {
          metadata: { name: '{{.name}}', labels: { ...labels(name, ''), [PlatformLabels.ENVIRONMENT]: '{{.environment}}' } },
          spec: {
            project: o.project ?? 'default',
            source: { ...source, path: '{{.path}}' },
            destination: { server: '{{.server}}' },
            syncPolicy: ARGO_SYNC_POLICY,
          },
        },
      },
    }];
  }
  return environments.map((e) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: appName(e.name), namespace, labels: labels(name, e.name) },
    spec: {
      project: o.project ?? 'default',
      source: { ...source, path: pathOf(o, e.name) },
      destination: { server: server(e.name) },
      syncPolicy: ARGO_SYNC_POLICY,
    },
  }));
}

function renderFlux(o: FluxOptions, environments: readonly GitOpsEnvironment[]): ManifestObject[] {
  const name = o.name ?? repoName(o.repoURL);
  const namespace = o.namespace ?? 'flux-system';
  const repository: ManifestObject = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace, labels: labels(name, allOf(environments)) },
    spec: {
      interval: o.interval?.source ?? '1m',
      url: o.repoURL,
      ref: { branch: o.branch ?? 'main' },
      ...(o.secretName ? { secretRef: { name: o.secretName } } : {}),
    },
  };
  return [repository, ...environments.map((e): ManifestObject => ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: e.name ? `${name}-${e.name}` : name, namespace, labels: labels(name, e.name) },
    spec: {
      interval: o.interval?.apply ?? '10m',
      sourceRef: { kind: 'GitRepository', name },
      path: pathOf(o, e.name) === '.' ? './' : `./${pathOf(o, e.name)}`,
      prune: true,
      wait: true,
      timeout: '5m',
    },
  }))];
}
