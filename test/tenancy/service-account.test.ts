import { Construct } from 'constructs';
import {
  ClusterRoleBinding, ClusterRoleRef, CloudIdentity, CronTask, externalReferenceOf, findObject, IServiceAccount, Job, Namespace,
  Provider, RoleBinding, ServiceAccount, StatefulService, Subject, WebService, Worker,
} from '../../lib';
import { expectPropError, makeStack, podSpecOf, RESOURCES, synth } from '../_helpers';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/uploader';
const GSA = 'uploader@my-project.iam.gserviceaccount.com';
const CLIENT_ID = '2f4c8a1e-9b3d-4e6f-a5c7-1d2e3f4a5b6c';

/** A ServiceAccount reference of the user's own: IServiceAccount has no internal member. */
class PlatformAccount extends Construct implements IServiceAccount {
  public readonly serviceAccountName = 'platform-bot';
  public readonly namespace = 'platform';
}

describe('ServiceAccount', () => {
  test('GIVEN no props WHEN synthesized THEN a ServiceAccount named after the id, in the stack namespace, mounts no token', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new ServiceAccount(stack, 'uploader');
    // THEN
    const sa = findObject(synth(stack), 'ServiceAccount', 'uploader');
    expect(sa.metadata.namespace).toBe('test');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.metadata.annotations).toBeUndefined();
  });

  test('GIVEN automountServiceAccountToken true WHEN synthesized THEN the account mounts tokens', () => {
    const { stack } = makeStack();
    new ServiceAccount(stack, 'operator', { automountServiceAccountToken: true });
    expect(findObject(synth(stack), 'ServiceAccount', 'operator').automountServiceAccountToken).toBe(true);
  });

  test('GIVEN a name, a namespace and metadata WHEN synthesized THEN they are on the object', () => {
    // GIVEN
    const { stack } = makeStack();
    const other = new Namespace(stack, 'jobs');
    // WHEN
    const sa = new ServiceAccount(stack, 'sa', { name: 'runner', namespace: other, metadata: { labels: { team: 'data' }, annotations: { owner: 'data' } } });
    // THEN
    const object = findObject(synth(stack), 'ServiceAccount', 'runner', 'jobs');
    expect(object.metadata.labels!.team).toBe('data');
    expect(object.metadata.annotations).toEqual({ owner: 'data' });
    expect(sa.namespace).toBe('jobs');
    expect(ServiceAccount.isServiceAccount(sa)).toBe(true);
  });

  test('GIVEN invalid props WHEN constructed THEN one PropError names each of them', () => {
    const { stack } = makeStack();
    const error = expectPropError(() => new ServiceAccount(stack, 'sa', { name: 'Upload Bot', automountServiceAccountToken: 'yes' as unknown as boolean }), {
      path: 'test/sa', prop: 'name', received: '"Upload Bot"', allowed: 'DNS-1123 subdomain',
    });
    expect(error.problems.map((p) => p.prop)).toEqual(['name', 'automountServiceAccountToken']);
  });

  test('GIVEN a cloudIdentity that is not a CloudIdentity WHEN constructed THEN the PropError lists the factories', () => {
    const { stack } = makeStack();
    expectPropError(() => new ServiceAccount(stack, 'sa', { cloudIdentity: ROLE_ARN as unknown as CloudIdentity }), {
      path: 'test/sa', prop: 'cloudIdentity', received: `"${ROLE_ARN}"`, allowed: 'CloudIdentity.eksRole(arn)',
    });
  });
});

