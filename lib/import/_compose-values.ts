/**
 * The value grammars of the Compose Specification that the Compose reader (`compose.ts`) translates: durations,
 * byte sizes and CPU counts (to Kubernetes quantities), port mappings and volume strings. Each parser returns the
 * value, or a string saying what is wrong with the input.
 *
 * @see https://docs.docker.com/reference/compose-file/extension/ (value types: duration, byte value)
 * @internal
 */
import { parseGoDuration } from '../core/go-duration';
import { formatCpu, formatMemory, parseQuantity } from '../core/quantity';

/** A value, or what is wrong with the input (the caller adds where). */
export type Parsed<T> = { readonly value: T } | { readonly problem: string };

const DURATION_ALLOWED = 'a duration: numbers with units ns, us, ms, s, m, h, e.g. "30s", "1m30s" or "1.5s"';

/**
 * A Compose duration (Go's `time.ParseDuration`, as Docker reads it: `1m30s`, `10s`, `1.5h`, `500ms`) in whole
 * seconds, rounded up (a probe's timings are whole seconds); `rounded` tells whether that changed it.
 */
export function parseDurationSeconds(text: unknown): Parsed<{ seconds: number; rounded: boolean }> {
  if (typeof text !== 'string') return { problem: `received ${describe(text)}; allowed: ${DURATION_ALLOWED}` };
  const parsed = parseGoDuration(text);
  if ('problem' in parsed || parsed.nanoseconds < 0n) return { problem: `received "${text}"; allowed: ${DURATION_ALLOWED}` };
  const seconds = (parsed.nanoseconds + 999_999_999n) / 1_000_000_000n;
  return { value: { seconds: Number(seconds), rounded: seconds * 1_000_000_000n !== parsed.nanoseconds } };
}

const BYTE_UNITS: Readonly<Record<string, bigint>> = {
  '': 1n, k: 1n << 10n, m: 1n << 20n, g: 1n << 30n, t: 1n << 40n, p: 1n << 50n,
};
const BYTES_ALLOWED = 'a byte value: a number of bytes, or a number with a unit b, k, m, g (powers of 1024), e.g. "512m", "1g" or "1.5GB"';

/**
 * A Compose byte value (`memory: 512M`, `mem_limit: 1g`, `tmpfs.size`), as Docker reads it (go-units `RAMInBytes`:
 * units k, m, g, t, p are powers of 1024, with an optional `b`/`ib`, any case), as a canonical Kubernetes memory
 * quantity: `512M` is `"512Mi"`, `1.5g` `"1536Mi"`, `1000` `"1000"`.
 */
export function parseBytes(value: unknown): Parsed<string> {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const m = typeof text === 'string' ? /^(\d+(?:\.\d+)?) ?([kmgtp]?)(?:i?b)?$/i.exec(text) : null;
  if (!m) return { problem: `received ${describe(value)}; allowed: ${BYTES_ALLOWED}` };
  const [whole, fraction = ''] = m[1].split('.');
  const unit = BYTE_UNITS[m[2].toLowerCase()];
  const bytes = (BigInt(whole + fraction) * unit) / 10n ** BigInt(fraction.length);
  return { value: formatMemory(bytes * 1_000_000_000n) };
}

/** A Compose CPU count (`cpus: 0.5`, `"1.5"`) as a canonical Kubernetes CPU quantity (`"500m"`, `"1500m"`). */
export function parseCpus(value: unknown): Parsed<string> {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const nanos = typeof text === 'string' && /^(\d+(\.\d*)?|\.\d+)$/.test(text) ? parseQuantity(text) : undefined;
  if (nanos === undefined || nanos === 0n) {
    return { problem: `received ${describe(value)}; allowed: a number of CPUs greater than 0, e.g. 0.5 or "2"` };
  }
  return { value: formatCpu(nanos) };
}

/** The Kubernetes protocols a Compose port may name. */
export type PortProtocol = 'TCP' | 'UDP' | 'SCTP';

/** One port of a Compose service, from `ports` (published on the host) or `expose`. */
export interface ComposePort {
  /** The container's port. */
  readonly target: number;
  /** The port published on the host, if one is given: the Service's port. */
  readonly published?: number;
  readonly protocol: PortProtocol;
  /** The name given in the long syntax. */
  readonly name?: string;
  /** The host IP it is published on, if given (it has no Kubernetes meaning). */
  readonly hostIp?: string;
}

const PORT_ALLOWED = 'a port mapping "[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]" (e.g. "8080:80", "80", "53:53/udp") or a map with target, published, protocol';

function portNumber(text: string, what: string, entry: unknown): Parsed<number> {
  if (/^\d+-\d+$/.test(text)) {
    return { problem: `${describe(entry)} has the ${what} port range ${text}: a Service lists single ports; write one mapping per port` };
  }
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 65535)) return { problem: `${describe(entry)} has the ${what} port "${text}"; allowed: a port number from 1 to 65535` };
  return { value: n };
}

function protocolOf(text: string | undefined, entry: unknown): Parsed<PortProtocol> {
  const p = (text ?? 'tcp').toLowerCase();
  if (p === 'tcp' || p === 'udp' || p === 'sctp') return { value: p.toUpperCase() as PortProtocol };
  return { problem: `${describe(entry)} has the protocol "${text}"; allowed: tcp, udp or sctp` };
}

