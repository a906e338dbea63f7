import { podRule } from '../rule';
import { containersOf } from '../_pod';
import { arrayOf, isObject } from '../_util';

const SECRET_NAME_RE = /secret|passw(or)?d|token|api_?key|private_?key|credential/i;

/**
 * Environment variables whose name says they hold a secret (`PASSWORD`, `TOKEN`, `API_KEY`, `SECRET`...) read it
 * from a Secret (`valueFrom.secretKeyRef`), not from a literal `value` in the manifest.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
 * @see https://docs.kubelinter.io/#/generated/checks?id=env-var-secret
 */
export const envVarSecret = podRule({
  id: 'env-var-secret',
  description: 'Secret-looking environment variables come from a Secret, not a literal value.',
  remediation: 'Read the value from a Secret with `valueFrom.secretKeyRef` (an `EnvValue` from a Secret in the container\'s `env` prop) instead of a literal value.',
  layer: 'policy',
  severity: 'warning',
  checkPod(pod, ctx) {
    for (const { container, path } of containersOf(pod)) {
      arrayOf(container.env).forEach((env, i) => {
        if (isObject(env) && typeof env.name === 'string' && SECRET_NAME_RE.test(env.name) && typeof env.value === 'string' && env.value !== '') {
          ctx.report(`${path}.env[${i}].value`, `received a literal value for ${env.name} (hidden); allowed: valueFrom.secretKeyRef, so the secret is not in the manifest`);
        }
      });
    }
  },
});
