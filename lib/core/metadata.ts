import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isPlainRecord, PropChecker } from './_props';

/**
 * Labels and annotations a construct adds to every object it creates (not to pod templates: workloads take
 * `podLabels` and `podAnnotations` for those).
 *
 * Every construct takes it as its `metadata` prop, beside the labels it sets itself (the recommended labels, the
 * environment's). A label set here overrides one the construct would set, except the labels a selector uses.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
 */
export interface ObjectMetadata {
  /**
   * Extra labels on every object the construct creates.
   *
   * @default none
   */
  readonly labels?: Record<string, string>;

  /**
   * Extra annotations on every object the construct creates.
   *
   * @default none
   */
  readonly annotations?: Record<string, string>;
}

/** The props every construct takes. */
export interface ConstructMetadataProps {
  /**
   * Labels and annotations on every object the construct creates.
   *
   * @default none besides the recommended labels the construct sets itself
   */
  readonly metadata?: ObjectMetadata;
}

/**
 * Checks a construct's `metadata` prop (a record of valid labels and annotations, nothing else), and refuses the
 * top-level `labels` and `annotations` props that earlier versions took, naming where they moved.
 *
 * @param reserved label keys that `metadata.labels` may not set, each with why (a label that a selector uses, or
 * that another prop sets)
 * @returns the metadata, with `{}` for an absent or invalid one
 * @internal
 */
export function checkMetadata(check: PropChecker, props: unknown, reserved: Readonly<Record<string, string>> = {}): ObjectMetadata {
  const p = isPlainRecord(props) ? props : {};
  for (const moved of ['labels', 'annotations']) {
    if (p[moved] !== undefined) check.fail(moved, p[moved], `nothing: it moved to metadata.${moved} (see CHANGELOG.md)`);
  }
  const m = p.metadata;
  if (m === undefined) return {};
  if (!isPlainRecord(m)) {
    check.fail('metadata', m, 'an object { labels?, annotations? }');
    return {};
  }
  check.knownKeys('metadata', m, 'ObjectMetadata');
  const labels = m.labels !== undefined && check.labels('metadata.labels', m.labels) ? m.labels : undefined;
  for (const key of Object.keys(labels ?? {})) {
    if (Object.prototype.hasOwnProperty.call(reserved, key)) check.fail(`metadata.labels.${key}`, labels![key], `no "${key}" label here: ${reserved[key]}`);
  }
  const annotations = m.annotations !== undefined && check.annotations('metadata.annotations', m.annotations) ? m.annotations : undefined;
  return { labels, annotations };
}

/**
 * Every API object at or below `scope`, its own default child first, then in construct-tree order: what a construct's
 * `apiObjects` returns, so objects added after construction (an autoscaler, a NetworkPolicy) are included.
 *
 * @internal
 */
export function apiObjectsOf(scope: IConstruct): ApiObject[] {
  const all = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const main = scope.node.defaultChild;
  return main !== undefined && ApiObject.isApiObject(main) ? [main, ...all.filter((o) => o !== main)] : all;
}
