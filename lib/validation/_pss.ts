import { podRule, Rule } from './rule';
import { ContainerRef, containersOf, PodTemplateRef } from './_pod';
import { isObject } from './_util';

/** What one Pod Security Standards control checks in one pod template. @internal */
export interface PssControl {
  /** The rule id: `pss-baseline-<control>` or `pss-restricted-<control>`. */
  readonly id: string;
  /** The control's name in the Pod Security Standards, e.g. "Host Namespaces". */
  readonly control: string;
  readonly level: 'baseline' | 'restricted';
  readonly description: string;
  /** Controls the standard does not apply to Windows pods (`spec.os.name: windows`). */
  readonly skipWindows?: boolean;
  check(pod: PodTemplateRef, report: (field: string, message: string) => void): void;
}

/**
 * A policy rule for one Pod Security Standards control, applied to every pod template.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * @see https://github.com/kubernetes/pod-security-admission/tree/release-1.27/policy
 * @internal
 */
export function pssRule(control: PssControl): Rule {
  return podRule({
    id: control.id,
    description: `Pod Security Standards (${control.level}, Kubernetes 1.27), ${control.control}: ${control.description}`,
    layer: 'policy',
    severity: 'warning',
    checkPod(pod, ctx) {
      if (control.skipWindows && isObject(pod.spec.os) && pod.spec.os.name === 'windows') return;
      control.check(pod, (field, message) => ctx.report(field, `${message} (Pod Security Standards, ${control.level}: ${control.control})`));
    },
  });
}

/** A container's security context, or an empty one. @internal */
export function securityContextOf(c: ContainerRef): Record<string, any> {
  return isObject(c.container.securityContext) ? c.container.securityContext : {};
}

/** The pod's security context, or an empty one. @internal */
export function podSecurityContextOf(pod: PodTemplateRef): Record<string, any> {
  return isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};
}

/** A container with its security context. @internal */
export type ContainerWithContext = ContainerRef & { readonly sc: Record<string, any> };

const withContexts = new WeakMap<object, ContainerWithContext[]>();
const allContexts = new WeakMap<object, Array<{ path: string; sc: Record<string, any> }>>();

/** Every container, with its security context (computed once per pod template). @internal */
export function containersWithContext(pod: PodTemplateRef): ContainerWithContext[] {
  let list = withContexts.get(pod.spec);
  if (!list) {
    list = containersOf(pod).map((c) => ({ container: c.container, path: c.path, type: c.type, sc: securityContextOf(c) }));
    withContexts.set(pod.spec, list);
  }
  return list;
}

/** The pod's security context and every container's, each with its field path. @internal */
export function allSecurityContexts(pod: PodTemplateRef): Array<{ path: string; sc: Record<string, any> }> {
  let list = allContexts.get(pod.spec);
  if (!list) {
    list = [{ path: `${pod.specPath}.securityContext`, sc: podSecurityContextOf(pod) },
      ...containersWithContext(pod).map((c) => ({ path: `${c.path}.securityContext`, sc: c.sc }))];
    allContexts.set(pod.spec, list);
  }
  return list;
}
