import { defaultSelector } from '../core/labels';
import { FieldStep, ObjectRef } from './addition-field';
import { ImportConnection, ImportProblem, ImportResult, SourcedObject } from './import-model';
import { AdditionKind, ImportContext, Json, asList, asObject, asStrings, entry } from './_import-context';
import { ACCESS_MODES, Item, STACK_LABELS, WorkloadCode, labelPaths, metadataProblems, metadataProp, sameLabels } from './_import-item';
import { nodeWorkloadCode } from './_node-workload-code';
import { externalServiceCode } from './_external-service-code';
import { httpRouteCode } from './_http-route-code';
import { autoscalingCode, disruptionBudgetCode } from './_scaling-code';
import { MainPorts, podProps, ReferenceNames } from './_pod-props';
import { Printable, code, comment, identifier, print, quote, statement } from './_source-text';
import { TENANCY_KINDS, TenancyRefs, builtInClusterRole, tenancyCode } from './_tenancy-code';

/** Options of `generateModule()`. */
export interface GenerateOptions {
  /**
   * The namespace of the namespaced objects that name none.
   *
   * @default "default"
   */
  readonly namespace?: string;
  /**
   * Calls between workloads that the objects do not show (Compose `depends_on`), written as `connectTo()` where the
   * called Service has a known port.
   *
   * @default none
   */
  readonly connections?: readonly ImportConnection[];
  /**
   * The module the generated code imports the constructs from.
   *
   * @default "cdk8s-platform"
   */
  readonly libraryName?: string;
}

/** The built-in kinds that are cluster-scoped (the others are taken as namespaced). */
const CLUSTER_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass',
  'CustomResourceDefinition', 'IngressClass', 'RuntimeClass', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'APIService', 'CSIDriver', 'VolumeAttachment', 'GatewayClass',
]);

/** Statements of one stack's constructor, in the order they are written, by section. */
interface StackCode {
  readonly namespace: string;
  readonly statements: string[][];
  /** Whether the stack creates the namespace's Namespace (the input has one the AppStack can write). */
  readonly ownNamespace: boolean;
}

/**
 * Turns Kubernetes objects into one TypeScript module that defines them with the library's constructs: one
 * `AppStack` subclass per namespace, and an app that synthesizes them. Deterministic: the same objects and options
 * give the same text.
 *
 * A Deployment and the Service that selects its pods become a `WebService`; a Deployment without one a `Worker`; a
 * ConfigMap a `Config`; a Secret is referenced by name (`Secret.fromSecretName()`) and its values are never
 * written; Roles, ClusterRoles, their bindings, ResourceQuotas, LimitRanges and PriorityClasses become their
 * constructs. An object the constructs cannot express field for field stays a raw `ApiObject`, with a comment naming
 * the field, and is reported as a problem.
 *
 * @param objects the objects read, in input order
 * @param options the default namespace, connections and the library's module name
 */
