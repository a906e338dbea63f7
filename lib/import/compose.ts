/**
 * The Compose reader of `cdk8s-platform import`: a Docker Compose file (the Compose Specification:
 * `docker-compose.yml` of file formats 2 and 3, `compose.yaml`) as the Kubernetes objects this library's constructs
 * write for it by default, so that the generator turns them into `WebService`, `Worker`, `Config` and
 * `PersistentVolumeClaim` code without overrides.
 *
 * @see https://docs.docker.com/reference/compose-file/
 */
import { parseAllDocuments } from 'yaml';
import { yamlErrorMessage } from '../core/_yaml-error';
import { isConfigMapKey, isDns1123Label } from '../core/names';
import { parseEnvFile, interpolate } from './_compose-text';
import { describe, isRecord, looksSecret } from './_compose-values';
import { ComposeContext, DeclaredVolume, translateService, TranslatedService } from './_compose-service';
import { TOP_LEVEL_KEYS_WITHOUT_MEANING } from './_compose-keys';
import { entry } from './_import-context';
import { ImportConnection, ImportProblem, SourcedObject } from './import-model';

/** How to read a Compose file. */
export interface ComposeOptions {
  /** The namespace of every object made. */
  readonly namespace: string;
  /**
   * Reads a file named relative to the Compose file's folder (an `env_file`, the `.env` file), as text; throws when
   * it cannot (an error with `code: 'ENOENT'` when it does not exist).
   */
  readonly readFile: (relative: string) => string;
}

/** What a Compose file became. */
export interface ComposeTranslation {
  /** The objects, in the order of the file's services (each service's Config and claims before its workload). */
  readonly objects: SourcedObject[];
  /** The `depends_on` of each service on one with a Service port, from the dependent to the dependency. */
  readonly connections: ImportConnection[];
  /** What was not imported, or imported in part, and why; in the order of the file. */
  readonly problems: ImportProblem[];
}

/** The default size of the claim of a named volume (Compose volumes have none). */
const DEFAULT_CLAIM_SIZE = '1Gi';

/**
 * Translates a Compose file into Kubernetes objects: each service a Deployment (and a Service for its `ports` and
 * `expose`), each `env_file` a ConfigMap, each named volume a PersistentVolumeClaim; `depends_on` into connections.
 * Variables (`${VAR:-default}`) are substituted from the `.env` file beside the Compose file, never from this
 * process's environment. What has no Kubernetes meaning is a problem per item, and the rest is still imported; text
 * that is not YAML, or not a Compose file, is one problem and no objects.
 *
 * @param text the Compose file's text
 * @param file the file's name as the user gave it: problems and sources start with it (`file: services.web`)
 * @param options the namespace and how to read the files the Compose file names
 */
