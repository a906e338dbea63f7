import { Construct } from 'constructs';
import { brand, hasBrand } from '../core/_brand';
import { isPlainRecord, PropChecker } from '../core/_props';
import { AutoscalingOptions, checkAutoscaling, HorizontalPodAutoscaler, IScalable, ScaleTargetRef } from '../scaling/horizontal-pod-autoscaler';
import { checkBudget, DisruptionBudgetOptions, PodDisruptionBudget } from '../scheduling/pod-disruption-budget';
import { TopologySpread } from '../scheduling/topology-spread';
import { Workload } from './workload';
import { ReplicatedWorkloadProps } from './workload-props';

const PDB_ID = 'DisruptionBudget';

/**
 * A long-running workload that runs a number of identical pods (`WebService`, `Worker`, `StatefulService`): it
 * owns the replica count or an autoscaler, the disruption budget and the topology spread of its pods.
 *
 * Defaults: pods spread across nodes (preferred), a PodDisruptionBudget of `maxUnavailable: 1` when two or more
 * pods run, 10 revisions kept for rollback.
 */
export abstract class ReplicatedWorkload extends Workload implements IScalable {
  /** Whether `x` is a replicated workload, also across copies of this package. */
  public static isReplicatedWorkload(x: unknown): x is ReplicatedWorkload {
    return hasBrand(x, 'ReplicatedWorkload');
  }

  /** The fixed replica count (not rendered when an autoscaler owns the count). */
  public readonly replicas: number;
  /** The API version, kind and name of the workload object, as an autoscaler refers to it. */
  public abstract readonly scaleTargetRef: ScaleTargetRef;

  /** @internal */
  protected readonly _spread: TopologySpread[];
  /** @internal */
  protected readonly _revisionHistoryLimit: number;
  /** @internal */
  protected readonly _minReadySeconds?: number;
  private readonly budgetOptions: DisruptionBudgetOptions;
  private readonly autoscalingProp?: AutoscalingOptions;
  private _autoscaler?: HorizontalPodAutoscaler;
  private _budget?: PodDisruptionBudget;

  protected constructor(scope: Construct, id: string, constructType: string, props: ReplicatedWorkloadProps,
    options: { defaultComponent: string; defaultReplicas: number; spreadMatchLabelKeys: readonly string[] }) {
    super(scope, id, constructType, props, { defaultComponent: options.defaultComponent, selectorLabels: props.selectorLabels });
    const check = this._check;
    const d = this._defaults;
    this.replicas = props.replicas ?? options.defaultReplicas;
    check.integer('replicas', this.replicas, 0);

    const spread = props.spread ?? d.spread ?? [TopologySpread.acrossNodes()];
    this._spread = [];
    if (!Array.isArray(spread)) {
      check.fail('spread', spread, 'an array of TopologySpread.acrossNodes(), TopologySpread.acrossZones() or TopologySpread.across(key)');
    } else {
      spread.forEach((s, i) => {
        if (!TopologySpread.isTopologySpread(s)) check.fail(`spread[${i}]`, s, 'TopologySpread.acrossNodes(), TopologySpread.acrossZones() or TopologySpread.across(key)');
        else {
          s._check(check, `spread[${i}]`, Object.keys(this.selectorLabels));
          // A spread without matchLabelKeys of its own takes the revision label of the workload's kind: a Deployment's
          // pod-template-hash; none for a StatefulSet, which replaces its pods one at a time without surge.
          this._spread.push(s._withDefaultMatchLabelKeys(options.spreadMatchLabelKeys));
        }
      });
    }
    this._revisionHistoryLimit = props.revisionHistoryLimit ?? d.revisionHistoryLimit ?? 10;
    check.integer('revisionHistoryLimit', this._revisionHistoryLimit, 0);
    this._minReadySeconds = props.minReadySeconds;
    if (props.minReadySeconds !== undefined) check.integer('minReadySeconds', props.minReadySeconds, 0);

    this.budgetOptions = { ...d.disruptionBudget, ...props.disruptionBudget };
    if (props.disruptionBudget !== undefined && !isPlainRecord(props.disruptionBudget)) {
      check.fail('disruptionBudget', props.disruptionBudget, 'an object { enabled?, maxUnavailable?, minAvailable?, unhealthyPodEvictionPolicy? }');
    } else {
      check.knownKeys('disruptionBudget', props.disruptionBudget, 'DisruptionBudgetOptions');
      checkBudget(check, 'disruptionBudget.', this.budgetOptions);
      if (this.budgetOptions.enabled !== undefined) check.boolean('disruptionBudget.enabled', this.budgetOptions.enabled);
    }
    if (props.autoscaling !== undefined) {
      check.knownKeys('autoscaling', props.autoscaling, 'AutoscalingOptions');
      checkAutoscaling(check, 'autoscaling.', props.autoscaling);
      this.autoscalingProp = props.autoscaling;
    }
  }

