import * as fs from 'fs';
import * as path from 'path';
import { Role } from '../../lib';
import { generateModule } from '../../lib/import/generate-module';
import { ImportResult, SourcedObject } from '../../lib/import/import-model';
import { RBAC_VERBS } from '../../lib/core/_rbac-verbs';
import { makeStack, tmpdir } from '../_helpers';
import { KubeObject } from './_kubernetes-defaults';
import { compareObjects, synthesizeModule } from './_round-trip';

const RBAC = 'rbac.authorization.k8s.io/v1';

/** Plain objects as a reader gives them, sourced `in.yaml#N`. */
function sourced(...objects: KubeObject[]): SourcedObject[] {
  return objects.map((object, i) => ({ object, source: `in.yaml#${i + 1}` }));
}

function role(name: string, rules: unknown, extra: KubeObject = {}): KubeObject {
  return { apiVersion: RBAC, kind: 'Role', metadata: { name, namespace: 'ops' }, rules, ...extra };
}

function clusterRole(name: string, body: KubeObject): KubeObject {
  return { apiVersion: RBAC, kind: 'ClusterRole', metadata: { name }, ...body };
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleRef: KubeObject, subjects: unknown): KubeObject {
  return { apiVersion: RBAC, kind, metadata: kind === 'RoleBinding' ? { name, namespace: 'ops' } : { name }, roleRef, subjects };
}

function quota(hard: unknown, spec: KubeObject = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'ops' }, spec: { hard, ...spec } };
}

function limitRange(limits: unknown): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'ops' }, spec: { limits } };
}

function priorityClass(name: string, body: KubeObject): KubeObject {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...body };
}

const READ_PODS = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }];
const OPS_ACCOUNT = { kind: 'ServiceAccount', name: 'agent', namespace: 'ops' };

/** The one problem of the import, which must keep the object raw. */
function onlyProblem(result: ImportResult): string {
  expect(result.problems).toHaveLength(1);
  expect(result.source).toContain('new ApiObject(');
  return result.problems[0].message;
}

/** The objects' module synthesized, and its differences from them after Kubernetes defaults (none expected). */
function roundTrip(objects: KubeObject[]): { result: ImportResult; output: KubeObject[]; differences: string[] } {
  const result = generateModule(sourced(...objects));
  const dir = tmpdir();
  const file = path.join(dir, 'module.ts');
  fs.writeFileSync(file, result.source);
  const output = synthesizeModule(file, path.join(dir, 'out'));
  return { result, output, differences: compareObjects(objects, output, { additions: result.additions.flatMap((a) => a.fields) }) };
}

describe('the importer\'s rule verbs', () => {
  test.each(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*', 'bind', 'escalate', 'impersonate', 'use', 'approve', 'sign', 'proxy', 'connect', 'Get', 'log', ''])(
    'GIVEN the verb %p WHEN a Role construct is given it THEN it accepts it exactly when the importer maps it', (verb) => {
      // GIVEN
      const { stack } = makeStack();
      // WHEN
      let accepted = true;
      try {
        new Role(stack, 'r', { rules: [{ resources: ['pods'], verbs: [verb] }] });
      } catch {
        accepted = false;
      }
      // THEN
      expect(accepted).toBe(RBAC_VERBS.has(verb));
    });
});