describe('CloudIdentity', () => {
  test('GIVEN an EKS role on an EKS stack WHEN synthesized THEN the account carries the IRSA annotation', () => {
    // GIVEN
    const { stack } = makeStack({ provider: Provider.eks() });
    // WHEN
    new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.eksRole(ROLE_ARN) });
    // THEN
    expect(findObject(synth(stack), 'ServiceAccount', 'uploader').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': ROLE_ARN });
  });

  test('GIVEN a Google service account on a GKE stack WHEN synthesized THEN the account carries the Workload Identity annotation', () => {
    const { stack } = makeStack({ provider: Provider.gke() });
    new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.gkeServiceAccount(GSA) });
    expect(findObject(synth(stack), 'ServiceAccount', 'uploader').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': GSA });
  });

  test('GIVEN an Azure client id on an AKS stack WHEN synthesized THEN the account carries the client-id annotation', () => {
    const { stack } = makeStack({ provider: Provider.aks() });
    new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.azureClientId(CLIENT_ID) });
    expect(findObject(synth(stack), 'ServiceAccount', 'uploader').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': CLIENT_ID });
  });

  test('GIVEN an AKS identity WHEN a workload runs as the account THEN its pods carry azure.workload.identity/use', () => {
    // GIVEN
    const { stack } = makeStack({ provider: Provider.aks() });
    const sa = new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.azureClientId(CLIENT_ID) });
    // WHEN
    new Worker(stack, 'upload', { image: IMAGE, resources: RESOURCES, port: 8080, serviceAccount: sa });
    // THEN
    const pod = findObject(synth(stack), 'Deployment', 'upload').spec.template;
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(pod.spec.serviceAccountName).toBe('uploader');
  });

  test('GIVEN an EKS identity WHEN a workload runs as the account THEN its pods get no identity label', () => {
    const { stack } = makeStack({ provider: Provider.eks() });
    const sa = new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.eksRole(ROLE_ARN) });
    new Worker(stack, 'upload', { image: IMAGE, resources: RESOURCES, port: 8080, serviceAccount: sa });
    expect(Object.keys(findObject(synth(stack), 'Deployment', 'upload').spec.template.metadata.labels).filter((k) => k.startsWith('azure'))).toEqual([]);
  });

  test('GIVEN any identity on a generic stack WHEN constructed THEN it is accepted', () => {
    const { stack } = makeStack();
    new ServiceAccount(stack, 'a', { cloudIdentity: CloudIdentity.eksRole(ROLE_ARN) });
    new ServiceAccount(stack, 'b', { cloudIdentity: CloudIdentity.gkeServiceAccount(GSA) });
    new ServiceAccount(stack, 'c', { cloudIdentity: CloudIdentity.azureClientId(CLIENT_ID) });
    expect(findObject(synth(stack), 'ServiceAccount', 'c').metadata.annotations).toEqual({ 'azure.workload.identity/client-id': CLIENT_ID });
  });

  test('GIVEN an EKS role on a GKE stack WHEN constructed THEN the PropError names the provider and its identity', () => {
    const { stack } = makeStack({ provider: Provider.gke() });
    expectPropError(() => new ServiceAccount(stack, 'sa', { cloudIdentity: CloudIdentity.eksRole(ROLE_ARN) }), {
      path: 'test/sa', prop: 'cloudIdentity', received: `"${ROLE_ARN}"`,
      allowed: "an identity of the stack's provider (gke): CloudIdentity.gkeServiceAccount(), not CloudIdentity.eksRole() (eks)",
    });
  });

  test('GIVEN a cloud identity on a k3s stack WHEN constructed THEN the PropError says k3s has none', () => {
    const { stack } = makeStack({ provider: Provider.k3s() });
    expectPropError(() => new ServiceAccount(stack, 'sa', { cloudIdentity: CloudIdentity.azureClientId(CLIENT_ID) }), {
      path: 'test/sa', prop: 'cloudIdentity', received: `"${CLIENT_ID}"`, allowed: 'k3s), which has no cloud identity here',
    });
  });

  test.each([
    ['an ARN of a user, not a role', CloudIdentity.eksRole('arn:aws:iam::123456789012:user/uploader'), 'arn:aws:iam::123456789012:user/uploader', 'an IAM role ARN'],
    ['an ARN with a short account', CloudIdentity.eksRole('arn:aws:iam::1234:role/uploader'), 'arn:aws:iam::1234:role/uploader', 'an IAM role ARN'],
    ['a role name alone', CloudIdentity.eksRole('uploader'), 'uploader', 'an IAM role ARN'],
    ['a personal email', CloudIdentity.gkeServiceAccount('ana@example.com'), 'ana@example.com', 'a Google service account email'],
    ['a client id that is not a UUID', CloudIdentity.azureClientId('uploader'), 'uploader', 'a UUID'],
  ])('GIVEN %s WHEN constructed THEN the PropError names cloudIdentity and the format', (_what, identity, value, allowed) => {
    const { stack } = makeStack();
    expectPropError(() => new ServiceAccount(stack, 'sa', { cloudIdentity: identity }), { path: 'test/sa', prop: 'cloudIdentity', received: `"${value}"`, allowed });
  });

  test.each([
    ['a role in a path and the China partition', () => CloudIdentity.eksRole('arn:aws-cn:iam::123456789012:role/teams/data/uploader')],
    ['a GovCloud role', () => CloudIdentity.eksRole('arn:aws-us-gov:iam::123456789012:role/uploader')],
    ['an upper-case client id', () => CloudIdentity.azureClientId(CLIENT_ID.toUpperCase())],
  ])('GIVEN %s WHEN constructed THEN it is accepted', (_what, identity) => {
    const { stack } = makeStack();
    expect(() => new ServiceAccount(stack, 'sa', { cloudIdentity: identity() })).not.toThrow();
  });

  test('GIVEN an annotation that the cloud identity sets WHEN constructed THEN the PropError says cloudIdentity sets it', () => {
    const { stack } = makeStack();
    expectPropError(() => new ServiceAccount(stack, 'sa', {
      cloudIdentity: CloudIdentity.eksRole(ROLE_ARN), metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'x' } },
    }), { path: 'test/sa', prop: 'metadata.annotations.eks.amazonaws.com/role-arn', received: '"x"', allowed: 'cloudIdentity sets it' });
  });

  test('GIVEN a CloudIdentity WHEN read THEN it says its provider, value, annotation and pod labels', () => {
    const identity = CloudIdentity.azureClientId(CLIENT_ID);
    expect([identity.provider, identity.value, identity.annotations, identity.podLabels, CloudIdentity.isCloudIdentity(identity)]).toEqual([
      'aks', CLIENT_ID, { 'azure.workload.identity/client-id': CLIENT_ID }, { 'azure.workload.identity/use': 'true' }, true,
    ]);
  });
});