  /** The autoscaler that owns the replica count, if any. */
  public get autoscaler(): HorizontalPodAutoscaler | undefined {
    return this._autoscaler;
  }

  /** The PodDisruptionBudget of the pods, if any. */
  public get disruptionBudget(): PodDisruptionBudget | undefined {
    return this._budget;
  }

  /** The fewest pods that run: the autoscaler's minimum, else the replica count. */
  public get minReplicas(): number {
    return this._autoscaler?.minReplicas ?? this.replicas;
  }

  /** The most pods that run outside rollouts: the autoscaler's maximum, else the replica count. */
  public get maxReplicas(): number {
    return this._autoscaler?.maxReplicas ?? this.replicas;
  }

  /** @internal */
  protected _podCounts(): { minPods: number; maxPods: number; surgePods: number } {
    return { minPods: this.minReplicas, maxPods: this.maxReplicas, surgePods: this._surgePods(this.maxReplicas) };
  }

  /** How many extra pods a rollout may start on top of `replicas`. @internal */
  public abstract _surgePods(replicas: number): number;

  /**
   * Scales the workload on metrics with a HorizontalPodAutoscaler (construct id `Autoscaler`, named like the
   * workload); `replicas` is then left out of the workload object. A disruption budget is added when the minimum
   * is two or more (unless switched off).
   *
   * @throws PropError if the options are invalid or the workload is already autoscaled
   */
  public autoscale(options: AutoscalingOptions): HorizontalPodAutoscaler {
    if (this._autoscaler) {
      const check = new PropChecker(this, 'autoscale()');
      check.fail('autoscale()', 'a second call', 'one autoscaler per workload');
      check.throwIfInvalid();
    }
    return new HorizontalPodAutoscaler(this, 'Autoscaler', { ...options, name: this.name, target: this, metadata: this._childMetadata(this._labels()) });
  }

  /**
   * Lets `autoscaler` own the replica count (what `IScalable` asks): `replicas` is then left out of the workload
   * object, and the disruption budget follows the autoscaler's minimum. Called by the autoscaler itself.
   *
   * @throws PropError if another autoscaler already scales the workload
   */
  public adoptAutoscaler(autoscaler: HorizontalPodAutoscaler): void {
    if (this._autoscaler) {
      const check = new PropChecker(autoscaler, 'HorizontalPodAutoscaler');
      check.fail('target', this.node.path, `a workload no other autoscaler scales (${this._autoscaler.node.path} does)`);
      check.throwIfInvalid();
    }
    this._autoscaler = autoscaler;
    this.updateBudget();
  }

  /**
   * Creates what follows the workload object: the autoscaler from the `autoscaling` prop and the default
   * disruption budget.
   *
   * @internal
   */
  protected _finishReplicated(): void {
    if (this.autoscalingProp) this.autoscale(this.autoscalingProp);
    else this.updateBudget();
  }

  private updateBudget(): void {
    const o = this.budgetOptions;
    const wanted = o.enabled ?? this.minReplicas >= 2;
    if (wanted && !this._budget) {
      this._budget = new PodDisruptionBudget(this, PDB_ID, {
        name: this.name,
        selector: this,
        metadata: this._childMetadata(this._labels()),
        maxUnavailable: o.maxUnavailable,
        minAvailable: o.minAvailable,
        unhealthyPodEvictionPolicy: o.unhealthyPodEvictionPolicy,
      });
    } else if (!wanted && this._budget) {
      this.node.tryRemoveChild(PDB_ID);
      this._budget = undefined;
    }
  }
}

brand(ReplicatedWorkload, 'ReplicatedWorkload');