describe('Roles and ClusterRoles', () => {
  test('GIVEN a Role of the core group WHEN generated THEN the rule leaves apiGroups to the construct', () => {
    // GIVEN / WHEN
    const { source, problems } = generateModule(sourced(role('reader', READ_PODS)));
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("new Role(this, 'reader', { rules: [{ resources: ['pods'], verbs: ['get', 'list'] }] });");
  });

  test('GIVEN a Role rule without apiGroups WHEN generated THEN it stays raw, the problem naming rules[0].apiGroups', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(role('reader', [{ resources: ['pods'], verbs: ['get'] }]))));
    // THEN
    expect(message).toContain('Role cannot express rules[0].apiGroups (received nothing; the construct writes [""]');
  });

  test('GIVEN a Role rule with a verb the construct refuses WHEN generated THEN it stays raw, the problem naming the verbs received', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(role('proxy', [{ apiGroups: [''], resources: ['services/proxy'], verbs: ['proxy'] }]))));
    // THEN
    expect(message).toContain('rules[0].verbs (received ["proxy"]');
  });

  test('GIVEN a Role without rules WHEN generated THEN it stays raw, the problem naming rules', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(role('empty', []))));
    // THEN
    expect(message).toContain('rules (received []; the construct takes at least one rule)');
  });

  test('GIVEN a Role whose name holds a colon WHEN generated THEN it stays raw, the problem naming metadata.name', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(role('ops:reader', READ_PODS))));
    // THEN
    expect(message).toContain('metadata.name (received "ops:reader"; the construct takes a DNS-1123 subdomain)');
  });

  test('GIVEN a Role with labels WHEN generated THEN the recommended labels it lacks are listed as additions, each at its path', () => {
    // GIVEN
    const labelled = role('reader', READ_PODS);
    labelled.metadata.labels = { 'app.kubernetes.io/name': 'agent' };
    // WHEN
    const { additions } = generateModule(sourced(labelled));
    // THEN
    expect(additions.find((a) => a.what.startsWith('the recommended labels'))?.fields).toEqual(
      ['instance', 'version', 'component', 'part-of', 'managed-by'].map((l) => `Role/ops/reader:metadata.labels['app.kubernetes.io/${l}']`));
  });

  test('GIVEN a ClusterRole with rules alongside its aggregationRule WHEN generated THEN it stays raw, the problem naming rules', () => {
    // GIVEN
    const aggregated = clusterRole('monitoring', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { team: 'mon' } }] }, rules: READ_PODS });
    // WHEN
    const message = onlyProblem(generateModule(sourced(aggregated)));
    // THEN
    expect(message).toContain('ClusterRole cannot express rules (received');
  });

  test('GIVEN a ClusterRole rule with nonResourceURLs and resources WHEN generated THEN it stays raw, the problem naming the resources', () => {
    // GIVEN
    const mixed = clusterRole('mixed', { rules: [{ nonResourceURLs: ['/metrics'], resources: ['pods'], verbs: ['get'] }] });
    // WHEN
    const message = onlyProblem(generateModule(sourced(mixed)));
    // THEN
    expect(message).toContain('rules[0].resources (received ["pods"]');
  });

  test('GIVEN a ClusterRole with a namespace WHEN generated THEN it stays raw, the problem naming metadata.namespace', () => {
    // GIVEN
    const namespaced = clusterRole('reader', { rules: READ_PODS });
    namespaced.metadata.namespace = 'ops';
    // WHEN
    const message = onlyProblem(generateModule(sourced(namespaced)));
    // THEN
    expect(message).toContain('metadata.namespace (received "ops"; a ClusterRole is cluster-scoped');
  });

  test('GIVEN a ClusterRole whose only label aggregates it to edit WHEN synthesized THEN it is aggregateTo and the output equals the input', () => {
    // GIVEN
    const editor = clusterRole('editor', { rules: READ_PODS });
    editor.metadata.labels = { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' };
    // WHEN
    const { result, differences } = roundTrip([editor]);
    // THEN
    expect(result.source).toContain("new ClusterRole(this, 'editor', {\n      aggregateTo: [ClusterRoleRef.EDIT],");
    expect(differences).toEqual([]);
  });
});

