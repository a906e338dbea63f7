/**
 * The names the constructs give the volumes they mount when no `volumeName` is given (`Mount`, `HostAccess.paths()`),
 * in one place for the constructs (lib/workloads/mount.ts, host-access.ts) and for `import` (lib/import/), which
 * writes `volumeName` only when the input's volume is named otherwise.
 */
import { DNS1123_LABEL_MAX_LENGTH } from './names';

/** The volume of a ConfigMap, Secret or claim that `Mount` mounts: `config-<name>`, `secret-<name>`, `claim-<name>`. */
export function sourceVolumeName(source: 'config' | 'secret' | 'claim', name: string): string {
  return `${source}-${name}`;
}

/**
 * The volume of an emptyDir that `Mount.emptyDir()` mounts: its path in lower case, each run of other characters
 * than a-z and 0-9 as one `-`, without leading or trailing `-` (`/` is `root`).
 */
export function emptyDirVolumeName(path: string): string {
  const slug = path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.length > 0 ? slug : 'root';
}

/**
 * `host-<path>`, with the path written as {@link emptyDirVolumeName} writes it, cut to the 63 characters of a volume
 * name. The construct numbers it (`-2`) when another volume of the pod has that name already.
 */
export function hostPathVolumeName(hostPath: string): string {
  return `host-${emptyDirVolumeName(hostPath)}`.slice(0, DNS1123_LABEL_MAX_LENGTH).replace(/-+$/, '');
}
