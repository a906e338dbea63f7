import { isConfigMapKey } from '../../core/names';
import { ALLOWED, MAX_DATA_BYTES } from '../../core/_props';
import { Rule } from '../rule';
import { checkSyntax } from '../_checks';
import { entriesOf, isObject, received } from '../_util';

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Whether `value` is standard, padded base64 (Go's `base64.StdEncoding`, as the API server decodes `data`). @internal */
export function isBase64(value: string): boolean {
  return BASE64_RE.test(value.replace(/[\r\n]/g, ''));
}

/** The keys each Secret type requires. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/**
 * Secret keys (of `data` and `stringData`) are valid, `data` values are base64, the Secret holds at most 1 MiB, and
 * typed Secrets have the keys their type requires (`tls.crt` and `tls.key` for `kubernetes.io/tls`, ...; a
 * `kubernetes.io/basic-auth` Secret a `username` or `password`; a service account token its
 * `kubernetes.io/service-account.name` annotation).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateSecret)
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
 */
export const secretData: Rule = {
  id: 'secret-data',
  description: 'Secret keys are valid, data is base64, at most 1 MiB, with the keys its type requires.',
  remediation: 'Give each Secret key once, as a valid key, with base64 values in `data` (or plain text in `stringData`), under 1 MiB, and with the keys its type requires.',
  layer: 'api',
  severity: 'error',
  kinds: ['Secret'],
  check(o, ctx) {
    let total = 0;
    const keys = new Set<string>();
    for (const [key, value] of entriesOf(o.data)) {
      keys.add(key);
      checkSyntax(ctx, 'data', key, isConfigMapKey, ALLOWED.configKey);
      if (typeof value !== 'string') continue;
      if (!isBase64(value)) ctx.report(`data[${JSON.stringify(key)}]`, received('(hidden)', 'base64-encoded bytes; put plain text in stringData instead'));
      else total += Math.floor((value.replace(/[\r\n]/g, '').length * 3) / 4) - (value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0);
    }
    for (const [key, value] of entriesOf(o.stringData)) {
      keys.add(key);
      checkSyntax(ctx, 'stringData', key, isConfigMapKey, ALLOWED.configKey);
      if (typeof value === 'string') total += Buffer.byteLength(value);
    }
    if (total > MAX_DATA_BYTES) {
      ctx.report('data', `received ${total} bytes; allowed: at most ${MAX_DATA_BYTES} bytes (1 MiB) in one Secret`);
    }
    const type = typeof o.type === 'string' ? o.type : 'Opaque';
    for (const key of REQUIRED_KEYS[type] ?? []) {
      if (!keys.has(key)) ctx.report('data', received([...keys], `a ${type} Secret with the key "${key}"`));
    }
    if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password')) {
      ctx.report('data', received([...keys], 'a kubernetes.io/basic-auth Secret with a "username" or "password" key'));
    }
    const annotations = isObject(o.metadata) && isObject(o.metadata.annotations) ? o.metadata.annotations : {};
    if (type === 'kubernetes.io/service-account-token' && !annotations['kubernetes.io/service-account.name']) {
      ctx.report('metadata.annotations', received(undefined, 'a kubernetes.io/service-account-token Secret with the annotation "kubernetes.io/service-account.name"'));
    }
  },
};