describe('RoleBindings and ClusterRoleBindings', () => {
  test('GIVEN a RoleBinding to a Role that is not imported WHEN generated THEN the role is Role.fromRoleName()', () => {
    // GIVEN / WHEN
    const { source, problems } = generateModule(sourced(binding('RoleBinding', 'b', { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, [OPS_ACCOUNT])));
    // THEN
    expect(problems).toEqual([]);
    expect(source).toContain("const reader = Role.fromRoleName(this, 'reader', 'reader');");
    expect(source).toContain("new RoleBinding(this, 'b', { role: reader, subjects: [Subject.serviceAccount('agent')] });");
  });

  test('GIVEN a RoleBinding and its Role of the same name WHEN generated THEN the binding takes another construct id and keeps its name', () => {
    // GIVEN / WHEN
    const { source } = generateModule(sourced(role('agent', READ_PODS), binding('RoleBinding', 'agent', { kind: 'Role', name: 'agent' }, [OPS_ACCOUNT])));
    // THEN
    expect(source).toContain("const agent = new Role(this, 'agent', {");
    expect(source).toContain("new RoleBinding(this, 'agent-binding', {\n      name: 'agent',\n      role: agent,");
  });

  test('GIVEN a RoleBinding whose roleRef names no apiGroup, to an imported ClusterRole, WHEN synthesized THEN the role is its variable and the output equals the input', () => {
    // GIVEN
    const objects = [clusterRole('reader', { rules: READ_PODS }), binding('RoleBinding', 'read', { kind: 'ClusterRole', name: 'reader' }, [{ kind: 'User', name: 'ann' }])];
    // WHEN
    const { result, differences } = roundTrip(objects);
    // THEN
    expect(result.source).toContain('role: reader,');
    expect(differences).toEqual([]);
  });

  test('GIVEN a RoleBinding to a ServiceAccount of another namespace WHEN generated THEN the subject names the namespace', () => {
    // GIVEN / WHEN
    const { source } = generateModule(sourced(binding('RoleBinding', 'b', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }])));
    // THEN
    expect(source).toContain("subjects: [Subject.serviceAccount('prometheus', 'monitoring')],");
  });

  test('GIVEN a ClusterRole imported into the first namespace and a RoleBinding of another namespace granting it WHEN generated THEN that stack references it by name', () => {
    // GIVEN
    const other = binding('RoleBinding', 'b', { kind: 'ClusterRole', name: 'reader' }, [{ kind: 'Group', name: 'ops' }]);
    other.metadata.namespace = 'web';
    // WHEN
    const { source } = generateModule(sourced(clusterRole('reader', { rules: READ_PODS }), role('r', READ_PODS), other));
    // THEN
    expect(source).toContain("new ClusterRole(this, 'reader', {");
    expect(source).toContain("ClusterRole.fromClusterRoleName(this, 'reader', 'reader');");
  });

  test('GIVEN a RoleBinding without subjects WHEN generated THEN it stays raw, the problem naming subjects', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(binding('RoleBinding', 'b', { kind: 'ClusterRole', name: 'view' }, undefined))));
    // THEN
    expect(message).toContain('RoleBinding cannot express subjects (received nothing; the construct takes at least one subject)');
  });

  test('GIVEN a subject of a kind the constructs do not write WHEN generated THEN the binding stays raw, the problem naming its kind', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(binding('RoleBinding', 'b', { kind: 'ClusterRole', name: 'view' }, [{ kind: 'Robot', name: 'r2' }]))));
    // THEN
    expect(message).toContain('subjects[0].kind (received "Robot"; the construct takes User, Group or ServiceAccount subjects)');
  });

  test('GIVEN a ClusterRoleBinding to a Role WHEN generated THEN it stays raw, the problem naming roleRef.kind', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(binding('ClusterRoleBinding', 'b', { kind: 'Role', name: 'reader' }, [OPS_ACCOUNT]))));
    // THEN
    expect(message).toContain('roleRef.kind (received "Role"; the construct grants ClusterRole)');
  });

  test('GIVEN a binding that stays raw WHEN generated THEN no reference to its role is declared', () => {
    // GIVEN / WHEN
    const { source } = generateModule(sourced(binding('RoleBinding', 'b', { kind: 'Role', name: 'reader' }, [{ kind: 'ServiceAccount', name: 'agent' }])));
    // THEN
    expect(source).not.toContain('fromRoleName');
  });
});

