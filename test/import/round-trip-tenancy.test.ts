import * as path from 'path';
import { findObject, rawKinds, RoundTripSet, useRoundTrips } from './_round-trip';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'import', 'tenancy');
const ROOT = path.join(__dirname, '..', '..');

/**
 * The tenancy corpus (test/fixtures/import/README.md): an operator's manifests, whose RBAC, quota, limits and
 * priority classes all have constructs; and one object of each of those kinds that its construct cannot express.
 */
const SETS: RoundTripSet[] = [
  { name: 'tenancy', paths: ['operator.yaml', 'rbac.yaml', 'quota.yaml', 'priority.yaml'].map((f) => path.join(CORPUS, f)) },
  { name: 'tenancy-unsupported', paths: [path.join(CORPUS, 'unsupported')] },
];

/** How many of each construct the module of the operator's set creates. */
const CONSTRUCTS: Record<string, number> = {
  'new Role(': 1, 'new ClusterRole(': 5, 'new RoleBinding(': 4, 'new ClusterRoleBinding(': 2, 'new ResourceQuota(': 1,
  'new LimitRange(': 1, 'new PriorityClass(': 2, 'new ServiceAccount(': 1, 'new Worker(': 1,
};

/** The kinds this corpus has, each with a construct. */
const TENANCY_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ResourceQuota', 'LimitRange', 'PriorityClass'];

const trip = useRoundTrips(SETS);

describe('the tenancy set (an operator\'s release manifests)', () => {
  test('GIVEN the module WHEN read THEN it creates a construct for each object', () => {
    // GIVEN
    const { source } = trip('tenancy').result;
    // WHEN
    const counts = Object.fromEntries(Object.keys(CONSTRUCTS).map((c) => [c, source.split(c).length - 1]));
    // THEN
    expect(counts).toEqual(CONSTRUCTS);
  });

  test('GIVEN the module WHEN read THEN it writes no raw ApiObject and reports no problem', () => {
    // GIVEN / WHEN
    const { source, problems } = trip('tenancy').result;
    // THEN
    expect(rawKinds(source)).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('GIVEN a Deployment naming an imported PriorityClass WHEN imported THEN its priorityClass is the class\'s variable', () => {
    // GIVEN / WHEN
    const { source } = trip('tenancy').result;
    // THEN
    expect(source).toContain("const platformCritical = new PriorityClass(this, 'platform-critical', {");
    expect(source).toContain('priorityClass: platformCritical,');
    expect(source).not.toContain('fromPriorityClassName');
  });

  test('GIVEN bindings WHEN imported THEN each role is declared before the binding that grants it', () => {
    // GIVEN
    const { source } = trip('tenancy').result;
    // WHEN
    const at = (text: string) => source.indexOf(text);
    // THEN
    expect(at('const leaderElection = new Role(')).toBeGreaterThan(-1);
    expect(at('const leaderElection = new Role(')).toBeLessThan(at('role: leaderElection,'));
    expect(at('const backupManager = new ClusterRole(')).toBeLessThan(at('role: backupManager,'));
    expect(at("ClusterRole.fromClusterRoleName(this, 'storage-snapshotter', 'storage-snapshotter')")).toBeLessThan(at('role: storageSnapshotter,'));
  });

  test('GIVEN bindings to the built-in admin and view roles, groups, a user and ServiceAccounts WHEN imported THEN they use ClusterRoleRef, Subject and the module\'s account', () => {
    // GIVEN / WHEN
    const { source } = trip('tenancy').result;
    // THEN
    expect(source).toContain('role: ClusterRoleRef.ADMIN,');
    expect(source).toContain("subjects: [Subject.group('oncall'), Subject.user('auditor@example.com')],");
    expect(source).toContain('subjects: [backupControllerAccount],');
    expect(source).toContain("subjects: [Subject.serviceAccount('prometheus-k8s', 'monitoring')],");
  });

  test('GIVEN ClusterRoles labelled to aggregate to admin, edit and view, and one aggregating others WHEN imported THEN they use aggregateTo and aggregationSelectors', () => {
    // GIVEN / WHEN
    const { source } = trip('tenancy').result;
    // THEN
    expect(source).toContain('aggregateTo: [ClusterRoleRef.ADMIN, ClusterRoleRef.EDIT],');
    expect(source).toContain("aggregationSelectors: [{ 'backup.example.com/aggregate-to-monitoring': 'true' }],");
  });

  test('GIVEN cluster-scoped objects WHEN synthesized in the namespace\'s stack THEN they have no namespace', () => {
    // GIVEN / WHEN
    const { output } = trip('tenancy');
    // THEN
    const cluster = output.filter((o) => ['ClusterRole', 'ClusterRoleBinding', 'PriorityClass'].includes(o.kind));
    expect(cluster).toHaveLength(9);
    expect(cluster.filter((o) => o.metadata.namespace !== undefined)).toEqual([]);
  });

  test('GIVEN a quota whose counts are strings and numbers WHEN synthesized THEN each limit is there, under the key the input used', () => {
    // GIVEN / WHEN
    const hard = findObject(trip('tenancy').output, 'ResourceQuota', 'compute').spec.hard;
    // THEN
    expect(Object.keys(hard).sort()).toEqual(['limits.memory', 'persistentvolumeclaims', 'pods', 'requests.cpu', 'requests.memory', 'requests.storage', 'services.loadbalancers']);
  });
});

describe('the tenancy-unsupported set: one object of each kind its construct cannot express', () => {
  /** The problem of the object `kind` `name`: the message of the problem whose source is its document. */
  function problemOf(index: number): string {
    const source = `${path.relative(ROOT, path.join(CORPUS, 'unsupported', 'objects.yaml'))}#${index}`;
    const found = trip('tenancy-unsupported').result.problems.filter((p) => p.source === source);
    expect(found).toHaveLength(1);
    return found[0].message;
  }

  test('GIVEN the objects WHEN imported THEN each stays a raw ApiObject and none becomes a construct', () => {
    // GIVEN / WHEN
    const { source } = trip('tenancy-unsupported').result;
    // THEN
    expect(rawKinds(source).sort()).toEqual([...TENANCY_KINDS].sort());
    expect(TENANCY_KINDS.filter((k) => source.includes(`new ${k}(`))).toEqual([]);
  });

  test.each([
    [1, 'Role', 'rules[0].nonResourceURLs'],
    [2, 'ClusterRole', 'aggregationRule.clusterRoleSelectors[0]'],
    [3, 'RoleBinding', 'subjects[0].namespace'],
    [4, 'ClusterRoleBinding', 'roleRef.name (received "system:auth-delegator"'],
    [5, 'ResourceQuota', 'spec.hard[\'cpu\'] (received "2"; the construct writes it as requests.cpu'],
    [6, 'LimitRange', 'spec.limits[0].maxLimitRequestRatio'],
    [7, 'PriorityClass', 'metadata.uid'],
  ])('GIVEN document %i (a %s) WHEN imported THEN its problem names the field it cannot express: %s', (index, construct, field) => {
    // GIVEN / WHEN
    const message = problemOf(index);
    // THEN
    expect(message).toContain(`kept as a raw ApiObject: ${construct} cannot express`);
    expect(message).toContain(field);
  });
});
