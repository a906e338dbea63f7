import { Rule, RuleContext } from '../rule';
import { quantityValue } from '../_checks';
import { arrayOf, isObject, received } from '../_util';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

/**
 * A PersistentVolumeClaim (or StatefulSet volume claim template) requests a positive amount of `storage` and at least
 * one known access mode (a claim of a `dataSource` volume may omit nothing of this either).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidatePersistentVolumeClaimSpec: "at least 1 access mode is required", resources[storage] Required, "must be greater than zero")
 */
export const pvcStorage: Rule = {
  id: 'pvc-storage',
  description: 'PersistentVolumeClaims request a positive storage amount and at least one access mode.',
  remediation: 'Request a positive `resources.requests.storage` and at least one access mode on the PersistentVolumeClaim (the claim\'s `size` and `accessMode` props).',
  layer: 'api',
  severity: 'error',
  kinds: ['PersistentVolumeClaim', 'StatefulSet'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    if (o.kind === 'PersistentVolumeClaim') {
      checkClaim(ctx, o.spec, 'spec');
    } else {
      arrayOf(o.spec.volumeClaimTemplates).forEach((t, i) => {
        if (isObject(t) && isObject(t.spec)) checkClaim(ctx, t.spec, `spec.volumeClaimTemplates[${i}].spec`);
      });
    }
  },
};

function checkClaim(ctx: RuleContext, spec: Record<string, any>, at: string): void {
  const modes = arrayOf(spec.accessModes);
  if (modes.length === 0) ctx.report(`${at}.accessModes`, received(spec.accessModes, `at least one of ${ACCESS_MODES.join(', ')}`));
  modes.forEach((m, i) => {
    if (typeof m === 'string' && !ACCESS_MODES.includes(m)) ctx.report(`${at}.accessModes[${i}]`, received(m, ACCESS_MODES.join(', ')));
  });
  const storage = isObject(spec.resources) && isObject(spec.resources.requests) ? spec.resources.requests.storage : undefined;
  if (storage === undefined || storage === null) {
    ctx.report(`${at}.resources.requests.storage`, received(storage, 'the amount of storage to request, e.g. "10Gi"'));
  } else {
    const q = quantityValue(storage);
    if (q !== undefined && q <= 0n) ctx.report(`${at}.resources.requests.storage`, received(storage, 'an amount greater than zero'));
  }
}