/** One entry of a service's `ports` (short or long syntax) or `expose` (`expose: true`). */
export function parsePort(entry: unknown, expose: boolean): Parsed<ComposePort> {
  if (typeof entry === 'number') return parsePort(String(entry), expose);
  if (typeof entry === 'string') {
    const slash = entry.lastIndexOf('/');
    const protocol = protocolOf(slash < 0 ? undefined : entry.slice(slash + 1), entry);
    if ('problem' in protocol) return protocol;
    const parts = (slash < 0 ? entry : entry.slice(0, slash)).split(':');
    if (expose && parts.length > 1) return { problem: `received ${describe(entry)}; allowed: a container port, e.g. "3000" or "53/udp"` };
    if (parts.some((p, i) => p === '' && i === parts.length - 1)) return { problem: `received ${describe(entry)}; allowed: ${PORT_ALLOWED}` };
    const target = portNumber(parts[parts.length - 1], 'container', entry);
    if ('problem' in target) return target;
    const publishedText = parts.length >= 2 ? parts[parts.length - 2] : '';
    let published: number | undefined;
    if (publishedText !== '') {
      const p = portNumber(publishedText, 'published', entry);
      if ('problem' in p) return p;
      published = p.value;
    }
    const hostIp = parts.length > 2 ? parts.slice(0, -2).join(':') : undefined;
    return { value: { target: target.value, published, protocol: protocol.value, hostIp } };
  }
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !['target', 'published', 'protocol', 'host_ip', 'mode', 'name', 'app_protocol'].includes(k));
    if (unknown.length > 0) return { problem: `${describe(entry)} has the unknown key ${unknown[0]}; allowed: ${PORT_ALLOWED}` };
    const target = portNumber(String(e.target ?? ''), 'container', entry);
    if ('problem' in target) return target;
    let published: number | undefined;
    if (e.published !== undefined && e.published !== '') {
      const p = portNumber(String(e.published), 'published', entry);
      if ('problem' in p) return p;
      published = p.value;
    }
    const protocol = protocolOf(e.protocol === undefined ? undefined : String(e.protocol), entry);
    if ('problem' in protocol) return protocol;
    return {
      value: {
        target: target.value,
        published,
        protocol: protocol.value,
        name: typeof e.name === 'string' ? e.name : undefined,
        hostIp: typeof e.host_ip === 'string' ? e.host_ip : undefined,
      },
    };
  }
  return { problem: `received ${describe(entry)}; allowed: ${PORT_ALLOWED}` };
}

/** A service's `volumes` entry, read: what it mounts where. */
export interface ComposeMount {
  readonly type: 'volume' | 'bind' | 'tmpfs' | 'other';
  /** A named volume's name, a bind mount's host path, or `undefined` (an anonymous volume, a tmpfs). */
  readonly source?: string;
  /** The path in the container. */
  readonly target: string;
  readonly readOnly: boolean;
  /** The size of a tmpfs (a Kubernetes quantity). */
  readonly sizeLimit?: string;
  /** The long syntax's type when it is none of the above (`npipe`, `cluster`, `image`). */
  readonly otherType?: string;
}

/** Whether a short-syntax volume source is a host path (a bind mount) rather than a volume's name. */
function isHostPath(source: string): boolean {
  return source.startsWith('/') || source.startsWith('.') || source.startsWith('~') || /^[a-zA-Z]:[\\/]/.test(source) || source.includes('/');
}

const VOLUME_ALLOWED = 'a mount "VOLUME:CONTAINER_PATH[:ro]", "CONTAINER_PATH", or a map with type, source, target, read_only';

/** One entry of a service's `volumes` (short or long syntax). */
export function parseMount(entry: unknown): Parsed<ComposeMount> {
  if (typeof entry === 'string') {
    const parts = entry.split(':');
    if (parts.length === 1) return { value: { type: 'volume', target: entry, readOnly: false } };
    const modes = parts.length >= 3 ? parts[parts.length - 1].split(',') : [];
    const [source, target] = parts.length >= 3 ? [parts.slice(0, -2).join(':'), parts[parts.length - 2]] : parts;
    if (target === '' || !target.startsWith('/')) return { problem: `received ${describe(entry)}; allowed: ${VOLUME_ALLOWED}, with an absolute container path` };
    return { value: { type: isHostPath(source) ? 'bind' : 'volume', source, target, readOnly: modes.includes('ro') } };
  }
  if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
    const e = entry as Record<string, unknown>;
    if (typeof e.target !== 'string' || !e.target.startsWith('/')) return { problem: `${describe(entry)} has no absolute target; allowed: ${VOLUME_ALLOWED}` };
    const type = typeof e.type === 'string' ? e.type : 'volume';
    const source = typeof e.source === 'string' && e.source !== '' ? e.source : undefined;
    const readOnly = e.read_only === true;
    if (type === 'volume' || type === 'bind') return { value: { type, source, target: e.target, readOnly } };
    if (type === 'tmpfs') {
      const tmpfs = e.tmpfs as Record<string, unknown> | undefined;
      if (tmpfs?.size === undefined) return { value: { type, target: e.target, readOnly } };
      const size = parseBytes(tmpfs.size);
      if ('problem' in size) return { problem: `tmpfs.size ${size.problem}` };
      return { value: { type, target: e.target, readOnly, sizeLimit: size.value } };
    }
    return { value: { type: 'other', otherType: type, source, target: e.target, readOnly } };
  }
  return { problem: `received ${describe(entry)}; allowed: ${VOLUME_ALLOWED}` };
}

/** Whether `x` is a plain map (not a list, not null). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A value for a message: its JSON, shortened. */
export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Whether a variable's name says it holds a secret (`DB_PASSWORD`, `API_TOKEN`, `SECRET_KEY`): its value would be
 * written into the generated code or a ConfigMap.
 */
export function looksSecret(name: string): boolean {
  return /PASSW(OR)?D|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i.test(name);
}
