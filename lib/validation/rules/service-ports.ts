import { NAME_RULES } from '../../core/_props';
import { isDns1123Subdomain, isValidPortName } from '../../core/names';
import { ALLOWED } from '../../core/_props';
import { Rule } from '../rule';
import { checkSyntax } from '../_checks';
import { arrayOf, isObject, received } from '../_util';

/**
 * Service ports: at least one (except for headless and ExternalName Services), `port` 1-65535, `targetPort` 1-65535
 * or an IANA port name, names required when there is more than one port, DNS-1123 labels and unique, no port
 * repeated with the same protocol; an ExternalName Service has a DNS name in `externalName`.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/release-1.27/pkg/apis/core/validation/validation.go (ValidateService, validateServicePort: requireName, "Duplicate value")
 */
export const servicePorts: Rule = {
  id: 'service-ports',
  description: 'Service ports are valid, named when there are several, and unique.',
  remediation: 'Give each Service port a valid number, a unique name when there are several, and a unique port and protocol (the workload\'s `port`, `portName` and `extraPorts` props).',
  layer: 'api',
  severity: 'error',
  kinds: ['Service'],
  check(o, ctx) {
    if (!isObject(o.spec)) return;
    const spec = o.spec;
    const ports = arrayOf(spec.ports);
    const headless = spec.clusterIP === 'None';
    if (spec.type === 'ExternalName') {
      if (typeof spec.externalName !== 'string' || spec.externalName === '') {
        ctx.report('spec.externalName', received(spec.externalName, 'a DNS name for an ExternalName Service'));
      } else {
        checkSyntax(ctx, 'spec.externalName', spec.externalName.replace(/\.$/, ''), isDns1123Subdomain, NAME_RULES['dns1123-subdomain'].allowed);
      }
    } else if (ports.length === 0 && !headless) {
      ctx.report('spec.ports', received(spec.ports, 'at least one port (only headless and ExternalName Services may have none)'));
    }
    const names = new Set<string>();
    const numbers = new Set<string>();
    ports.forEach((p, i) => {
      if (!isObject(p)) return;
      const at = `spec.ports[${i}]`;
      if (ports.length > 1 && (p.name === undefined || p.name === '')) {
        ctx.report(`${at}.name`, received(p.name, 'a name for each port of a Service with more than one port'));
      } else if (typeof p.name === 'string' && p.name !== '') {
        checkSyntax(ctx, `${at}.name`, p.name, NAME_RULES['dns1123-label'].check, NAME_RULES['dns1123-label'].allowed);
        if (names.has(p.name)) ctx.report(`${at}.name`, received(p.name, 'a port name no other port of the Service has'));
        names.add(p.name);
      }
      if (typeof p.port === 'number' && (p.port < 1 || p.port > 65535)) ctx.report(`${at}.port`, received(p.port, 'an integer from 1 to 65535'));
      const key = `${p.port}/${p.protocol ?? 'TCP'}`;
      if (numbers.has(key)) ctx.report(`${at}.port`, received(p.port, `a port and protocol (${p.protocol ?? 'TCP'}) no other port of the Service has`));
      numbers.add(key);
      const target = p.targetPort;
      if (typeof target === 'number' && (target < 1 || target > 65535)) ctx.report(`${at}.targetPort`, received(target, 'an integer from 1 to 65535 or a container port name'));
      if (typeof target === 'string') checkSyntax(ctx, `${at}.targetPort`, target, isValidPortName, ALLOWED.portName);
    });
  },
};