describe('serviceAccount on workloads', () => {
  test('GIVEN no serviceAccount WHEN synthesized THEN the pods run as the default account without a token (no account of their own)', () => {
    // GIVEN
    const { stack } = makeStack();
    // WHEN
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES });
    // THEN
    const objects = synth(stack);
    const spec = podSpecOf(objects, 'web');
    expect(spec.serviceAccountName).toBeUndefined();
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(objects.filter((o) => o.kind === 'ServiceAccount')).toEqual([]);
  });

  test.each([
    ['WebService', (s: any, sa: IServiceAccount) => new WebService(s, 'w', { image: IMAGE, resources: RESOURCES, serviceAccount: sa }), 'Deployment'],
    ['Worker', (s: any, sa: IServiceAccount) => new Worker(s, 'w', { image: IMAGE, resources: RESOURCES, port: 8080, serviceAccount: sa }), 'Deployment'],
    ['StatefulService', (s: any, sa: IServiceAccount) => new StatefulService(s, 'w', { image: IMAGE, resources: RESOURCES, serviceAccount: sa }), 'StatefulSet'],
    ['Job', (s: any, sa: IServiceAccount) => new Job(s, 'w', { image: IMAGE, resources: RESOURCES, serviceAccount: sa }), 'Job'],
  ])('GIVEN a %s with a serviceAccount WHEN synthesized THEN its pods run as it', (_kind, make, kind) => {
    const { stack } = makeStack();
    make(stack, new ServiceAccount(stack, 'runner'));
    expect(findObject(synth(stack), kind, 'w').spec.template.spec.serviceAccountName).toBe('runner');
  });

  test('GIVEN a CronTask with a serviceAccount WHEN synthesized THEN its job pods run as it', () => {
    const { stack } = makeStack();
    new CronTask(stack, 'nightly', { image: IMAGE, resources: RESOURCES, schedule: '0 2 * * *', serviceAccount: new ServiceAccount(stack, 'runner') });
    expect(findObject(synth(stack), 'CronJob', 'nightly').spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('runner');
  });

  test('GIVEN an imported account WHEN a workload runs as it THEN the pods name it and the reference is declared external', () => {
    // GIVEN
    const { stack } = makeStack();
    const sa = ServiceAccount.fromServiceAccountName(stack, 'ci', 'ci-runner');
    // WHEN
    new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceAccount: sa });
    // THEN
    expect(podSpecOf(synth(stack), 'web').serviceAccountName).toBe('ci-runner');
    expect(externalReferenceOf(sa)).toEqual({ kind: 'ServiceAccount', name: 'ci-runner' });
  });

  test('GIVEN an invalid imported name WHEN imported THEN the PropError names serviceAccountName', () => {
    const { stack } = makeStack();
    expectPropError(() => ServiceAccount.fromServiceAccountName(stack, 'bad', 'CI Runner'), { path: 'test/bad', prop: 'serviceAccountName', received: '"CI Runner"' });
  });

  test('GIVEN an account of another namespace WHEN a workload runs as it THEN the PropError names the namespaces', () => {
    const { stack } = makeStack();
    const sa = new ServiceAccount(stack, 'runner', { namespace: 'jobs' });
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceAccount: sa }), {
      path: 'test/web', prop: 'serviceAccount', received: '"ServiceAccount \\"runner\\" of namespace \\"jobs\\""', allowed: 'the workload\'s namespace ("test")',
    });
  });

  test('GIVEN a name string as serviceAccount WHEN constructed THEN the PropError says to pass a ServiceAccount', () => {
    const { stack } = makeStack();
    expectPropError(() => new WebService(stack, 'web', { image: IMAGE, resources: RESOURCES, serviceAccount: 'runner' as unknown as IServiceAccount }), {
      path: 'test/web', prop: 'serviceAccount', received: '"runner"', allowed: 'ServiceAccount.fromServiceAccountName()',
    });
  });

  test('GIVEN serviceAccountName WHEN constructed THEN the PropError says it moved to serviceAccount', () => {
    const { stack } = makeStack();
    expectPropError(() => new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 8080, serviceAccountName: 'runner' } as any), {
      path: 'test/w', prop: 'serviceAccountName', received: '"runner"', allowed: 'it moved to serviceAccount',
    });
  });

  test('GIVEN podLabels contradicting the AKS identity label WHEN constructed THEN the PropError names the pod label', () => {
    const { stack } = makeStack();
    const sa = new ServiceAccount(stack, 'uploader', { cloudIdentity: CloudIdentity.azureClientId(CLIENT_ID) });
    expectPropError(() => new Worker(stack, 'w', { image: IMAGE, resources: RESOURCES, port: 8080, serviceAccount: sa, podLabels: { 'azure.workload.identity/use': 'false' } }), {
      path: 'test/w', prop: 'podLabels.azure.workload.identity/use', received: '"false"', allowed: 'the value the ServiceAccount\'s pods need',
    });
  });
});