export function generateModule(objects: readonly SourcedObject[], options: GenerateOptions = {}): ImportResult {
  const defaultNamespace = options.namespace ?? 'default';
  const library = options.libraryName ?? 'cdk8s-platform';
  const ctx = new ImportContext();
  const problems: ImportProblem[] = [];
  const items: Item[] = [];
  const seen = new Map<string, string>();
  for (const o of objects) {
    const meta = asObject(o.object.metadata) ?? {};
    const kind = typeof o.object.kind === 'string' ? o.object.kind : '';
    const name = typeof meta.name === 'string' ? meta.name : '';
    if (kind === '' || typeof o.object.apiVersion !== 'string' || name === '') {
      problems.push({ source: o.source, message: 'not imported: a Kubernetes object needs apiVersion, kind and metadata.name' });
      continue;
    }
    const clusterScoped = CLUSTER_KINDS.has(kind);
    const namespace = clusterScoped ? '' : typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace;
    // The API server keeps one object per group, kind, namespace and name: a second is a mistake of the input (two
    // files of the same app, a document pasted twice), not a second object to create.
    const key = `${o.object.apiVersion.includes('/') ? o.object.apiVersion.split('/')[0] : ''}/${kind}/${namespace}/${name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const where = namespace === '' ? '' : ` in namespace "${namespace}"`;
      problems.push({ source: o.source, message: `not imported: a second ${kind} "${name}"${where} (the first is ${first}); the cluster keeps one object of a kind, namespace and name: remove one of the two` });
      continue;
    }
    seen.set(key, o.source);
    items.push({ object: o.object, source: o.source, kind, namespace, name });
  }
  const namespaces = [...new Set(items.filter((i) => i.kind !== 'Namespace' && i.namespace !== '').map((i) => i.namespace))].sort();
  const namespaceObjects = new Map(items.filter((i) => i.kind === 'Namespace').map((i) => [i.name, i]));
  for (const ns of namespaceObjects.keys()) if (!namespaces.includes(ns)) namespaces.push(ns);
  if (namespaces.length === 0) namespaces.push(defaultNamespace);
  namespaces.sort();
  const stacks: StackCode[] = [];
  for (const ns of namespaces) {
    const stackItems = items.filter((i) => i.namespace === ns || (i.namespace === '' && i.kind !== 'Namespace' && ns === namespaces[0]));
    stacks.push(generateStack(ctx, ns, stackItems, namespaceObjects.get(ns), options.connections ?? [], problems));
  }
  return { source: render(ctx, stacks, library, objects), additions: ctx.allAdditions(), problems, ...ctx.counts };
}

/** The code of one namespace's stack. */
function generateStack(ctx: ImportContext, namespace: string, items: Item[], namespaceObject: Item | undefined,
  connections: readonly ImportConnection[], problems: ImportProblem[]): StackCode {
  const configs = new Map<string, string>();
  const secrets = new Map<string, string>();
  const accounts = new Map<string, string>();
  const claims = new Map<string, string>();
  const priorityClasses = new Map<string, string>();
  const refsSection: string[] = [];
  const configSection: string[] = [];
  const workloadSection: string[] = [];
  const restSection: string[] = [];
  const local = new Set(items.filter((i) => i.kind === 'ConfigMap').map((i) => i.name));
  const ref = (i: Item): ObjectRef => ({ kind: i.kind, namespace: i.namespace, name: i.name });
  // Construct ids, unique in the stack: a workload's is its name (reserved first); another object's its name, or its
  // name and kind when that is taken (a Config "web" beside the WebService "web"), numbered when that is taken too.
  const ids = new Set(items.filter((i) => WORKLOAD_KINDS.has(i.kind)).map((i) => i.name));
  const constructId = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; ids.has(id); n++) id = `${wanted}-${n}`;
    ids.add(id);
    return id;
  };
  const idFor = (name: string, suffix: string): string => constructId(ids.has(name) ? `${name}-${suffix}` : name);
  const raw = (item: Item, why: string): string[] => rawObject(ctx, item, why, constructId(`${item.kind.toLowerCase()}-${item.name}`));

  /** The variable naming the object `name` of `map`, declared by `declaration` (one or more lines) on first use. */
  const declared = (map: Map<string, string>, name: string, kind: string, declaration: (v: string, id: string) => string[]): Printable => {
    if (!map.has(name)) {
      const id = idFor(name, kind);
      const v = ctx.variable(identifier(id));
      map.set(name, v);
      refsSection.push(...declaration(v, id));
    }
    return code(map.get(name)!);
  };
  const refs: ReferenceNames = {
    config: (name) => declared(configs, name, 'config', (v, id) => [`const ${v} = ${ctx.need('Config')}.fromConfigMapName(this, ${quote(id)}, ${quote(name)});`]),
    secret: (name) => declared(secrets, name, 'secret', (v, id) => [
      ...comment(`Secret "${name}": created outside this code (kubectl create secret, a sealed or external secret); its values are never written here.`, 4),
      `const ${v} = ${ctx.need('Secret')}.fromSecretName(this, ${quote(id)}, ${quote(name)});`,
    ]),
    serviceAccount: (name) => declared(accounts, name, 'account', (v, id) => [`const ${v} = ${ctx.need('ServiceAccount')}.fromServiceAccountName(this, ${quote(id)}, ${quote(name)});`]),
    claim: (name) => declared(claims, name, 'claim', (v, id) => [`const ${v} = ${ctx.need('PersistentVolumeClaim')}.fromClaimName(this, ${quote(id)}, ${quote(name)});`]),
    priorityClass: (name) => declared(priorityClasses, name, 'priority', (v, id) => [`const ${v} = ${ctx.need('PriorityClass')}.fromPriorityClassName(this, ${quote(id)}, ${quote(name)});`]),
  };

  // ConfigMaps: Config when every field is data (and its metadata labels/annotations).
  for (const item of items.filter((i) => i.kind === 'ConfigMap')) {
    const unsupported = Object.keys(item.object).filter((k) => !['apiVersion', 'kind', 'metadata', 'data', 'immutable'].includes(k));
    unsupported.push(...metadataProblems(item.object));
    const data = asStrings(item.object.data);
    if (item.object.data !== undefined && data === undefined) unsupported.push('data');
    if (unsupported.length > 0) continue;
    const props: Record<string, Printable> = { ...metadataProp(item.object), data: data ?? {} };
    if (typeof item.object.immutable === 'boolean') props.immutable = item.object.immutable;
    const id = idFor(item.name, 'config');
    if (id !== item.name) props.name = item.name;
    const v = ctx.variable(identifier(id));
    configs.set(item.name, v);
    configSection.push(statement(`const ${v} = new ${ctx.need('Config')}(this, ${quote(id)}, `, props));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
    item.done = true;
    ctx.counts.constructs++;
  }

  // Secrets: by name only.
  for (const item of items.filter((i) => i.kind === 'Secret')) {
    refs.secret(item.name);
    ctx.counts.constructs++;
    problems.push({ source: item.source, message: `Secret "${item.name}" is referenced by name (Secret.fromSecretName()): its values are not written into the code; create it outside Git (kubectl create secret, a SealedSecret or an ExternalSecret)` });
    item.done = true;
  }

  // PersistentVolumeClaims: a size, an access mode and a storage class.
  for (const item of items.filter((i) => i.kind === 'PersistentVolumeClaim')) {
    const props = claimProps(ctx, item);
    if (props === undefined) continue;
    const id = idFor(item.name, 'claim');
    const v = ctx.variable(identifier(id));
    claims.set(item.name, v);
    configSection.push(statement(`const ${v} = new ${ctx.need('PersistentVolumeClaim')}(this, ${quote(id)}, `, { ...(id !== item.name ? { name: item.name } : {}), ...props }));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
    item.done = true;
    ctx.counts.constructs++;
  }

  // ServiceAccounts: their metadata, and whether pods get a token.
  for (const item of items.filter((i) => i.kind === 'ServiceAccount')) {
    const unsupported = [
      ...Object.keys(item.object).filter((k) => !['apiVersion', 'kind', 'metadata', 'automountServiceAccountToken'].includes(k)),
      ...metadataProblems(item.object),
    ];
    if (unsupported.length > 0) continue;
    const props: Record<string, Printable> = { ...metadataProp(item.object) };
    const id = idFor(item.name, 'account');
    const v = ctx.variable(identifier(id));
    accounts.set(item.name, v);
    if (id !== item.name) props.name = item.name;
    if (typeof item.object.automountServiceAccountToken === 'boolean') props.automountServiceAccountToken = item.object.automountServiceAccountToken;
    else ctx.add('automount', item.name, ref(item), [['automountServiceAccountToken']]);
    configSection.push(statement(`const ${v} = new ${ctx.need('ServiceAccount')}(this, ${quote(id)}, `, props));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
    item.done = true;
    ctx.counts.constructs++;
  }

  // Tenancy and scheduling: each object its construct writes field for field becomes that construct (a PriorityClass,
  // quota and limits before the workloads, whose pods name the class; Roles before the bindings that grant them);
  // any other stays raw, with the fields its construct cannot express.
  const roles = new Map<string, string>();
  const clusterRoles = new Map<string, string>();
  const tenancyRefs: TenancyRefs = {
    role: (name) => declared(roles, name, 'role', (v, id) => [`const ${v} = ${ctx.need('Role')}.fromRoleName(this, ${quote(id)}, ${quote(name)});`]),
    clusterRole: (name) => (clusterRoles.has(name) ? undefined : builtInClusterRole(ctx, name))
      ?? declared(clusterRoles, name, 'cluster-role', (v, id) => [`const ${v} = ${ctx.need('ClusterRole')}.fromClusterRoleName(this, ${quote(id)}, ${quote(name)});`]),
    serviceAccount: (name) => (accounts.has(name) ? code(accounts.get(name)!) : undefined),
  };
  const tenancy = (kind: string, section: string[], variables?: Map<string, string>): void => {
    const { construct, idSuffix } = TENANCY_KINDS[kind];
    for (const item of items.filter((i) => i.kind === kind && !i.done)) {
      const result = tenancyCode(ctx, kind, item.object, namespace, tenancyRefs);
      item.done = true;
      if ('unsupported' in result) {
        const why = `${construct} cannot express ${result.unsupported.join(', ')}`;
        problems.push({ source: item.source, message: `kept as a raw ApiObject: ${why}` });
        restSection.push(...raw(item, why));
        continue;
      }
      const id = idFor(item.name, idSuffix);
      const v = ctx.variable(identifier(id));
      variables?.set(item.name, v);
      section.push(statement(`const ${v} = new ${ctx.need(construct)}(this, ${quote(id)}, `, { ...(id !== item.name ? { name: item.name } : {}), ...result.props }));
      ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
      ctx.counts.constructs++;
    }
  };
  tenancy('PriorityClass', configSection, priorityClasses);
  tenancy('ResourceQuota', configSection);
  tenancy('LimitRange', configSection);

  // Workloads: a Deployment with the Service that selects its pods, a StatefulSet with its headless Service, Jobs.
  const services = items.filter((i) => i.kind === 'Service');
  const workloadVars = new Map<string, { variable: string; serviceName: string; ports: Json[] }>();
  const workloads: PendingWorkload[] = [];
  for (const item of items.filter((i) => WORKLOAD_KINDS.has(i.kind))) {
    const spec = asObject(item.object.spec) ?? {};
    const template = asObject(spec.template) ?? {};
    const podLabels = asStrings(asObject(template.metadata)?.labels) ?? {};
    const service = item.kind === 'Deployment'
      ? services.find((s) => {
        if (s.done || asObject(s.object.spec)?.clusterIP === 'None') return false;
        const selector = asStrings(asObject(s.object.spec)?.selector);
        return selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => podLabels[k] === v);
      })
      : item.kind === 'StatefulSet' ? services.find((s) => !s.done && s.name === spec.serviceName) : undefined;
    const selector = asStrings(asObject(spec.selector)?.matchLabels) ?? {};
    const replicated = item.kind === 'Deployment' || item.kind === 'StatefulSet';
    const hpa = replicated ? items.find((h) => h.kind === 'HorizontalPodAutoscaler' && !h.done && h.name === item.name
      && asObject(asObject(h.object.spec)?.scaleTargetRef)?.kind === item.kind && asObject(asObject(h.object.spec)?.scaleTargetRef)?.name === item.name) : undefined;
    const pdb = replicated ? items.find((b) => b.kind === 'PodDisruptionBudget' && !b.done && b.name === item.name
      && sameLabels(asStrings(asObject(asObject(b.object.spec)?.selector)?.matchLabels), selector)
      && Object.keys(asObject(asObject(b.object.spec)?.selector) ?? {}).length === 1) : undefined;
    const budgetOfItsName = items.some((b) => b.kind === 'PodDisruptionBudget' && b.name === item.name);
    const result = replicated ? replicatedCode(ctx, refs, item, service, local, hpa, pdb, budgetOfItsName)
      : item.kind === 'DaemonSet' || item.kind === 'Pod' ? nodeWorkloadCode(ctx, refs, item, local) : jobCode(ctx, refs, item, local);
    if (result.unsupported.length > 0) {
      const why = result.unsupported.join(', ');
      problems.push({ source: item.source, message: `kept as a raw ApiObject: ${result.construct} cannot express ${why}` });
      restSection.push(...raw(item, `${result.construct} cannot express ${why}`));
      item.done = true;
      if (service) {
        problems.push({ source: service.source, message: `kept as a raw ApiObject with its ${item.kind} "${item.name}"` });
        restSection.push(...raw(service, `it is the Service of ${item.kind} "${item.name}", kept raw`));
        service.done = true;
      }
      continue;
    }
    const v = ctx.variable(identifier(item.name));
    workloads.push({ item, variable: v, construct: result.construct, props: result.props, container: result.containerName });
    for (const [kind, paths] of result.additions) {
      for (const p of paths) {
        if (p[0] === '#pdb' && p.length === 1) ctx.add(kind, item.name, { kind: 'PodDisruptionBudget', namespace: item.namespace, name: item.name }, 'whole');
        else if (p[0] === '#pdb') ctx.add(kind, item.name, ref(pdb!), [p.slice(1)]);
        else if (p[0] === '#hpa') ctx.add(kind, item.name, ref(hpa!), [p.slice(1)]);
        else if (p[0] === '#service') ctx.add(kind, item.name, ref(service!), [p.slice(1)]);
        else ctx.add(kind, item.name, ref(item), [p]);
      }
    }
    item.done = true;
    ctx.counts.constructs += 1 + (service ? 1 : 0) + (result.usesHpa ? 1 : 0) + (result.usesPdb ? 1 : 0);
    if (result.usesHpa) hpa!.done = true;
    if (result.usesPdb) pdb!.done = true;
    if (service) {
      service.done = true;
      workloadVars.set(service.name, { variable: v, serviceName: service.name, ports: asList(asObject(service.object.spec)?.ports).map((p) => asObject(p) ?? {}) });
    }
  }
  // Services that select no imported workload: an ExternalName Service as an ExternalService, any other raw with why.
  for (const item of items.filter((i) => i.kind === 'Service' && !i.done)) {
    const external = asObject(item.object.spec)?.type === 'ExternalName';
    const result = external ? externalServiceCode(ctx, item) : undefined;
    item.done = true;
    if (typeof result !== 'object') {
      const why = result !== undefined ? `ExternalService cannot express ${result}`
        : asObject(asObject(item.object.spec)?.selector) === undefined
          ? 'a Service without selector (its Endpoints written by hand) has no construct'
          : 'a Service is written with the Deployment or StatefulSet whose pods it selects (WebService, StatefulService), and this one selects none of the imported ones';
      problems.push({ source: item.source, message: `kept as a raw ApiObject: ${why}` });
      restSection.push(...raw(item, why));
      continue;
    }
    const id = idFor(item.name, 'service');
    const v = ctx.variable(identifier(id));
    configSection.push(statement(`const ${v} = new ${ctx.need('ExternalService')}(this, ${quote(id)}, `, { ...(id !== item.name ? { name: item.name } : {}), ...result }));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
    ctx.counts.constructs++;
  }
  // Ingresses whose backends are workloads of the module; NetworkPolicies.
  for (const item of items.filter((i) => i.kind === 'Ingress' && !i.done)) {
    const result = ingressCode(ctx, item, workloadVars, refs);
    if (typeof result === 'string') continue;
    const id = idFor(item.name, 'ingress');
    restSection.push(statement(`new ${ctx.need('Ingress')}(this, ${quote(id)}, `, { ...(id !== item.name ? { name: item.name } : {}), ...result }));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata'], STACK_LABELS.concat(['app.kubernetes.io/component', 'app.kubernetes.io/version'])));
    item.done = true;
    ctx.counts.constructs++;
  }
  for (const item of items.filter((i) => i.kind === 'HTTPRoute' && !i.done)) {
    const result = httpRouteCode(ctx, item, workloadVars, constructId);
    if (typeof result === 'string') {
      const why = `HttpRoute cannot express ${result}`;
      problems.push({ source: item.source, message: `kept as a raw ApiObject: ${why}` });
      restSection.push(...raw(item, why));
      item.done = true;
      continue;
    }
    const id = idFor(item.name, 'route');
    restSection.push(statement(`new ${ctx.need('HttpRoute')}(this, ${quote(id)}, `, { ...(id !== item.name ? { name: item.name } : {}), ...result }));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
    item.done = true;
    ctx.counts.constructs++;
  }
  for (const item of items.filter((i) => i.kind === 'NetworkPolicy' && !i.done)) {
    const result = networkPolicyCode(ctx, item);
    if (result === undefined) continue;
    const id = idFor(item.name, 'policy');
    restSection.push(statement(`new ${ctx.need('NetworkPolicy')}(this, ${quote(id)}, `, { ...(id !== item.name ? { name: item.name } : {}), ...result }));
    ctx.add('labels', item.name, ref(item), labelPaths(item.object, ['metadata']));
    item.done = true;
    ctx.counts.constructs++;
  }
  tenancy('Role', restSection, roles);
  tenancy('ClusterRole', restSection, clusterRoles);
  tenancy('RoleBinding', restSection);
  tenancy('ClusterRoleBinding', restSection);
  // connectTo(): env values that name another workload's Service as an Address writes them, and Compose's depends_on.
  const policies = new Set(items.filter((i) => i.kind === 'NetworkPolicy').map((i) => i.name));
  const connectSection = connectCalls(ctx, namespace, workloads, workloadVars, policies, connections);
  // A workload's construct id is its name; a second workload of the same name (a Deployment and a CronJob "web") has
  // its kind after it, and its name as a prop.
  const workloadNames = new Set<string>();
  for (const w of workloads) {
    const id = workloadNames.has(w.item.name) ? constructId(`${w.item.name}-${w.item.kind.toLowerCase()}`) : w.item.name;
    workloadNames.add(w.item.name);
    const props = id === w.item.name ? w.props : { name: w.item.name, ...w.props };
    workloadSection.push(statement(`const ${w.variable} = new ${ctx.need(w.construct)}(this, ${quote(id)}, `, props));
  }
  workloadSection.push(...connectSection);

  // Everything else: raw, for now.
  for (const item of items) {
    if (item.done) continue;
    const construct = entry(UNMAPPED_CONSTRUCTS, item.kind);
    const why = construct !== undefined
      ? `the importer does not write a ${item.kind} as a ${construct} yet, or this one has a field it cannot express`
      : `the library has no construct for ${item.kind} (${String(item.object.apiVersion)})`;
    problems.push({ source: item.source, message: `kept as a raw ApiObject: ${why}` });
    restSection.push(...raw(item, why));
  }
  // The Namespace: the stack's own when the input's says nothing more than its name, else kept raw.
  let ownNamespace = false;
  if (namespaceObject !== undefined) {
    const meta = asObject(namespaceObject.object.metadata) ?? {};
    const labels = asStrings(meta.labels) ?? {};
    const plain = Object.keys(namespaceObject.object).every((k) => ['apiVersion', 'kind', 'metadata'].includes(k))
      && Object.keys(meta).every((k) => k === 'name' || k === 'labels')
      && Object.entries(labels).every(([k, v]) => k === 'kubernetes.io/metadata.name' && v === namespace);
    if (plain) {
      ownNamespace = true;
      const nsRef = { kind: 'Namespace', namespace: '', name: namespace };
      ctx.add('labels', namespace, nsRef, labelPaths(namespaceObject.object, ['metadata']));
      ctx.add('namespace', namespace, nsRef, ['enforce', 'enforce-version', 'audit', 'audit-version', 'warn', 'warn-version']
        .map((l) => ['metadata', 'labels', `pod-security.kubernetes.io/${l}`]));
      ctx.counts.constructs++;
    } else {
      problems.push({ source: namespaceObject.source, message: 'kept as a raw ApiObject: the AppStack\'s Namespace takes no labels, annotations or spec of its own' });
      restSection.push(...raw(namespaceObject, 'the AppStack\'s Namespace takes no labels, annotations or spec of its own'));
    }
  }
  return { namespace, statements: [refsSection, configSection, workloadSection, restSection], ownNamespace };
}

/**
 * The constructs of kinds the importer leaves raw (or of objects of mapped kinds it could not map, such as a Service
 * that selects no imported workload), to name them in the comment.
 */
const UNMAPPED_CONSTRUCTS: Readonly<Record<string, string>> = {
  DaemonSet: 'DaemonSet', Pod: 'Pod', HTTPRoute: 'HttpRoute', Service: 'WebService, StatefulService or ExternalService',
  Deployment: 'WebService or Worker',
  StatefulSet: 'StatefulService', ConfigMap: 'Config', PersistentVolumeClaim: 'PersistentVolumeClaim', Ingress: 'Ingress',
  NetworkPolicy: 'NetworkPolicy', ServiceAccount: 'ServiceAccount', HorizontalPodAutoscaler: 'workload\'s autoscaling',
  PodDisruptionBudget: 'workload\'s disruptionBudget', Job: 'Job', CronJob: 'CronTask', Namespace: 'AppStack\'s Namespace',
};

/** The kinds whose objects become workloads (their construct ids are their names). */
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod']);

/** A workload whose code is written once the connections are known (they take variables out of its env). */
interface PendingWorkload {
  readonly item: Item;
  readonly variable: string;
  readonly construct: string;
  readonly props: Record<string, Printable>;
  /** The main container's name. */
  readonly container: string;
}

/** The port an Address form leaves out of a URL, by scheme. */
const DEFAULT_URL_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443 };

/**
 * The `Address` that writes `value` for the Service `name` of `namespace` with `ports` (the main one first), and the
 * port it names; undefined when no form writes exactly `value`.
 */
function addressFor(value: string, name: string, namespace: string, ports: readonly number[]): { form: string; port: number } | undefined {
  const hostOf = (host: string): string | undefined => (host === name ? '{ shortName: true }' : host === `${name}.${namespace}.svc.cluster.local` ? '' : undefined);
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#@]+)(?::(\d+))?(\/[^\s]*)?$/.exec(value);
  if (url) {
    const [, scheme, host, portText, path] = url;
    const short = hostOf(host);
    const port = portText !== undefined ? Number(portText) : entry(DEFAULT_URL_PORTS, scheme);
    if (short === undefined || port === undefined || !ports.includes(port) || (portText !== undefined && port === entry(DEFAULT_URL_PORTS, scheme))) return undefined;
    const options = [...(path !== undefined ? [`path: ${quote(path)}`] : []), ...(short ? ['shortName: true'] : [])];
    return { form: `Address.url(${quote(scheme)}${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`, port };
  }
  const hostPort = /^([^:/\s]+):(\d+)$/.exec(value);
  if (hostPort) {
    const short = hostOf(hostPort[1]);
    const port = Number(hostPort[2]);
    return short !== undefined && ports.includes(port) ? { form: `Address.hostPort(${short})`, port } : undefined;
  }
  const short = hostOf(value);
  return short !== undefined && ports.length > 0 ? { form: `Address.host(${short})`, port: ports[0] } : undefined;
}

/**
 * The `connectTo()` calls of the workloads: each literal env variable of a main container whose value names another
 * workload's Service in a form an `Address` writes exactly (taken out of the workload's `env`: connectTo() sets it),
 * then each Compose connection without such a variable (connectTo() then sets `<SERVICE>_URL`, an addition). A
 * target that has a NetworkPolicy of the same name in the input is left alone (its construct would make another).
 */
function connectCalls(ctx: ImportContext, namespace: string, workloads: readonly PendingWorkload[],
  services: ReadonlyMap<string, { variable: string; serviceName: string; ports: Json[] }>, policies: ReadonlySet<string>,
  connections: readonly ImportConnection[]): string[] {
  const calls: string[] = [];
  const connected = new Set<string>();
  const record = (w: PendingWorkload, target: string) => {
    connected.add(`${w.item.name}>${target}`);
    ctx.add('networkPolicy', target, { kind: 'NetworkPolicy', namespace, name: target }, 'whole');
  };
  for (const w of workloads) {
    const env = asObject(w.props.env) as Record<string, Printable> | undefined;
    if (env === undefined || Object.values(env).some((v) => typeof v === 'string' && v.includes('$('))) continue;
    for (const [name, value] of Object.entries(env)) {
      if (typeof value !== 'string') continue;
      for (const [serviceName, target] of services) {
        if (target.variable === w.variable || policies.has(serviceName)) continue;
        const ports = target.ports.map((p) => p.port).filter((p): p is number => typeof p === 'number');
        const address = addressFor(value, serviceName, namespace, ports);
        if (address === undefined) continue;
        ctx.need('Address');
        const suffix = address.form.startsWith('Address.url') ? 'URL' : address.form.startsWith('Address.hostPort') ? 'ADDR' : 'HOST';
        const options: string[] = [
          ...(address.port !== ports[0] ? [`port: ${address.port}`] : []),
          ...(name !== `${serviceName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${suffix}` ? [`envVar: ${quote(name)}`] : []),
          `as: ${address.form}`,
        ];
        calls.push(`${w.variable}.connectTo(${target.variable}, { ${options.join(', ')} });`);
        delete env[name];
        record(w, serviceName);
        break;
      }
    }
    if (Object.keys(env).length === 0) delete (w.props as Record<string, Printable>).env;
  }
  for (const c of connections) {
    const w = workloads.find((x) => x.item.name === c.from && x.item.namespace === c.namespace);
    const target = services.get(c.to);
    if (w === undefined || target === undefined || target.variable === w.variable || connected.has(`${c.from}>${c.to}`) || policies.has(c.to)) continue;
    const envVar = `${c.to.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;
    if (asObject(w.props.env)?.[envVar] !== undefined) continue;
    calls.push(`${w.variable}.connectTo(${target.variable}); // ${c.source}: depends_on`);
    record(w, c.to);
    ctx.add('connectEnv', c.from, { kind: w.item.kind, namespace, name: c.from }, [['spec', 'template', 'spec', 'containers', { name: w.container }, 'env', { name: envVar }]]);
  }
  return calls;
}

/** A Deployment (and its Service) as a WebService or Worker; a StatefulSet and its headless Service as a StatefulService. */
function replicatedCode(ctx: ImportContext, refs: ReferenceNames, item: Item, service: Item | undefined, localConfigs: ReadonlySet<string>,
  hpa: Item | undefined, pdb: Item | undefined, budgetOfItsName: boolean): WorkloadCode {
  const stateful = item.kind === 'StatefulSet';
  const construct = stateful ? 'StatefulService' : service ? 'WebService' : 'Worker';
  const unsupported: string[] = [];
  const additions: Array<[AdditionKind, FieldStep[][]]> = [];
  const o = item.object;
  unsupported.push(...Object.keys(o).filter((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k)));
  if (o.apiVersion !== 'apps/v1') unsupported.push('apiVersion');
  unsupported.push(...metadataProblems(o));
  const spec = asObject(o.spec) ?? {};
  const keys = stateful
    ? ['replicas', 'selector', 'template', 'serviceName', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'revisionHistoryLimit', 'minReadySeconds']
    : ['replicas', 'selector', 'template', 'strategy', 'revisionHistoryLimit', 'minReadySeconds', 'progressDeadlineSeconds'];
  for (const k of Object.keys(spec)) if (!keys.includes(k)) unsupported.push(`spec.${k}`);
  if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds !== 600) unsupported.push('spec.progressDeadlineSeconds');
  if (stateful && service === undefined) unsupported.push('spec.serviceName (no headless Service of that name among the objects)');
  if (stateful && spec.podManagementPolicy !== undefined && spec.podManagementPolicy !== 'OrderedReady' && spec.podManagementPolicy !== 'Parallel') unsupported.push('spec.podManagementPolicy');
  const updateStrategy = asObject(spec.updateStrategy);
  if (updateStrategy !== undefined && (updateStrategy.type !== 'RollingUpdate' || Object.keys(updateStrategy).length !== 1)) unsupported.push('spec.updateStrategy');
  const claimTemplates = new Map<string, Record<string, Printable>>();
  for (const [i, raw] of asList(spec.volumeClaimTemplates).entries()) {
    const t = asObject(raw) ?? {};
    const tMeta = asObject(t.metadata) ?? {};
    const tSpec = asObject(t.spec) ?? {};
    const modes = asList(tSpec.accessModes);
    const size = asObject(asObject(tSpec.resources)?.requests)?.storage;
    if (Object.keys(t).some((k) => k !== 'metadata' && k !== 'spec') || Object.keys(tMeta).some((k) => k !== 'name') || typeof tMeta.name !== 'string'
      || Object.keys(tSpec).some((k) => !['accessModes', 'resources', 'storageClassName'].includes(k)) || typeof size !== 'string'
      || Object.keys(asObject(tSpec.resources) ?? {}).length !== 1 || modes.length !== 1 || entry(ACCESS_MODES, modes[0]) === undefined) {
      unsupported.push(`spec.volumeClaimTemplates[${i}]`);
      continue;
    }
    claimTemplates.set(tMeta.name, {
      size,
      accessMode: modes[0] === 'ReadWriteOnce' ? undefined : ctx.use('AccessMode', `${entry(ACCESS_MODES, modes[0])}()`),
      storageClassName: typeof tSpec.storageClassName === 'string' ? tSpec.storageClassName : undefined,
    });
  }
  const selectorObj = asObject(spec.selector) ?? {};
  const selector = asStrings(selectorObj.matchLabels) ?? {};
  if (Object.keys(selectorObj).some((k) => k !== 'matchLabels') || Object.keys(selector).length === 0) unsupported.push('spec.selector');

  const props: Record<string, Printable> = {};
  const svcSpec = asObject(service?.object.spec) ?? {};
  let ports: MainPorts | undefined;
  const serviceProps: Record<string, Printable> = {};
  const template = asObject(spec.template) ?? {};
  const containerPorts = asList(asObject(asList(asObject(template.spec)?.containers)[0])?.ports).map((p) => asObject(p) ?? {});
  if (service) {
    const s = service.object;
    unsupported.push(...Object.keys(s).filter((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k)).map((k) => `Service ${k}`));
    unsupported.push(...metadataProblems(s).map((p) => `Service ${p}`));
    for (const k of Object.keys(svcSpec)) {
      if (!['ports', 'selector', 'type', 'sessionAffinity', ...(stateful ? ['clusterIP'] : [])].includes(k)) unsupported.push(`Service spec.${k}`);
    }
    if (stateful && svcSpec.clusterIP !== 'None') unsupported.push('Service spec.clusterIP (a StatefulService\'s Service is headless)');
    if (svcSpec.sessionAffinity !== undefined && svcSpec.sessionAffinity !== 'None') unsupported.push('Service spec.sessionAffinity');
    if (svcSpec.type !== undefined && svcSpec.type !== 'ClusterIP') unsupported.push('Service spec.type');
    const svcSelector = asStrings(svcSpec.selector) ?? {};
    if (!sameLabels(svcSelector, selector)) unsupported.push('Service spec.selector (other than the Deployment\'s)');
    const sMeta = JSON.stringify(metadataProp(s));
    if (sMeta !== JSON.stringify(metadataProp(o))) unsupported.push('Service metadata (labels or annotations other than the Deployment\'s)');
    if (service.name !== item.name) serviceProps.serviceName = service.name;
    const list: Array<{ name?: string; containerPort: number; protocol?: string }> = [];
    const extra: Printable[] = [];
    const unnamed: FieldStep[][] = [];
    for (const [i, raw] of asList(svcSpec.ports).entries()) {
      const p = asObject(raw) ?? {};
      if (Object.keys(p).some((k) => !['name', 'port', 'targetPort', 'protocol'].includes(k)) || typeof p.port !== 'number') {
        unsupported.push(`Service spec.ports[${i}]`);
        continue;
      }
      let target = p.targetPort ?? p.port;
      // A port targeted by name (as Helm charts write them): the Service port, the container port and the mapping
      // share that name, and every port of the Service must be targeted so (targetPortsByName).
      const byName = typeof target === 'string' ? target : undefined;
      if (byName !== undefined) {
        const named = containerPorts.find((c) => c.name === byName);
        if (named === undefined || typeof named.containerPort !== 'number' || (p.name !== undefined && p.name !== byName)) {
          unsupported.push(`Service spec.ports[${i}].targetPort (a port name the construct cannot give both the Service port and the container port)`);
          continue;
        }
        target = named.containerPort;
      }
      if ((byName !== undefined) !== (serviceProps.targetPortsByName === true) && i > 0) {
        unsupported.push(`Service spec.ports[${i}].targetPort (some ports targeted by name, others by number)`);
        continue;
      }
      if (byName !== undefined) serviceProps.targetPortsByName = true;
      const protocol = typeof p.protocol === 'string' ? p.protocol : undefined;
      const name = typeof p.name === 'string' ? p.name : byName;
      if (p.name === undefined && byName !== undefined && i > 0) unnamed.push(['#service', 'spec', 'ports', i, 'name']);
      if (i === 0) {
        serviceProps.port = target as number;
        if (p.port !== target) serviceProps.servicePort = p.port;
        if (name !== undefined && name !== 'http') serviceProps.portName = name;
        if (p.name === undefined) unnamed.push(['#service', 'spec', 'ports', 0, 'name']);
        if (protocol !== undefined && protocol !== 'TCP') serviceProps.protocol = ctx.use('Protocol', protocol);
      } else {
        if (name === undefined) {
          unsupported.push(`Service spec.ports[${i}].name`);
          continue;
        }
        extra.push({ name, port: target as number, servicePort: p.port !== target ? p.port : undefined, protocol: protocol !== undefined && protocol !== 'TCP' ? ctx.use('Protocol', protocol) : undefined });
      }
      list.push({ name: name ?? 'http', containerPort: target as number, protocol });
    }
    if (list.length === 0) unsupported.push('Service spec.ports');
    // Container ports no Service port targets (a metrics port scraped from the pods): declared, not exposed.
    for (const c of containerPorts) {
      const protocol = typeof c.protocol === 'string' && c.protocol !== 'TCP' ? c.protocol : undefined;
      if (typeof c.containerPort !== 'number' || typeof c.name !== 'string' || list.length === 0) continue;
      if (list.some((l) => l.containerPort === c.containerPort && (l.protocol ?? 'TCP') === (protocol ?? 'TCP'))) continue;
      extra.push({ name: c.name, port: c.containerPort, protocol: protocol !== undefined ? ctx.use('Protocol', protocol) : undefined, expose: false });
      list.push({ name: c.name, containerPort: c.containerPort, protocol });
    }
    if (extra.length > 0) serviceProps.extraPorts = extra;
    if (unnamed.length > 0) additions.push(['portNames', unnamed]);
    ports = { ports: list };
  } else if (containerPorts.length === 1 && typeof containerPorts[0].containerPort === 'number') {
    serviceProps.port = containerPorts[0].containerPort;
    if (typeof containerPorts[0].name === 'string' && containerPorts[0].name !== 'http') serviceProps.portName = containerPorts[0].name;
    ports = { ports: [{ name: containerPorts[0].name as string | undefined ?? 'http', containerPort: containerPorts[0].containerPort, protocol: containerPorts[0].protocol as string | undefined }] };
  }
  const pod = podProps(ctx, refs, template, ['spec', 'template'], {
    workloadName: item.name, selector, ports, probesDefault: service !== undefined || ports !== undefined, localConfigs,
    claimTemplates: new Set(claimTemplates.keys()), spread: true,
  });
  if (claimTemplates.size > 0) {
    const volumes: Printable[] = [];
    for (const [name, claim] of claimTemplates) {
      const path = pod.claimMounts.get(name);
      if (path === undefined) unsupported.push(`spec.volumeClaimTemplates[name=${name}] (mounted by no container)`);
      else volumes.push({ name, path, ...claim });
    }
    pod.props.volumes = volumes;
  }
  unsupported.push(...pod.unsupported);
  additions.push(...pod.additions);
  if (!service && ports === undefined) {
    // A Worker without a port has no default probe: none, as the input.
    const c = asObject(asList(asObject(template.spec)?.containers)[0]) ?? {};
    if (c.readinessProbe === undefined) pod.props.readinessProbe = code(`${ctx.need('Probe')}.none()`);
    if (c.livenessProbe === undefined) pod.props.livenessProbe = code(`${ctx.need('Probe')}.none()`);
    if (c.readinessProbe === undefined || c.livenessProbe === undefined) additions.push(['probesOff', [['metadata', 'annotations', 'cdk8s-platform.io/probes-off']]]);
  }

  Object.assign(props, metadataProp(o));
  props.image = pod.props.image;
  // A WebService and a StatefulService run two pods by default, a Worker one (the API server's default).
  const defaultReplicas = service ? 2 : 1;
  if (stateful && spec.podManagementPolicy === 'Parallel') props.parallelPodManagement = true;
  if (typeof spec.replicas === 'number') {
    if (spec.replicas !== defaultReplicas || service) props.replicas = spec.replicas;
  } else if (defaultReplicas !== 1) {
    additions.push(['replicas', [['spec', 'replicas']]]);
  }
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : defaultReplicas;
  // The constructs' own selector (name and instance, the stack's instance being its namespace) is not written.
  if (!sameLabels(selector, defaultSelector({ instance: item.namespace }, item.name))) props.selectorLabels = selector;
  Object.assign(props, serviceProps);
  const { image: _image, ...rest } = pod.props;
  Object.assign(props, rest);
  const strategy = asObject(spec.strategy);
  if (stateful) {
    // a StatefulSet's rolling update is the API server's default
  } else if (strategy === undefined) {
    additions.push(['strategy', [['spec', 'strategy', 'rollingUpdate', 'maxUnavailable']]]);
  } else if (strategy.type === 'Recreate' && Object.keys(strategy).length === 1) {
    props.strategy = code(`${ctx.need('DeploymentStrategy')}.recreate()`);
  } else if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate' && Object.keys(strategy).every((k) => k === 'type' || k === 'rollingUpdate')) {
    const ru = asObject(strategy.rollingUpdate) ?? {};
    const opts: Record<string, Printable> = {};
    if (ru.maxSurge !== undefined) opts.maxSurge = ru.maxSurge as string | number;
    opts.maxUnavailable = (ru.maxUnavailable ?? '25%') as string | number;
    if (Object.keys(ru).some((k) => k !== 'maxSurge' && k !== 'maxUnavailable')) unsupported.push('spec.strategy.rollingUpdate');
    props.strategy = code(`${ctx.need('DeploymentStrategy')}.rollingUpdate(${print(opts)})`);
  } else {
    unsupported.push('spec.strategy');
  }
  if (typeof spec.revisionHistoryLimit === 'number' && spec.revisionHistoryLimit !== 10) props.revisionHistoryLimit = spec.revisionHistoryLimit;
  if (typeof spec.minReadySeconds === 'number' && spec.minReadySeconds !== 0) props.minReadySeconds = spec.minReadySeconds;

  additions.push(['labels', [...labelPaths(o, ['metadata']), ...labelPaths(o, ['spec', 'template', 'metadata'])]]);
  if (service) additions.push(['labels', labelPaths(service.object, ['metadata']).map((p) => ['#service', ...p])]);
  if (pod.props.spread === undefined) additions.push(['spread', [['spec', 'template', 'spec', 'topologySpreadConstraints']]]);
  if (pod.readsConfig) additions.push(['configHash', [['spec', 'template', 'metadata', 'annotations', 'cdk8s-platform.io/config-hash']]]);
  const autoscaling = hpa ? autoscalingCode(ctx, hpa) : undefined;
  if (autoscaling !== undefined) {
    // the autoscaler owns the replica count: the workload object has none
    const i = additions.findIndex(([kind]) => kind === 'replicas');
    if (i >= 0) additions.splice(i, 1);
    props.autoscaling = autoscaling;
    if (typeof spec.replicas === 'number') {
      delete props.replicas;
      additions.push(['replicasLeftOut', [['spec', 'replicas']]]);
    }
    additions.push(['labels', labelPaths(hpa!.object, ['metadata']).map((p) => ['#hpa', ...p])]);
  }
  const budget = pdb ? disruptionBudgetCode(ctx, pdb) : undefined;
  if (budget !== undefined) {
    props.disruptionBudget = budget;
    additions.push(['labels', labelPaths(pdb!.object, ['metadata']).map((p) => ['#pdb', ...p])]);
    if (asObject(pdb!.object.spec)?.unhealthyPodEvictionPolicy === undefined) additions.push(['evictionPolicy', [['#pdb', 'spec', 'unhealthyPodEvictionPolicy']]]);
  } else if (budgetOfItsName) {
    // The input's budget of the workload's name stays raw (its selector or a field has no prop): the construct's own
    // would be a second PodDisruptionBudget of that name.
    props.disruptionBudget = { enabled: false };
  } else {
    const minPods = autoscaling !== undefined ? (asObject(autoscaling)?.minReplicas as number | undefined ?? 1) : replicas;
    if (minPods >= 2) additions.push(['disruptionBudget', [['#pdb']]]);
  }
  return {
    construct, props, unsupported, additions: additions.filter(([, p]) => p.length > 0), containerName: pod.containerName,
    usesHpa: autoscaling !== undefined, usesPdb: budget !== undefined,
  };
}

/** A CronJob as a CronTask, a Job as a Job. */
function jobCode(ctx: ImportContext, refs: ReferenceNames, item: Item, localConfigs: ReadonlySet<string>): WorkloadCode {
  const cron = item.kind === 'CronJob';
  const construct = cron ? 'CronTask' : 'Job';
  const unsupported: string[] = [];
  const additions: Array<[AdditionKind, FieldStep[][]]> = [];
  const o = item.object;
  unsupported.push(...Object.keys(o).filter((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k)));
  if (o.apiVersion !== 'batch/v1') unsupported.push('apiVersion');
  unsupported.push(...metadataProblems(o));
  const props: Record<string, Printable> = { ...metadataProp(o) };
  const spec = asObject(o.spec) ?? {};
  let jobPath: string[] = ['spec'];
  let jobSpec = spec;
  if (cron) {
    const keys = ['schedule', 'timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'jobTemplate'];
    for (const k of Object.keys(spec)) if (!keys.includes(k)) unsupported.push(`spec.${k}`);
    const jobTemplate = asObject(spec.jobTemplate) ?? {};
    for (const k of Object.keys(jobTemplate)) if (k !== 'spec' && !(k === 'metadata' && Object.keys(asObject(jobTemplate.metadata) ?? {}).length === 0)) unsupported.push(`spec.jobTemplate.${k}`);
    jobSpec = asObject(jobTemplate.spec) ?? {};
    jobPath = ['spec', 'jobTemplate', 'spec'];
  }
  const jobKeys = ['template', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'completions', 'parallelism'];
  for (const k of Object.keys(jobSpec)) if (!jobKeys.includes(k)) unsupported.push(`${jobPath.join('.')}.${k}`);
  const template = asObject(jobSpec.template) ?? {};
  const restartPolicy = asObject(template.spec)?.restartPolicy;
  const pod = podProps(ctx, refs, template, [...jobPath, 'template'], {
    workloadName: item.name, selector: {}, probesDefault: false, localConfigs, restartPolicy: typeof restartPolicy === 'string' ? restartPolicy : 'Never',
    claimTemplates: new Set(),
  });
  unsupported.push(...pod.unsupported);
  additions.push(...pod.additions);
  props.image = pod.props.image;
  if (cron) {
    if (typeof spec.schedule === 'string') props.schedule = spec.schedule;
    else unsupported.push('spec.schedule');
    if (typeof spec.timeZone === 'string') props.timeZone = spec.timeZone;
    const policies: Record<string, string> = { Forbid: 'FORBID', Replace: 'REPLACE', Allow: 'ALLOW' };
    const policy = entry(policies, spec.concurrencyPolicy);
    if (policy !== undefined) {
      if (spec.concurrencyPolicy !== 'Forbid') props.concurrencyPolicy = ctx.use('ConcurrencyPolicy', policy);
    } else if (spec.concurrencyPolicy !== undefined) {
      unsupported.push('spec.concurrencyPolicy');
    } else {
      additions.push(['concurrency', [['spec', 'concurrencyPolicy']]]);
    }
    for (const k of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) if (typeof spec[k] === 'number') props[k] = spec[k] as number;
    if (typeof spec.suspend === 'boolean' && spec.suspend) props.suspend = true;
    additions.push(['labels', labelPaths(o, ['spec', 'jobTemplate', 'metadata'])]);
  }
  for (const k of ['backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'completions', 'parallelism'] as const) {
    if (typeof jobSpec[k] === 'number') props[k] = jobSpec[k] as number;
  }
  if (restartPolicy === 'OnFailure') props.restartPolicy = ctx.use('JobRestartPolicy', 'ON_FAILURE');
  else if (restartPolicy !== undefined && restartPolicy !== 'Never') unsupported.push(`${jobPath.join('.')}.template.spec.restartPolicy`);
  const { image: _image, ...rest } = pod.props;
  Object.assign(props, rest);
  additions.push(['labels', [...labelPaths(o, ['metadata']), ...labelPaths(o, [...jobPath, 'template', 'metadata'])]]);
  return { construct, props, unsupported, additions: additions.filter(([, p]) => p.length > 0), containerName: pod.containerName };
}

/** A PersistentVolumeClaim's props, or undefined when a field has no prop. */
function claimProps(ctx: ImportContext, item: Item): Record<string, Printable> | undefined {
  const o = item.object;
  if (o.apiVersion !== 'v1' || metadataProblems(o).length > 0 || Object.keys(o).some((k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k))) return undefined;
  const spec = asObject(o.spec) ?? {};
  const resources = asObject(spec.resources) ?? {};
  const size = asObject(resources.requests)?.storage;
  const modes = asList(spec.accessModes);
  if (Object.keys(spec).some((k) => !['accessModes', 'resources', 'storageClassName'].includes(k)) || typeof size !== 'string'
    || Object.keys(resources).length !== 1 || Object.keys(asObject(resources.requests) ?? {}).length !== 1
    || modes.length !== 1 || entry(ACCESS_MODES, modes[0]) === undefined) return undefined;
  return {
    ...metadataProp(o),
    size,
    accessMode: modes[0] === 'ReadWriteOnce' ? undefined : ctx.use('AccessMode', `${entry(ACCESS_MODES, modes[0])}()`),
    storageClassName: typeof spec.storageClassName === 'string' ? spec.storageClassName : undefined,
  };
}

/** An Ingress's props, or why it stays raw. */
function ingressCode(ctx: ImportContext, item: Item, workloads: ReadonlyMap<string, { variable: string; ports: Json[] }>,
  refs: ReferenceNames): Record<string, Printable> | string {
  const o = item.object;
  if (o.apiVersion !== 'networking.k8s.io/v1' || metadataProblems(o).length > 0) return 'apiVersion or metadata';
  const spec = asObject(o.spec) ?? {};
  const extra = Object.keys(spec).filter((k) => !['ingressClassName', 'rules', 'tls'].includes(k));
  if (extra.length > 0) return `spec.${extra[0]}`;
  if (typeof spec.ingressClassName !== 'string') return 'spec.ingressClassName (none: the construct would write the provider\'s)';
  const rules: Printable[] = [];
  for (const raw of asList(spec.rules)) {
    const r = asObject(raw) ?? {};
    const http = asObject(r.http) ?? {};
    if (Object.keys(r).some((k) => k !== 'host' && k !== 'http') || Object.keys(http).some((k) => k !== 'paths')) return 'spec.rules';
    const paths: Printable[] = [];
    for (const rawPath of asList(http.paths)) {
      const p = asObject(rawPath) ?? {};
      const service = asObject(asObject(p.backend)?.service) ?? {};
      const workload = typeof service.name === 'string' ? workloads.get(service.name) : undefined;
      const port = asObject(service.port)?.number;
      if (workload === undefined || typeof port !== 'number' || Object.keys(p).some((k) => !['path', 'pathType', 'backend'].includes(k))) return 'spec.rules (a backend that is not a Service of the module)';
      const mainPort = asObject(workload.ports[0])?.port;
      const types: Record<string, string> = { Prefix: 'PREFIX', Exact: 'EXACT', ImplementationSpecific: 'IMPLEMENTATION_SPECIFIC' };
      const pathType = entry(types, p.pathType);
      if (pathType === undefined) return 'spec.rules (a path without a pathType: Prefix, Exact or ImplementationSpecific)';
      paths.push({
        path: typeof p.path === 'string' ? p.path : undefined,
        pathType: p.pathType === 'Prefix' ? undefined : ctx.use('PathType', pathType),
        backend: code(workload.variable),
        port: port === mainPort ? undefined : port,
      });
    }
    rules.push({ host: typeof r.host === 'string' ? r.host : undefined, paths });
  }
  const tls: Printable[] = [];
  for (const raw of asList(spec.tls)) {
    const t = asObject(raw) ?? {};
    if (typeof t.secretName !== 'string' || !Array.isArray(t.hosts) || Object.keys(t).length !== 2) return 'spec.tls';
    tls.push({ hosts: t.hosts as string[], secret: refs.secret(t.secretName) });
  }
  return { ...metadataProp(o), ingressClassName: spec.ingressClassName, rules, tls: tls.length > 0 ? tls : undefined };
}

/** A NetworkPolicy's props, or undefined when a field has no prop. */
function networkPolicyCode(ctx: ImportContext, item: Item): Record<string, Printable> | undefined {
  const o = item.object;
  if (o.apiVersion !== 'networking.k8s.io/v1' || metadataProblems(o).length > 0) return undefined;
  const spec = asObject(o.spec) ?? {};
  if (Object.keys(spec).some((k) => !['podSelector', 'policyTypes', 'ingress', 'egress'].includes(k))) return undefined;
  const podSelector = asObject(spec.podSelector) ?? {};
  const selectorLabels = asStrings(podSelector.matchLabels);
  if (Object.keys(podSelector).some((k) => k !== 'matchLabels') || (podSelector.matchLabels !== undefined && selectorLabels === undefined)) return undefined;
  const types = asList(spec.policyTypes);
  const expected = [...(spec.ingress !== undefined || types.includes('Ingress') ? ['Ingress'] : []), ...(spec.egress !== undefined || types.includes('Egress') ? ['Egress'] : [])];
  if (JSON.stringify(types) !== JSON.stringify(expected)) return undefined;
  const rules = (direction: 'ingress' | 'egress'): Printable[] | undefined => {
    const out: Printable[] = [];
    for (const raw of asList(spec[direction])) {
      const r = asObject(raw) ?? {};
      const peerKey = direction === 'ingress' ? 'from' : 'to';
      if (Object.keys(r).some((k) => k !== peerKey && k !== 'ports')) return undefined;
      const peers: Printable[] = [];
      for (const rawPeer of asList(r[peerKey])) {
        const peer = peerCode(ctx, asObject(rawPeer) ?? {});
        if (peer === undefined) return undefined;
        peers.push(peer);
      }
      const ports: Printable[] = [];
      for (const rawPort of asList(r.ports)) {
        const p = asObject(rawPort) ?? {};
        if (typeof p.port !== 'number' || Object.keys(p).some((k) => k !== 'port' && k !== 'protocol')) return undefined;
        ports.push({ port: p.port, protocol: p.protocol !== undefined && p.protocol !== 'TCP' ? ctx.use('Protocol', String(p.protocol)) : undefined });
      }
      out.push({ peers, ports: r.ports !== undefined ? ports : undefined });
    }
    return out;
  };
  const ingress = types.includes('Ingress') ? rules('ingress') : [];
  const egress = types.includes('Egress') ? rules('egress') : [];
  if (ingress === undefined || egress === undefined) return undefined;
  return {
    ...metadataProp(o),
    selector: selectorLabels && Object.keys(selectorLabels).length > 0 ? { selectorLabels } : undefined,
    ingress: types.includes('Ingress') ? ingress : undefined,
    egress: types.includes('Egress') ? egress : undefined,
  };
}

/** A NetworkPolicy peer as `NetworkPeer.pods/namespace/ipBlock(...)`, or undefined. */
function peerCode(ctx: ImportContext, peer: Json): Printable | undefined {
  const keys = Object.keys(peer);
  const pods = asObject(peer.podSelector);
  const namespaces = asObject(peer.namespaceSelector);
  const block = asObject(peer.ipBlock);
  const podLabels = asStrings(pods?.matchLabels);
  const nsLabels = asStrings(namespaces?.matchLabels);
  const nsName = nsLabels && Object.keys(nsLabels).length === 1 ? nsLabels['kubernetes.io/metadata.name'] : undefined;
  const NetworkPeer = ctx.need('NetworkPeer');
  if (keys.length === 1 && pods && podLabels && Object.keys(pods).length === 1 && Object.keys(podLabels).length > 0) {
    return code(`${NetworkPeer}.pods(${print({ selectorLabels: podLabels })})`);
  }
  if (keys.length === 1 && namespaces && Object.keys(namespaces).length === 1 && nsName !== undefined) return code(`${NetworkPeer}.namespace(${quote(nsName)})`);
  if (keys.length === 1 && block && typeof block.cidr === 'string' && Object.keys(block).every((k) => k === 'cidr' || k === 'except')) {
    const except = asList(block.except);
    return code(`${NetworkPeer}.ipBlock(${quote(block.cidr)}${except.length > 0 ? `, ${print(except as string[])}` : ''})`);
  }
  return undefined;
}

/** A raw ApiObject, with the object as given and a comment saying why. */
function rawObject(ctx: ImportContext, item: Item, why: string, id: string): string[] {
  ctx.counts.rawObjects++;
  ctx.add('labels', item.name, { kind: item.kind, namespace: item.namespace, name: item.name }, labelPaths(item.object, ['metadata'], STACK_LABELS));
  const { apiVersion, kind, metadata, ...rest } = item.object;
  const props = { apiVersion, kind, metadata, ...rest } as Printable;
  return [
    ...comment(`${item.kind} "${item.name}" (${item.source}): a raw ApiObject, as given: ${why}.`, 4),
    statement(`new ApiObject(this, ${quote(id)}, `, props),
  ];
}

/** Writes `const x = new X(...)` as `new X(...)` where `x` is not used after. */
function dropUnusedConstants(body: string[]): void {
  // the code without its string literals and comments, where a variable's uses are counted
  const text = body.map((l) => (l.trimStart().startsWith('//') ? '' : l.replace(/'(?:[^'\\]|\\.)*'/g, "''"))).join('\n');
  body.forEach((line, i) => {
    const m = /^(\s*)const ([A-Za-z_$][\w$]*) = /.exec(line);
    if (m === null) return;
    const uses = text.match(new RegExp(`\\b${m[2].replace(/\$/g, '\\$')}\\b`, 'g'))?.length ?? 0;
    if (uses <= 1) body[i] = `${m[1]}${line.slice(m[0].length)}`;
  });
}

/** The module's text. */
function render(ctx: ImportContext, stacks: StackCode[], library: string, objects: readonly SourcedObject[]): string {
  const sources = [...new Set(objects.map((o) => o.source.replace(/#\d+$/, '').replace(/: (?:services|volumes)\..*$/, '')))];
  const lines: string[] = [];
  lines.push(...comment(`Generated by \`cdk8s-platform import\` from ${sources.join(', ')}. Edit it as your own code: it is not regenerated.`, 0));
  const additions = ctx.allAdditions();
  if (additions.length > 0) {
    lines.push('//');
    lines.push(...comment('What the output adds to the imported objects (or leaves out of them), on purpose (the library\'s defaults), and how to opt out:', 0));
    for (const a of additions) lines.push(...comment(`- ${a.what}. Opt out: ${a.optOut}.`, 0, 2));
  }
  lines.push('import { Construct } from \'constructs\';');
  const body: string[] = [];
  for (const stack of stacks) {
    const className = `${identifier(stack.namespace, true)}Stack`;
    body.push('');
    body.push(`/** The objects of namespace \`${stack.namespace}\`. */`);
    body.push(`export class ${className} extends ${ctx.need('AppStack')} {`);
    body.push('  constructor(scope: Construct, id: string) {');
    const stackProps: Record<string, Printable> = { namespace: stack.namespace };
    if (!stack.ownNamespace) stackProps.createNamespace = false;
    body.push(`    ${statement('super(scope, id, ', stackProps)}`);
    for (const section of stack.statements) {
      if (section.length === 0) continue;
      body.push('');
      for (const s of section) body.push(s.startsWith(' ') ? s : `    ${s}`);
    }
    body.push('  }');
    body.push('}');
  }
  body.push('');
  body.push('/** Defines the imported stacks in `app`. */');
  body.push(`export function defineImportedApp(app: ${ctx.need('PlatformApp')}): void {`);
  for (const stack of stacks) body.push(`  new ${identifier(stack.namespace, true)}Stack(app, ${quote(stack.namespace)});`);
  body.push('}');
  body.push('');
  body.push('// Synthesized when run (cdk8s-platform synth, with cdk8s.yaml\'s app pointing at this file); tests import it.');
  body.push('if (require.main === module) PlatformApp.run(defineImportedApp);');
  dropUnusedConstants(body);
  const text = body.join('\n');
  if (text.includes('new ApiObject(')) lines.push('import { ApiObject } from \'cdk8s\';');
  const names = ctx.libraryImports().filter((n) => new RegExp(`\\b${n}\\b`).test(text)).join(', ');
  const single = `import { ${names} } from ${quote(library)};`;
  lines.push(single.length <= 120 ? single : `import {\n${comment(names, 2).map((l) => l.replace('// ', '')).join('\n')}\n} from ${quote(library)};`);
  return `${[...lines, ...body].join('\n')}\n`;
}
