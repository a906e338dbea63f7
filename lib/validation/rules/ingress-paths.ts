import { NAME_RULES } from '../../core/_props';
import { isDns1123Subdomain, isValidPortName } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { Rule, RuleContext } from '../rule';
import { checkSyntax } from '../_checks';
import { arrayOf, groupOf, isObject, received } from '../_util';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const BAD_PATH_RE = /\/\/|\/\.\.?(?:\/|$)/;

/**
 * Ingress rules are complete: a `defaultBackend` or rules; every path with a `pathType` (`Exact`, `Prefix` or
 * `ImplementationSpecific`) and an absolute path (without `//`, `/./` or `/../` for Exact and Prefix); every backend
 * with exactly one of `service` or `resource`, a service port with exactly one of `name` (an IANA name) or `number`
 * (1-65535); hosts that are DNS names, optionally with a leading `*.`, not IP addresses.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/networking/validation/validation.go (ValidateIngressSpec, validateHTTPIngressPath, validateIngressBackend)
 */
export const ingressPaths: Rule = {
  id: 'ingress-paths',
  description: 'Ingress paths have a pathType and an absolute path, and backends one valid service port.',
  remediation: 'Give each Ingress path an absolute path starting with \'/\', a pathType, and a backend service with one valid port (the Ingress `rules` prop: `path`, `pathType`, `backend`, `port`).',
  layer: 'api',
  severity: 'error',
  kinds: ['Ingress'],
  check(o, ctx) {
    if (groupOf(o.apiVersion) !== 'networking.k8s.io' || !isObject(o.spec)) return;
    const spec = o.spec;
    const rules = arrayOf(spec.rules);
    if (!isObject(spec.defaultBackend) && rules.length === 0) {
      ctx.report('spec', received(spec, 'a defaultBackend or at least one rule'));
    }
    if (isObject(spec.defaultBackend)) checkBackend(ctx, spec.defaultBackend, 'spec.defaultBackend');
    rules.forEach((rule, i) => {
      if (!isObject(rule)) return;
      const at = `spec.rules[${i}]`;
      if (typeof rule.host === 'string' && rule.host !== '') {
        if (/^[0-9.]+$/.test(rule.host) || rule.host.includes(':')) ctx.report(`${at}.host`, received(rule.host, 'a DNS name, not an IP address'));
        else checkSyntax(ctx, `${at}.host`, rule.host.replace(/^\*\./, ''), isDns1123Subdomain, `${NAME_RULES['dns1123-subdomain'].allowed}, optionally prefixed with "*."`);
      }
      arrayOf(isObject(rule.http) ? rule.http.paths : undefined).forEach((p, j) => {
        if (!isObject(p)) return;
        const pat = `${at}.http.paths[${j}]`;
        if (!PATH_TYPES.includes(p.pathType)) ctx.report(`${pat}.pathType`, received(p.pathType, PATH_TYPES.map((t) => `"${t}"`).join(', ')));
        if (p.path !== undefined && typeof p.path === 'string') {
          if (!p.path.startsWith('/')) ctx.report(`${pat}.path`, received(p.path, 'an absolute path, starting with "/"'));
          else if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && BAD_PATH_RE.test(p.path)) {
            ctx.report(`${pat}.path`, received(p.path, `a ${p.pathType} path without "//", "/./" or "/../"`));
          }
        } else if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
          ctx.report(`${pat}.path`, received(p.path, `a path for pathType ${p.pathType}`));
        }
        if (isObject(p.backend)) checkBackend(ctx, p.backend, `${pat}.backend`);
      });
    });
  },
};

function checkBackend(ctx: RuleContext, backend: Record<string, any>, at: string): void {
  const given = ['service', 'resource'].filter((k) => isObject(backend[k]));
  if (given.length !== 1) ctx.report(at, received(given.length === 0 ? 'no backend' : given, 'exactly one of service, resource'));
  const service = backend.service;
  if (!isObject(service)) return;
  const port = isObject(service.port) ? service.port : {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== null;
  if (hasName === hasNumber) ctx.report(`${at}.service.port`, received(service.port, 'exactly one of name, number'));
  if (hasName) checkSyntax(ctx, `${at}.service.port.name`, port.name, isValidPortName, ALLOWED.portName);
  if (typeof port.number === 'number' && (port.number < 1 || port.number > 65535)) ctx.report(`${at}.service.port.number`, received(port.number, 'an integer from 1 to 65535'));
}
