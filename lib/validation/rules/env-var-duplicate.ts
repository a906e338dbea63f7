import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

/**
 * No environment variable is set twice in one container: only the last value counts, which is rarely what was
 * meant (the API server warns about it since Kubernetes 1.27).
 *
 * @see https://docs.kubelinter.io/#/generated/checks?id=duplicate-env-var
 */
export const envVarDuplicate = podRule({
  id: 'env-var-duplicate',
  description: 'No environment variable is set twice in one container.',
  remediation: 'Set the environment variable once per container: remove the duplicate from `env` (the container\'s `env` prop or `addEnv()`).',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    for (const { container, path } of containersOf(pod)) {
      const seen = new Set<string>();
      arrayOf(container.env).forEach((env, i) => {
        if (!isObject(env) || typeof env.name !== 'string') return;
        if (seen.has(env.name)) ctx.report(`${path}.env[${i}].name`, received(env.name, 'a name no earlier env var of the container has (only the last one counts)'));
        seen.add(env.name);
      });
    }
  },
});
