import * as fc from 'fast-check';
import {
  EnvValue, Namespace, PodSecurityLevel, Secret, ServiceType, synthFindings, WebService,
} from '../../lib';
import { makeStack } from '../_helpers';

/** A DNS-1035 label of 1 to 30 characters (a valid name for a WebService and its Service). */
const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,28}[a-z0-9])?$/);
const imageTag = fc.stringMatching(/^[0-9]{1,2}\.[0-9]{1,2}(\.[0-9]{1,2})?$/);
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,15}$/);
const labelValue = fc.stringMatching(/^[a-z0-9]([a-z0-9._-]{0,20}[a-z0-9])?$/);
const cpu = fc.constantFrom('50m', '100m', '250m', '0.5', '1');
const memory = fc.constantFrom('64Mi', '128Mi', '256Mi', '1Gi');
const serviceType = fc.constantFrom(() => ServiceType.clusterIp(), () => ServiceType.loadBalancer(), () => ServiceType.nodePort());

const webServiceProps = fc.record({
  name: dnsLabel,
  tag: imageTag,
  replicas: fc.integer({ min: 1, max: 6 }),
  port: fc.integer({ min: 1024, max: 65535 }),
  servicePort: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  cpu,
  memory,
  serviceType,
  env: fc.dictionary(envName, fc.string({ maxLength: 20 }), { maxKeys: 4 }),
  labels: fc.dictionary(fc.constantFrom('tier', 'team', 'example.com/owner'), labelValue, { maxKeys: 3 }),
  secretKey: fc.option(fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/), { nil: undefined }),
});

describe('property: valid props synthesize without validation errors', () => {
  test('GIVEN random valid WebService props WHEN synthesized THEN validation finds no error', () => {
    fc.assert(fc.property(webServiceProps, (p) => {
      // GIVEN
      const { stack } = makeStack();
      const secret = Secret.fromSecretName(stack, 'creds', 'creds');
      const env: Record<string, string | EnvValue> = { ...p.env };
      if (p.secretKey) env.SECRET_VALUE = EnvValue.fromSecret(secret, p.secretKey);
      new WebService(stack, p.name, {
        image: `ghcr.io/acme/${p.name}:${p.tag}`,
        replicas: p.replicas,
        port: p.port,
        servicePort: p.servicePort,
        serviceType: p.serviceType(),
        resources: { requests: { cpu: p.cpu, memory: p.memory } },
        env,
        metadata: { labels: p.labels },
      });
      // WHEN
      const errors = synthFindings(stack).filter((f) => f.severity === 'error');
      // THEN
      expect(errors).toEqual([]);
    }), { numRuns: 60 });
  });

  test('GIVEN random valid Namespace props WHEN synthesized THEN validation finds no error', () => {
    const props = fc.record({
      name: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/),
      level: fc.constantFrom(PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED),
      labels: fc.dictionary(fc.constantFrom('team', 'example.com/cost-center'), labelValue, { maxKeys: 2 }),
    });
    fc.assert(fc.property(props, (p) => {
      const { stack } = makeStack({ createNamespace: false });
      new Namespace(stack, 'ns', { name: p.name, podSecurity: p.level, metadata: { labels: p.labels } });
      expect(synthFindings(stack).filter((f) => f.severity === 'error')).toEqual([]);
    }), { numRuns: 60 });
  });
});