export function translateCompose(text: string, file: string, options: ComposeOptions): ComposeTranslation {
  const problems: ImportProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ source: path === '' ? file : `${file}: ${path}`, message });
  const root = parseComposeYaml(text, (message) => problem('', message));
  if (root === undefined) return { objects: [], connections: [], problems };

  const variables = readDotEnv(options.readFile, problem);
  const model = interpolateTree(root, '', (name) => variables.get(name), problem) as Record<string, unknown>;

  for (const key of Object.keys(model)) {
    if (key === 'version' || key === 'name' || key === 'services' || key === 'volumes') continue;
    if (key.startsWith('x-')) problem(key, 'an extension field: ignored (its anchors were applied where they are used)');
    else if (entry(TOP_LEVEL_KEYS_WITHOUT_MEANING, key) !== undefined) problem(key, `not imported: ${entry(TOP_LEVEL_KEYS_WITHOUT_MEANING, key)}`);
    else problem(key, 'not a key of the Compose Specification: ignored');
  }
  const volumes = declaredVolumes(model.volumes, problem);
  const services = isRecord(model.services) ? model.services : {};

  const objects: SourcedObject[] = [];
  const envFiles = new EnvFileConfigs(file, options, variables, objects);
  const claims = new Map<string, { users: string[] }>();
  const translated: TranslatedService[] = [];
  for (const [name, service] of Object.entries(services)) {
    const context: ComposeContext = {
      file,
      namespace: options.namespace,
      volumes,
      problem,
      envFileConfig: (relative, required, path) => envFiles.configFor(relative, required, name, path, problem),
      claim: (volume) => {
        const users = claims.get(volume.claimName)?.users;
        if (users) {
          if (!users.includes(name)) users.push(name);
        } else {
          claims.set(volume.claimName, { users: [name] });
          if (!volume.external) objects.push(claimObject(file, options.namespace, volume));
        }
      },
    };
    const result = translateService(name, service, context);
    if (result) {
      translated.push(result);
      objects.push(...result.objects);
    }
  }
  for (const volume of volumes.values()) {
    const users = claims.get(volume.claimName)?.users ?? [];
    if (users.length > 0 && !volume.external) {
      problem(`volumes.${volume.key}`, `a claim of ${DEFAULT_CLAIM_SIZE} (ReadWriteOnce, the cluster's default storage class): Compose volumes have no size; set the size its data needs`);
    }
    if (users.length > 1) {
      problem(`volumes.${volume.key}`, `mounted by ${users.join(', ')}: a ReadWriteOnce claim is shared only by pods on one node; give it a ReadWriteMany storage class, or give each workload its own claim`);
    } else if (users.length === 0 && !volume.external) {
      problem(`volumes.${volume.key}`, 'no imported service mounts it: no claim is made');
    }
  }
  const connections = dependencies(file, options.namespace, services, translated, problem);
  return { objects, connections, problems: sortedByFile(problems, file, Object.keys(services)) };
}

/**
 * The problems in the file's order: the top-level ones first, then each service's (in the order of `services`),
 * then the volumes'; the order they were found in otherwise.
 */
