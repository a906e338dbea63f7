import { PlatformApp, synthFindings } from '../../lib';
import { defineExamples } from '../../apps/examples';

/** The findings of each example environment (each is validated on its own, as synth does). */
function findingsByEnvironment(): Array<[string, ReturnType<typeof synthFindings>]> {
  const app = new PlatformApp();
  defineExamples(app);
  return app.environments.map((e) => [e.environmentName, synthFindings(e)]);
}

const FINDINGS = findingsByEnvironment();

describe('the example apps under validation', () => {
  test.each(FINDINGS)('GIVEN the %s environment WHEN synthesized THEN validation finds no error', (_env, findings) => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test.each(FINDINGS)('GIVEN the %s environment WHEN synthesized THEN it has no warning either', (_env, findings) => {
    expect(findings.map((f) => `${f.rule} ${f.kind} ${f.namespace}/${f.name} ${f.field}: ${f.message}`)).toEqual([]);
  });
});
