import { ManifestObject } from '../core/manifest-object';
import { selectorMatches, LabelSelector, labelsMatch } from '../core/selectors';
import { podTemplateOf } from './_pod';
import { groupOf, isObject, nameOf, namespaceOf } from './_util';

/**
 * An object declared to exist outside the validated output, so references to it are not reported as missing.
 */
export interface DeclaredExternal {
  /** The kind, e.g. `Secret`. */
  readonly kind: string;
  /** The name. */
  readonly name: string;
  /** The namespace. @default any namespace */
  readonly namespace?: string;
}

/** A pod template in the output, with its labels. */
export interface IndexedPods {
  /** The object that holds the pod template (a workload, or a Pod). */
  readonly object: ManifestObject;
  /** The pod template's labels. */
  readonly labels: Record<string, unknown>;
}

/**
 * Every validated object, indexed once so that cross-object rules take linear time: by identity, by kind and name,
 * and pod templates by label.
 *
 * Namespaces: objects without `metadata.namespace` (Helm output, left to `kubectl -n`) are all in the same
 * namespace, which is not any named one.
 */
export class ObjectIndex {
  private readonly identities = new Map<string, ManifestObject>();
  private readonly duplicates = new Map<ManifestObject, ManifestObject>();
  private readonly byName = new Map<string, ManifestObject[]>();
  private readonly podsByLabel = new Map<string, IndexedPods[]>();
  private readonly allPods: IndexedPods[] = [];
  private readonly externals = new Set<string>();
  private readonly pdbs: ManifestObject[] = [];
  private readonly autoscalers: ManifestObject[] = [];
  /** The fewest replicas of each autoscaled workload (`Kind|namespace|name`), made when first asked. */
  private minReplicasByTarget?: Map<string, number>;
  private budgeted?: Set<ManifestObject>;

  constructor(objects: readonly ManifestObject[], externals: readonly DeclaredExternal[] = []) {
    for (const o of objects) {
      const ns = namespaceOf(o);
      const name = nameOf(o);
      const identity = `${groupOf(o.apiVersion)}|${o.kind}|${ns}|${name}`;
      if (isObject(o.metadata) && typeof o.metadata.name === 'string') {
        const first = this.identities.get(identity);
        if (first === undefined) this.identities.set(identity, o);
        else this.duplicates.set(o, first);
      }
      push(this.byName, `${o.kind}|${name}`, o);
      const produced = producedSecretOf(o);
      if (produced) push(this.byName, `Secret|${produced}`, o);
      if (o.kind === 'PodDisruptionBudget') this.pdbs.push(o);
      if (o.kind === 'HorizontalPodAutoscaler') this.autoscalers.push(o);
      const pod = podTemplateOf(o);
      if (pod) {
        const labels = isObject(pod.metadata.labels) ? pod.metadata.labels : {};
        const entry = { object: o, labels };
        this.allPods.push(entry);
        for (const key in labels) push(this.podsByLabel, `${key}=${String(labels[key])}`, entry);
      }
    }
    for (const e of externals) this.externals.add(`${e.kind}|${e.namespace ?? '*'}|${e.name}`);
  }

  /** The first object with the same group, kind, namespace and name as `o`, if it is not `o` itself. */
  public earlierDuplicateOf(o: ManifestObject): ManifestObject | undefined {
    return this.duplicates.get(o);
  }

  /** The objects of `kind` named `name` in `namespace` (cluster-scoped ones, which have none, for ``). */
  public find(kind: string, namespace: string, name: string): ManifestObject[] {
    return (this.byName.get(`${kind}|${name}`) ?? []).filter((o) => sameNamespace(namespaceOf(o), namespace));
  }

  /** Whether an object of `kind` named `name` is declared external (for `namespace`, or for any namespace). */
  public isExternal(kind: string, namespace: string, name: string): boolean {
    return this.externals.has(`${kind}|*|${name}`) || this.externals.has(`${kind}|${namespace}|${name}`);
  }

  /**
   * The pod templates in `namespace` (in any namespace when `undefined`) whose labels have every `key: value` of
   * `selector` (a Service's selector).
   */
  public podsMatchingLabels(namespace: string | undefined, selector: Record<string, unknown>): IndexedPods[] {
    return this.candidates(selector).filter((p) => sameNamespace(namespaceOf(p.object), namespace) && labelsMatch(selector, p.labels));
  }

  /** The pod templates in `namespace` that a label selector (`matchLabels`, `matchExpressions`) selects. */
  public podsMatchingSelector(namespace: string, selector: LabelSelector): IndexedPods[] {
    return this.candidates(selector.matchLabels ?? {})
      .filter((p) => sameNamespace(namespaceOf(p.object), namespace) && selectorMatches(selector, p.labels));
  }

  /** Whether some PodDisruptionBudget selects the pods of `workload`. */
  public hasDisruptionBudget(workload: ManifestObject): boolean {
    if (!this.budgeted) {
      this.budgeted = new Set();
      for (const pdb of this.pdbs) {
        const selector = isObject(pdb.spec) && isObject(pdb.spec.selector) ? pdb.spec.selector : undefined;
        if (!selector) continue;
        for (const p of this.podsMatchingSelector(namespaceOf(pdb), selector)) this.budgeted.add(p.object);
      }
    }
    return this.budgeted.has(workload);
  }

  /**
   * The fewest replicas a HorizontalPodAutoscaler in the output scales `workload` to (its `minReplicas`, 1 when
   * unset), or undefined when none targets it: the autoscaler, not the workload's `spec.replicas`, sets its size.
   */
  public autoscaledMinReplicas(workload: ManifestObject): number | undefined {
    if (!this.minReplicasByTarget) {
      this.minReplicasByTarget = new Map();
      for (const hpa of this.autoscalers) {
        const spec = isObject(hpa.spec) ? hpa.spec : {};
        const ref = isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
        if (!ref) continue;
        const key = `${String(ref.kind)}|${namespaceOf(hpa)}|${String(ref.name)}`;
        const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
        this.minReplicasByTarget.set(key, Math.min(min, this.minReplicasByTarget.get(key) ?? min));
      }
    }
    return this.minReplicasByTarget.get(`${workload.kind}|${namespaceOf(workload)}|${nameOf(workload)}`);
  }

  private candidates(labels: Record<string, unknown>): IndexedPods[] {
    let best: IndexedPods[] | undefined;
    for (const key in labels) {
      const list = this.podsByLabel.get(`${key}=${String(labels[key])}`) ?? [];
      if (!best || list.length < best.length) best = list;
      if (best.length === 0) break;
    }
    return best ?? this.allPods;
  }
}

/**
 * The name of the Secret a well-known custom resource creates: an ExternalSecret's target, a SealedSecret, a
 * cert-manager Certificate's `secretName`. References to it are then satisfied.
 */
function producedSecretOf(o: ManifestObject): string | undefined {
  const group = groupOf(o.apiVersion);
  const spec = isObject(o.spec) ? o.spec : {};
  if (o.kind === 'ExternalSecret' && group === 'external-secrets.io') {
    return isObject(spec.target) && typeof spec.target.name === 'string' ? spec.target.name : nameOf(o);
  }
  if (o.kind === 'SealedSecret' && group === 'bitnami.com') return nameOf(o);
  if (o.kind === 'Certificate' && group === 'cert-manager.io' && typeof spec.secretName === 'string') return spec.secretName;
  return undefined;
}

function sameNamespace(a: string, b: string | undefined): boolean {
  return b === undefined || a === b;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
