import { isConfigMapKey } from '../../core/names';
import { ALLOWED, MAX_DATA_BYTES } from '../../core/_props';
import { Rule } from '../rule';
import { checkSyntax } from '../_checks';
import { entriesOf, isObject, received } from '../_util';
import { isBase64 } from './secret-data';

/**
 * ConfigMap keys (of `data` and `binaryData`) are valid, not in both, `binaryData` values are base64, and the
 * ConfigMap holds at most 1 MiB.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateConfigMap: IsConfigMapKey, "duplicate of key", totalSize > MaxSecretSize)
 */
export const configMapData: Rule = {
  id: 'config-map-data',
  description: 'ConfigMap keys are valid and unique, and the data is at most 1 MiB.',
  remediation: 'Give each ConfigMap key once, as a valid key (letters, digits, \'-\', \'_\' or \'.\'), and keep the data under 1 MiB (split a large Config into several, or mount the files from an image or a volume).',
  layer: 'api',
  severity: 'error',
  kinds: ['ConfigMap'],
  check(o, ctx) {
    let total = 0;
    for (const [key, value] of entriesOf(o.data)) {
      checkSyntax(ctx, 'data', key, isConfigMapKey, ALLOWED.configKey);
      if (typeof value === 'string') total += Buffer.byteLength(value);
    }
    for (const [key, value] of entriesOf(o.binaryData)) {
      checkSyntax(ctx, 'binaryData', key, isConfigMapKey, ALLOWED.configKey);
      if (isObject(o.data) && key in o.data) ctx.report('binaryData', received(key, 'a key that is not also in data'));
      if (typeof value === 'string') {
        if (!isBase64(value)) ctx.report(`binaryData[${JSON.stringify(key)}]`, received(`${value.slice(0, 20)}...`, 'base64-encoded bytes'));
        else total += Math.floor((value.length * 3) / 4);
      }
    }
    if (total > MAX_DATA_BYTES) {
      ctx.report('data', `received ${total} bytes; allowed: at most ${MAX_DATA_BYTES} bytes (1 MiB) in one ConfigMap`);
    }
  },
};
