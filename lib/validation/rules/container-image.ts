import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { received } from '../_util';

/**
 * Every container has an image, without leading or trailing whitespace.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (validateContainers: "image" Required; validateContainersOnlyForPod: whitespace)
 */
export const containerImage = podRule({
  id: 'container-image',
  description: 'Every container has an image, without surrounding whitespace.',
  remediation: 'Set `image` on the container to a non-empty image reference without surrounding whitespace.',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx) {
    for (const { container, path } of containersOf(pod)) {
      const image = container.image;
      if (image === undefined || image === null || image === '') {
        ctx.report(`${path}.image`, received(image, 'an image reference, e.g. "ghcr.io/acme/api:1.4.2"'));
      } else if (typeof image === 'string' && image.trim() !== image) {
        ctx.report(`${path}.image`, received(image, 'an image reference without leading or trailing whitespace'));
      }
    }
  },
});
