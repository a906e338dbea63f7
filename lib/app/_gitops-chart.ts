import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ManifestObject } from '../core/manifest-object';
import { GitOps, GITOPS_FOLDER, GitOpsEnvironment } from '../output/gitops';
import { markSeparateOutput } from './_synth-walk';

const GITOPS_CHART = Symbol.for('cdk8s-platform.GitOpsChart');

/**
 * The GitOps controllers' objects (`PlatformApp`'s `gitOps` prop) as API objects of a chart of their own under the
 * app, with the id `_gitops` (the folder they are written to): rendered and validated by the synth walk as every
 * other object is, and written apart from the environments (the walk of the app does not enter it).
 */
export class GitOpsChart extends Chart {
  /** Whether `x` is a `GitOpsChart` (by its brand). */
  public static isGitOpsChart(x: unknown): x is GitOpsChart {
    return x !== null && typeof x === 'object' && GITOPS_CHART in x;
  }

  /** The chart of `app`, made on first use. */
  public static of(app: IConstruct): GitOpsChart {
    const existing = app.node.tryFindChild(GITOPS_FOLDER);
    return GitOpsChart.isGitOpsChart(existing) ? existing : new GitOpsChart(app);
  }

  private constructor(app: IConstruct) {
    super(app, GITOPS_FOLDER);
    Object.defineProperty(this, GITOPS_CHART, { value: true });
    markSeparateOutput(this);
  }

  /**
   * Makes the API objects of `gitOps` for `environments`, in place of those of an earlier synth (environments may
   * have been added since).
   */
  public build(gitOps: readonly GitOps[], environments: readonly GitOpsEnvironment[]): void {
    for (const child of [...this.node.children]) this.node.tryRemoveChild(child.node.id);
    for (const object of gitOps.flatMap((g) => g._render(environments))) {
      new GitOpsObject(this, `${object.kind}-${object.metadata.name}`, object);
    }
  }
}

/**
 * One GitOps object: its JSON is the object as the GitOps rendering gives it, keys in that order (the order its file
 * has always had), where `ApiObject.toJson()` would sort them.
 */
class GitOpsObject extends ApiObject {
  constructor(scope: Chart, id: string, private readonly given: ManifestObject) {
    super(scope, id, given);
  }

  public toJson(): ManifestObject {
    // A copy (the walk adds annotations to what it renders), plain JSON data as the rendering gives.
    return JSON.parse(JSON.stringify(this.given)) as ManifestObject;
  }
}