function sortedByFile(problems: ImportProblem[], file: string, services: string[]): ImportProblem[] {
  const rank = (p: ImportProblem) => {
    const path = p.source.startsWith(`${file}: `) ? p.source.slice(file.length + 2) : '';
    const m = /^services\.([^.[]+)/.exec(path);
    if (m) return 1 + services.indexOf(m[1]);
    return path.startsWith('volumes.') ? services.length + 1 : 0;
  };
  return problems.map((p, i) => ({ p, i, r: rank(p) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.p);
}

/** The file's one YAML document, when it is a Compose file (a map with `services`); else a problem. */
function parseComposeYaml(text: string, problem: (message: string) => void): Record<string, unknown> | undefined {
  const documents = parseAllDocuments(text, { merge: true, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents.filter((d) => d.contents !== null || d.errors.length > 0) : [];
  for (const d of list) {
    const error = d.errors[0];
    if (error) {
      problem(`not valid YAML: ${yamlErrorMessage(error.message)} (line ${error.linePos?.[0].line ?? 1}); nothing is imported from it`);
      return undefined;
    }
  }
  if (list.length > 1) {
    problem(`holds ${list.length} YAML documents, where a Compose file holds one; nothing is imported from it`);
    return undefined;
  }
  let root: unknown;
  try {
    root = list[0]?.toJS();
  } catch (e) {
    problem(`not valid YAML: ${yamlErrorMessage((e as Error).message)}; nothing is imported from it`);
    return undefined;
  }
  if (isRecord(root) && typeof root.apiVersion === 'string' && typeof root.kind === 'string') {
    problem('a Kubernetes manifest, not a Compose file (it has apiVersion and kind): name it other than compose.yaml or docker-compose.yml to import it as a manifest');
    return undefined;
  }
  if (isRecord(root) && root.services === undefined && Object.values(root).some((v) => isRecord(v) && (v.image !== undefined || v.build !== undefined))) {
    problem('looks like a Compose file of the version 1 format (services at the top level), which Compose no longer reads: move the services under services:; nothing is imported from it');
    return undefined;
  }
  if (!isRecord(root) || !isRecord(root.services)) {
    problem(`not a Compose file: ${isRecord(root) ? 'it has no services map' : `its content is ${describe(root)}, not a map with services`}; nothing is imported from it`);
    return undefined;
  }
  return root;
}

/** The variables of the `.env` file beside the Compose file, if there is one. */
function readDotEnv(readFile: (relative: string) => string, problem: (path: string, message: string) => void): Map<string, string> {
  const variables = new Map<string, string>();
  let text: string;
  try {
    text = readFile('.env');
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'ENOENT') problem('', `its .env file cannot be read (${(e as Error).message}): variables are substituted as unset`);
    return variables;
  }
  for (const entry of parseEnvFile(text, (name) => variables.get(name), (message) => problem('', `.env ${message}`))) {
    variables.set(entry.key, entry.value);
  }
  return variables;
}

/** `value` with every string substituted (`interpolate()`); keys are kept as written, as Compose keeps them. */
function interpolateTree(value: unknown, path: string, lookup: (name: string) => string | undefined,
  problem: (path: string, message: string) => void): unknown {
  if (typeof value === 'string') return interpolate(value, lookup, (message) => problem(path, message));
  if (Array.isArray(value)) return value.map((v, i) => interpolateTree(v, `${path}[${i}]`, lookup, problem));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateTree(v, path === '' ? k : `${path}.${k}`, lookup, problem);
    return out;
  }
  return value;
}

/** The top-level `volumes`, each with the claim name it becomes. */
function declaredVolumes(value: unknown, problem: (path: string, message: string) => void): Map<string, DeclaredVolume> {
  const volumes = new Map<string, DeclaredVolume>();
  if (value === undefined || value === null) return volumes;
  if (!isRecord(value)) {
    problem('volumes', `received ${describe(value)}; allowed: a map of volume names to their options`);
    return volumes;
  }
  const taken = new Set<string>();
  for (const [key, options] of Object.entries(value)) {
    const path = `volumes.${key}`;
    const o = isRecord(options) ? options : {};
    if (options !== null && !isRecord(options)) problem(path, `received ${describe(options)}; allowed: a map of volume options, or nothing`);
    for (const k of Object.keys(o)) {
      if (k === 'driver' || k === 'driver_opts') problem(`${path}.${k}`, 'volume drivers have no Kubernetes counterpart: the claim uses the cluster\'s storage class (set storageClassName on the claim)');
      else if (k === 'labels') problem(`${path}.${k}`, 'volume labels are not imported; set metadata.labels on the claim');
      else if (k !== 'external' && k !== 'name') problem(`${path}.${k}`, 'not a key of a Compose volume: ignored');
    }
    const external = o.external === true || isRecord(o.external);
    const claimName = claimNameOf(key, taken);
    if (claimName === undefined) {
      problem(path, `"${key}" cannot be made a claim name (a lowercase RFC 1123 label): rename the volume`);
      continue;
    }
    if (claimName !== key) problem(path, `the claim is named "${claimName}": "${key}" is not a valid Kubernetes name (lowercase letters, digits and "-")`);
    if (external) {
      problem(path, `external: no claim is made; the mounts use an existing PersistentVolumeClaim named "${claimName}" (PersistentVolumeClaim.fromClaimName())`);
    }
    volumes.set(key, { key, claimName, external });
  }
  return volumes;
}

/** A volume's claim name: its own when valid, else made valid (lowercase, `-` for the rest), unique. */
function claimNameOf(key: string, taken: Set<string>): string | undefined {
  let name = key;
  if (isDns1123Label(name).length > 0) name = key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  if (name === '' || isDns1123Label(name).length > 0) return undefined;
  for (let n = 2; taken.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
  taken.add(name);
  return name;
}

function claimObject(file: string, namespace: string, volume: DeclaredVolume): SourcedObject {
  return {
    source: `${file}: volumes.${volume.key}`,
    object: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: volume.claimName, namespace },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: DEFAULT_CLAIM_SIZE } } },
    },
  };
}

/** The ConfigMaps of the `env_file`s, one per file, shared by the services that name it. */
class EnvFileConfigs {
  private readonly byFile = new Map<string, string | null>();
  private readonly names = new Set<string>();

  constructor(private readonly file: string, private readonly options: ComposeOptions,
    private readonly variables: Map<string, string>, private readonly objects: SourcedObject[]) {}

