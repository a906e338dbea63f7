import { isPinned, parseImage } from '../../core/_image-reference';
import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { received } from '../_util';

/**
 * Every container image is pinned: a tag other than `latest`, or a digest. An unpinned image changes under the same
 * name, so two nodes (or two rollouts) can run different code.
 *
 * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
 * @see https://docs.kubelinter.io/#/generated/checks?id=latest-tag
 * @see https://polaris.docs.fairwinds.com/checks/reliability/ (tagNotSpecified)
 */
export const imagePinned = podRule({
  id: 'image-pinned',
  description: 'Images have a tag other than latest, or a digest.',
  remediation: 'Pin the image to a version tag other than latest, or to a digest (`image: repo/name:1.2.3` or `repo/name@sha256:...`).',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    for (const { container, path } of containersOf(pod)) {
      if (typeof container.image !== 'string' || container.image === '') continue;
      const ref = parseImage(container.image);
      if (ref && !isPinned(ref)) {
        const why = ref.tag === 'latest' ? 'the tag "latest"' : 'no tag';
        ctx.report(`${path}.image`, received(container.image, `an image with a version tag or a digest (this one has ${why}), e.g. "${ref.name}:1.4.2"`));
      }
    }
  },
});
