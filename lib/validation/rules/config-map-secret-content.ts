import { Rule } from '../rule';
import { entriesOf, received } from '../_util';

const SECRET_KEY_RE = /passw(or)?d|secret|token|api_?key|private_?key|credential/i;

/**
 * ConfigMap keys that name a secret (`password`, `token`, `api_key`, ...) hold it in a Secret instead: a ConfigMap
 * is readable by anyone who can read the namespace's configuration, and is shown in plain text by tools.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/ ("ConfigMap does not provide secrecy or encryption")
 * @see https://polaris.docs.fairwinds.com/checks/security/ (sensitiveConfigmapContent)
 */
export const configMapSecretContent: Rule = {
  id: 'config-map-secret-content',
  description: 'ConfigMap keys do not name secrets (passwords, tokens, keys).',
  remediation: 'Move the value to a Secret (a Secret, SealedSecret or ExternalSecret construct) and read it with a secretKeyRef instead of a ConfigMap key.',
  layer: 'policy',
  severity: 'warning',
  kinds: ['ConfigMap'],
  check(o, ctx) {
    for (const [key] of entriesOf(o.data)) {
      if (SECRET_KEY_RE.test(key)) ctx.report('data', received(key, 'a key that does not hold a secret (put secrets in a Secret, an ExternalSecret or a SealedSecret)'));
    }
  },
};
