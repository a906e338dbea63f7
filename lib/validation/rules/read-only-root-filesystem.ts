import { containersWithContext } from '../_pss';
import { podRule } from '../rule';
import { received } from '../_util';

/**
 * Every container runs with `readOnlyRootFilesystem: true`, so that an intruder cannot change its binaries; writable
 * paths are emptyDir mounts.
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 * @see https://docs.kubelinter.io/#/generated/checks?id=no-read-only-root-fs
 * @see https://polaris.docs.fairwinds.com/checks/security/ (notReadOnlyRootFilesystem)
 */
export const readOnlyRootFilesystem = podRule({
  id: 'read-only-root-filesystem',
  description: 'Containers have a read-only root filesystem.',
  remediation: 'Set `securityContext.readOnlyRootFilesystem: true` on the container and mount an emptyDir where it writes (the container\'s `security.readOnlyRootFilesystem`, with `writableTmp` for /tmp).',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    for (const c of containersWithContext(pod)) {
      if (c.type === 'ephemeralContainers') continue;
      if (c.sc.readOnlyRootFilesystem !== true) {
        ctx.report(`${c.path}.securityContext.readOnlyRootFilesystem`, received(c.sc.readOnlyRootFilesystem, 'true (mount an emptyDir where the container writes)'));
      }
    }
  },
});
