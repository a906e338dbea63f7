import { formatValue } from '../../core/errors';
import { envVarNameAllowed, isConfigMapKey, isEnvVarNameFor } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { podRule } from '../rule';
import { checkSyntax } from '../_checks';
import { containersOf } from '../_pod';
import { arrayOf, isObject, received } from '../_util';

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'];

/**
 * Environment variables: valid names, `value` or `valueFrom` but not both, exactly one source in `valueFrom`, named
 * ConfigMaps/Secrets and valid keys in key references; `envFrom` entries with exactly one of `configMapRef`/`secretRef`
 * and a valid `prefix`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateEnv, validateEnvVarValueFrom, ValidateEnvFrom)
 */
export const envVars = podRule({
  id: 'env-vars',
  description: 'Environment variables have valid names and exactly one value source.',
  remediation: 'Give each environment variable a valid name and exactly one of `value` or `valueFrom` (the container\'s `env` prop).',
  layer: 'api',
  severity: 'error',
  checkPod(pod, ctx) {
    const isEnvVarName = isEnvVarNameFor(ctx.kubernetesVersion);
    const envName = envVarNameAllowed(ctx.kubernetesVersion);
    for (const { container, path } of containersOf(pod)) {
      arrayOf(container.env).forEach((env, i) => {
        if (!isObject(env)) return;
        const at = `${path}.env[${i}]`;
        checkSyntax(ctx, `${at}.name`, env.name, isEnvVarName, envName);
        if (env.valueFrom === undefined || env.valueFrom === null) return;
        if (typeof env.value === 'string' && env.value !== '') {
          ctx.report(`${at}.valueFrom`, received(env.valueFrom, `either "value" or "valueFrom", not both (value is ${formatValue(env.value)})`));
        }
        if (!isObject(env.valueFrom)) return;
        const given = SOURCES.filter((s) => env.valueFrom[s] !== undefined && env.valueFrom[s] !== null);
        if (given.length !== 1) {
          ctx.report(`${at}.valueFrom`, received(given.length === 0 ? 'no source' : given, `exactly one of ${SOURCES.join(', ')}`));
        }
        for (const ref of ['configMapKeyRef', 'secretKeyRef']) {
          const r = env.valueFrom[ref];
          if (!isObject(r)) continue;
          if (r.name === undefined || r.name === '') ctx.report(`${at}.valueFrom.${ref}.name`, received(r.name, `the name of the ${ref === 'configMapKeyRef' ? 'ConfigMap' : 'Secret'}`));
          checkSyntax(ctx, `${at}.valueFrom.${ref}.key`, r.key, isConfigMapKey, ALLOWED.configKey);
        }
      });
      arrayOf(container.envFrom).forEach((src, i) => {
        if (!isObject(src)) return;
        const at = `${path}.envFrom[${i}]`;
        const given = ['configMapRef', 'secretRef'].filter((s) => src[s] !== undefined && src[s] !== null);
        if (given.length !== 1) ctx.report(at, received(given.length === 0 ? 'no source' : given, 'exactly one of configMapRef, secretRef'));
        if (typeof src.prefix === 'string' && src.prefix !== '') checkSyntax(ctx, `${at}.prefix`, src.prefix, isEnvVarName, envName);
      });
    }
  },
});
