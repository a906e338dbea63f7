import { NAME_RULES } from '../../core/_props';
import { podRule } from '../rule';
import { checkSyntax } from '../_checks';
import { containersOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

/**
 * Pod volumes have unique DNS-1123 label names and exactly one source; every volume mount names a volume of the pod
 * (or, in a StatefulSet, a volume claim template),
 * at a mount path no other mount of the container uses, with a relative `subPath` that does not contain `..`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateVolumes: "may not specify more than 1 volume type"; ValidateVolumeMounts: "not found", "must be unique"; validateLocalDescendingPath)
 */
export const podVolumes = podRule({
  id: 'pod-volumes',
  description: 'Volumes have unique names and one source; mounts name a volume of the pod at a unique path.',
  remediation: 'Give each volume a unique name and exactly one source, and mount only volumes of the pod, each at its own path (the container\'s `mounts` prop or `addMount()`).',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx, o) {
    const names = new Set<string>();
    // A StatefulSet's claim templates are volumes of its pods too.
    const claims = o.kind === 'StatefulSet' && isObject(o.spec) ? arrayOf(o.spec.volumeClaimTemplates) : [];
    for (const t of claims) if (isObject(t) && isObject(t.metadata) && typeof t.metadata.name === 'string') names.add(t.metadata.name);
    arrayOf(pod.spec.volumes).forEach((v, i) => {
      if (!isObject(v)) return;
      const at = `${pod.specPath}.volumes[${i}]`;
      if (typeof v.name === 'string') {
        checkSyntax(ctx, `${at}.name`, v.name, NAME_RULES['dns1123-label'].check, NAME_RULES['dns1123-label'].allowed);
        if (names.has(v.name)) ctx.report(`${at}.name`, received(v.name, 'a volume name no other volume of the pod has'));
        names.add(v.name);
      }
      const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== null && v[k] !== undefined);
      if (sources.length !== 1) ctx.report(at, received(sources.length === 0 ? 'no volume source' : sources, 'exactly one volume source (emptyDir, configMap, secret, persistentVolumeClaim, ...)'));
    });
    for (const { container, path } of containersOf(pod)) {
      const paths = new Set<string>();
      arrayOf(container.volumeMounts).forEach((m, i) => {
        if (!isObject(m)) return;
        const at = `${path}.volumeMounts[${i}]`;
        if (typeof m.name === 'string' && !names.has(m.name)) {
          ctx.report(`${at}.name`, received(m.name, `the name of a volume of the pod (${[...names].join(', ') || 'it has none'})`));
        }
        if (typeof m.mountPath === 'string') {
          if (paths.has(m.mountPath)) ctx.report(`${at}.mountPath`, received(m.mountPath, 'a mount path no other mount of the container uses'));
          paths.add(m.mountPath);
        }
        for (const key of ['subPath', 'subPathExpr']) {
          const sub = m[key];
          if (typeof sub !== 'string' || sub === '') continue;
          if (sub.startsWith('/') || sub.split('/').includes('..')) ctx.report(`${at}.${key}`, received(sub, 'a relative path that does not contain ".."'));
        }
      });
    }
  },
});