  /** The ConfigMap name of `relative`, made when first asked for; `undefined` when the file is missing or empty. */
  public configFor(relative: string, required: boolean, service: string, path: string,
    problem: (path: string, message: string) => void): string | undefined {
    const key = relative.replace(/^\.\//, '');
    if (this.byFile.has(key)) return this.byFile.get(key) ?? undefined;
    let text: string;
    try {
      text = this.options.readFile(relative);
    } catch (e) {
      const missing = (e as { code?: unknown }).code === 'ENOENT';
      if (required || !missing) {
        problem(path, missing ? `the env file ${relative} does not exist (beside the Compose file): its variables are not imported`
          : `the env file ${relative} cannot be read (${(e as Error).message}): its variables are not imported`);
      }
      this.byFile.set(key, null);
      return undefined;
    }
    const data: Record<string, string> = {};
    for (const entry of parseEnvFile(text, (name) => this.variables.get(name), (message) => problem(path, `${relative} ${message}`))) {
      const invalid = isConfigMapKey(entry.key);
      if (invalid.length > 0) problem(path, `${relative}: the variable "${entry.key}" cannot be a Config key (${invalid[0]}): it is not imported`);
      else data[entry.key] = entry.value;
      if (invalid.length === 0 && looksSecret(entry.key) && entry.value !== '') {
        problem(path, `${relative}: ${entry.key} looks like a secret: its value goes into a ConfigMap and the generated code; keep it in a Secret instead (EnvFrom.secret())`);
      }
    }
    if (Object.keys(data).length === 0) {
      problem(path, `the env file ${relative} sets no variables: no Config is made`);
      this.byFile.set(key, null);
      return undefined;
    }
    const name = this.nameFor(key, service);
    this.byFile.set(key, name);
    this.objects.push({
      source: `${this.file}: ${path}`,
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name, namespace: this.options.namespace },
        data,
      },
    });
    return name;
  }

  /** `api.env` → `api-env`, `.env` → `<service>-env`; numbered when taken. */
  private nameFor(relative: string, service: string): string {
    const base = relative.split(/[\\/]/).pop()!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    let name = (base === '' || base === 'env' ? `${service}-env` : base).slice(0, 63).replace(/-+$/, '');
    if (isDns1123Label(name).length > 0) name = 'env';
    for (let n = 2; this.names.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
    this.names.add(name);
    return name;
  }
}

/** Each `depends_on` (list or map form) as a connection, when the dependency has a Service port; else a problem. */
function dependencies(file: string, namespace: string, services: Record<string, unknown>, translated: TranslatedService[],
  problem: (path: string, message: string) => void): ImportConnection[] {
  const byName = new Map(translated.map((t) => [t.name, t]));
  const connections: ImportConnection[] = [];
  for (const t of translated) {
    const service = services[t.name] as Record<string, unknown>;
    const dependsOn = service.depends_on;
    if (dependsOn === undefined) continue;
    const path = `services.${t.name}.depends_on`;
    let entries: Array<[string, unknown]>;
    if (Array.isArray(dependsOn) && dependsOn.every((d) => typeof d === 'string')) entries = dependsOn.map((d) => [d as string, {}]);
    else if (isRecord(dependsOn)) entries = Object.entries(dependsOn);
    else {
      problem(path, `received ${describe(dependsOn)}; allowed: a list of service names, or a map of service names to { condition }`);
      continue;
    }
    for (const [dependency, options] of entries) {
      const target = byName.get(dependency);
      const condition = isRecord(options) ? options.condition : undefined;
      if (condition === 'service_completed_successfully') {
        problem(`${path}.${dependency}`, 'Kubernetes starts workloads in no order: run a one-off task as a Job, or as an init container of this workload');
      }
      if (!(dependency in services)) {
        problem(`${path}.${dependency}`, `"${dependency}" is not a service of the file`);
      } else if (!target) {
        problem(`${path}.${dependency}`, `"${dependency}" was not imported (see its problems): no connection is made`);
      } else if (!target.hasService) {
        problem(`${path}.${dependency}`, `"${dependency}" has no ports (no ports or expose): no port is known to connect to; call connectTo() once it has one`);
      } else {
        connections.push({ namespace, from: t.name, to: dependency, source: `${file}: services.${t.name}` });
      }
    }
  }
  return connections;
}
