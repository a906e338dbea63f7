import { ManifestObject, PlatformApp, synthObjects } from '../../lib';
import { fieldPathSegments as parseFieldPath } from '../../lib/core/_field-path';
import { isKnownKind, schemaProblemsOf } from '../../lib/validation/schema/_schema';
import { K8S_DEFINITIONS } from '../../lib/validation/schema/k8s-definitions';
import { defineExamples } from '../../apps/examples';
import { configMap, deployment, hpa, ingress, pdb, pvc, service, set, validApp } from './_fixtures';

const C0 = 'spec.template.spec.containers[0]';

/**
 * The Kubernetes version kubernetes-models was generated from (found by the generator): our checker for that version
 * and kubernetes-models' validators check the same fields, so they must agree.
 */
const MODELS_VERSION = (JSON.parse(K8S_DEFINITIONS) as { enums: { kubernetes: string } }).enums.kubernetes;

/** The errors kubernetes-models' own validator (its model class for the kind) reports for `o`. */
function modelsErrors(o: ManifestObject): any[] {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = require(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
  try {
    new models[o.kind](o).validate();
    return [];
  } catch (e) {
    return (e as { errors?: any[] }).errors ?? [];
  }
}

/** The JSON pointer of a finding's field path. */
function pointer(field: string): string {
  return parseFieldPath(field).map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const OBJECTS: Array<[string, ManifestObject]> = [
  ...validApp().map((o): [string, ManifestObject] => [`valid ${o.kind}`, o]),
  ...(() => {
    const app = new PlatformApp();
    defineExamples(app);
    return app.environments.flatMap((e) => synthObjects(e)).filter((o) => isKnownKind(o.apiVersion, o.kind))
      .map((o): [string, ManifestObject] => [`example ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, o]);
  })(),
  ['replicas as a string', set(deployment(), 'spec.replicas', '3')],
  ['replicas as a fraction', set(deployment(), 'spec.replicas', 1.5)],
  ['replicas past the int32 maximum', set(deployment(), 'spec.replicas', 2 ** 31)],
  ['a container port below the int32 minimum', set(deployment(), `${C0}.ports[0].containerPort`, -(2 ** 31) - 1)],
  ['a container port as a string', set(deployment(), `${C0}.ports[0].containerPort`, '8080')],
  ['a container without a name', set(deployment(), `${C0}.name`, undefined)],
  ['a Deployment without a selector', set(deployment(), 'spec.selector', undefined)],
  ['an unknown protocol', set(deployment(), `${C0}.ports[0].protocol`, 'HTTP')],
  ['an unknown Service type', set(service(), 'spec.type', 'Internal')],
  ['a label value that is a number', set(configMap(), 'metadata.labels', { tier: 3 })],
  ['data values that are numbers', set(configMap(), 'data', { port: 8080 })],
  ['an HPA without maxReplicas', set(hpa(), 'spec.maxReplicas', undefined)],
  ['a PDB selector that is a list', set(pdb(), 'spec.selector', [])],
  ['a PVC storage request as a boolean', set(pvc(), 'spec.resources.requests.storage', true)],
  ['an Ingress backend port number as a string', set(ingress(), 'spec.rules[0].http.paths[0].backend.service.port', { number: '80' })],
  ['env as an object', set(deployment(), `${C0}.env`, { LOG_LEVEL: 'info' })],
];

/** Whether a kubernetes-models error is one the schema layer reports too: a type, enum, required or integer format problem. */
function isSchemaError(e: any): boolean {
  return ['type', 'required', 'enum'].includes(e.keyword) || (e.keyword === 'format' && ['int32', 'int64'].includes(e.params.format));
}

describe(`the schema layer of Kubernetes ${MODELS_VERSION} agrees with kubernetes-models@4.5.1, generated from it`, () => {
  test.each(OBJECTS)('GIVEN %s WHEN checked by both THEN they report type, enum, required and integer format problems at the same fields', (_name, o) => {
    // GIVEN / WHEN
    const theirs = new Set(modelsErrors(o)
      .filter(isSchemaError)
      .map((e: any) => (e.keyword === 'required' ? `${e.instancePath}/${e.params.missingProperty}` : e.instancePath)));
    const ours = new Set(schemaProblemsOf(o, MODELS_VERSION).filter((p) => p.type !== 'unknown-field').map((p) => pointer(p.field)));
    // THEN
    expect([...ours].sort()).toEqual([...theirs].sort());
  });
});
