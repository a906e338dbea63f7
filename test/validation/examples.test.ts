import * as path from 'path';
import { PlatformApp, synthFindings } from '../../lib';
import { defineExamples } from '../../apps/examples';

/** The upstream CRD of the examples' custom resources (the shop's HTTPRoute), as an app repo would give it. */
const HTTPROUTE_CRD = path.join(__dirname, '..', 'fixtures', 'crds', 'gateway.networking.k8s.io_httproutes.yaml');

/** The findings of each example environment (each is validated on its own, as synth does). */
function findingsByEnvironment(): Array<[string, ReturnType<typeof synthFindings>]> {
  const app = new PlatformApp({ validation: { crds: [HTTPROUTE_CRD] } });
  defineExamples(app);
  return app.environments.map((e) => [e.environmentName, synthFindings(e)]);
}

const FINDINGS = findingsByEnvironment();

describe('the example apps under validation', () => {
  test.each(FINDINGS)('GIVEN the %s environment WHEN synthesized THEN validation finds no error', (_env, findings) => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each(FINDINGS)('GIVEN the %s environment WHEN synthesized THEN it has no warning either, but that the HTTPRoute CRD\'s CEL rules are not evaluated', (_env, findings) => {
    expect(findings.filter((f) => f.rule === 'crd-validation-rules').map((f) => f.kind)).toEqual(['HTTPRoute']);
    expect(findings.filter((f) => f.rule !== 'crd-validation-rules').map((f) => `${f.rule} ${f.kind} ${f.namespace}/${f.name} ${f.field}: ${f.message}`)).toEqual([]);
  });
});