describe('ResourceQuotas and LimitRanges', () => {
  test('GIVEN a quota of every limit the construct writes WHEN synthesized THEN the output equals the input', () => {
    // GIVEN
    const q = quota({ 'requests.cpu': 4, 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', pods: '1k', persistentvolumeclaims: 5, 'requests.storage': '1Ti', 'services.loadbalancers': 1 });
    // WHEN
    const { result, differences } = roundTrip([q]);
    // THEN
    expect(result.source).toContain("requestsCpu: '4',");
    expect(result.source).toContain('pods: 1000,');
    expect(differences).toEqual([]);
  });

  test('GIVEN a quota with scopes WHEN generated THEN it stays raw, the problem naming spec.scopes', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(quota({ pods: 10 }, { scopes: ['BestEffort'] }))));
    // THEN
    expect(message).toContain('spec.scopes (received ["BestEffort"]');
  });

  test('GIVEN a quota on object counts WHEN generated THEN it stays raw, the problem naming the key and the limits the construct has', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(quota({ 'count/deployments.apps': 10 }))));
    // THEN
    expect(message).toContain("spec.hard['count/deployments.apps'] (received 10; the construct limits requests.cpu");
  });

  test('GIVEN a quota on a fraction of pods WHEN generated THEN it stays raw, the problem saying the construct takes a whole number', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(quota({ pods: '1500m' }))));
    // THEN
    expect(message).toContain("spec.hard['pods'] (received \"1500m\"; the construct takes a whole number)");
  });

  test('GIVEN a LimitRange of two items WHEN generated THEN it stays raw, the problem naming spec.limits', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(limitRange([{ type: 'Container', max: { cpu: '1' } }, { type: 'Pod', max: { cpu: '2' } }]))));
    // THEN
    expect(message).toContain('spec.limits (received');
  });

  test('GIVEN a LimitRange of a Pod item WHEN generated THEN it stays raw, the problem naming its type', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(limitRange([{ type: 'Pod', max: { cpu: '2' } }]))));
    // THEN
    expect(message).toContain('spec.limits[0].type (received "Pod"; the construct writes Container)');
  });

  test('GIVEN a LimitRange bounding a resource the construct has no prop for WHEN generated THEN it stays raw, the problem naming the resource', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(limitRange([{ type: 'Container', max: { 'nvidia.com/gpu': '1' } }]))));
    // THEN
    expect(message).toContain("spec.limits[0].max['nvidia.com/gpu']");
  });

  test('GIVEN a LimitRange whose min is above its max WHEN generated THEN it stays raw, the problem naming the min', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(limitRange([{ type: 'Container', max: { memory: '1Gi' }, min: { memory: '2Gi' } }]))));
    // THEN
    expect(message).toContain('spec.limits[0].min.memory (received "2Gi"; the construct takes a min of at most the max (1Gi))');
  });

  test('GIVEN a LimitRange of numbers and ephemeral storage WHEN synthesized THEN the output equals the input', () => {
    // GIVEN
    const lr = limitRange([{ type: 'Container', default: { cpu: 1, 'ephemeral-storage': '2Gi' }, defaultRequest: { cpu: 0.5 } }]);
    // WHEN
    const { result, differences } = roundTrip([lr]);
    // THEN
    expect(result.source).toContain("defaultLimit: { cpu: '1', ephemeralStorage: '2Gi' },");
    expect(differences).toEqual([]);
  });
});

describe('PriorityClasses', () => {
  test('GIVEN a default class that never preempts WHEN synthesized THEN it is globalDefault and preempt false, and the output equals the input', () => {
    // GIVEN
    const pc = priorityClass('batch', { value: 10, globalDefault: true, preemptionPolicy: 'Never' });
    // WHEN
    const { result, differences } = roundTrip([pc]);
    // THEN
    expect(result.source).toContain("new PriorityClass(this, 'batch', { value: 10, globalDefault: true, preempt: false });");
    expect(differences).toEqual([]);
  });

  test('GIVEN a class without value WHEN generated THEN it stays raw, the problem naming value', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(priorityClass('none', {}))));
    // THEN
    expect(message).toContain('PriorityClass cannot express value (received nothing; the construct takes an integer from -2147483648 to 1000000000)');
  });

  test('GIVEN a class named system-* WHEN generated THEN it stays raw, the problem naming metadata.name', () => {
    // GIVEN / WHEN
    const message = onlyProblem(generateModule(sourced(priorityClass('system-custom', { value: 10 }))));
    // THEN
    expect(message).toContain('metadata.name (received "system-custom"');
  });

  test('GIVEN an imported class that pods of two namespaces name WHEN synthesized THEN the first namespace\'s stack defines it before its workloads, the other references it by name, and the output equals the input', () => {
    // GIVEN
    const worker = (namespace: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'agent', namespace },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { priorityClassName: 'high', containers: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0.0', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
        },
      },
    });
    // WHEN
    const { result: { source }, differences } = roundTrip([worker('ops'), priorityClass('high', { value: 1000 }), worker('zz')]);
    // THEN
    expect(differences).toEqual([]);
    const zz = source.indexOf('class ZzStack');
    expect(source.indexOf("const high = new PriorityClass(this, 'high', { value: 1000 });")).toBeLessThan(source.indexOf("new Worker(this, 'agent'"));
    expect(source.indexOf('priorityClass: high,')).toBeLessThan(zz);
    expect(source.indexOf("const high2 = PriorityClass.fromPriorityClassName(this, 'high', 'high');")).toBeGreaterThan(zz);
    expect(source.indexOf('priorityClass: high2,')).toBeGreaterThan(zz);
  });
});