describe('ServiceAccounts as RBAC subjects', () => {
  test('GIVEN a ServiceAccount WHEN a RoleBinding grants it a role THEN the subject names it and its namespace', () => {
    // GIVEN
    const { stack } = makeStack();
    const sa = new ServiceAccount(stack, 'deployer', { namespace: 'ci' });
    // WHEN
    new RoleBinding(stack, 'rb', { role: ClusterRoleRef.EDIT, subjects: [sa] });
    // THEN
    expect(findObject(synth(stack), 'RoleBinding', 'rb').subjects).toEqual([{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }]);
  });

  test('GIVEN a ServiceAccount WHEN Subject.serviceAccount() wraps it THEN the subject takes its name and namespace', () => {
    const { stack } = makeStack();
    const subject = Subject.serviceAccount(new ServiceAccount(stack, 'deployer'));
    expect([subject.kind, subject.name, subject.namespace]).toEqual(['ServiceAccount', 'deployer', 'test']);
  });

  test('GIVEN an imported account WHEN Namespace.grant() grants it THEN the subject is in the namespace', () => {
    const { stack } = makeStack();
    stack.namespaceResource!.grant(ClusterRoleRef.VIEW, ServiceAccount.fromServiceAccountName(stack, 'ci', 'ci-runner'));
    expect(findObject(synth(stack), 'RoleBinding', 'test-view').subjects).toEqual([{ kind: 'ServiceAccount', name: 'ci-runner', namespace: 'test' }]);
  });

  test('GIVEN a user class implementing IServiceAccount WHEN a ClusterRoleBinding grants it THEN the subject names its namespace', () => {
    const { stack } = makeStack();
    new ClusterRoleBinding(stack, 'crb', { role: ClusterRoleRef.VIEW, subjects: [new PlatformAccount(stack, 'bot')] });
    expect(findObject(synth(stack), 'ClusterRoleBinding', 'crb').subjects).toEqual([{ kind: 'ServiceAccount', name: 'platform-bot', namespace: 'platform' }]);
  });

  test('GIVEN something that is neither a Subject nor a ServiceAccount WHEN bound THEN the PropError says what is allowed', () => {
    const { stack } = makeStack();
    expectPropError(() => new RoleBinding(stack, 'rb', { role: ClusterRoleRef.VIEW, subjects: ['ana' as unknown as Subject] }), {
      path: 'test/rb', prop: 'subjects[0]', received: '"ana"', allowed: 'a ServiceAccount (IServiceAccount)',
    });
  });
});
