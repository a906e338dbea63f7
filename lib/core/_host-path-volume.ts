/**
 * The name `HostAccess.paths()` gives the volume of a host path when no `volumeName` is given, in one place for the
 * construct (lib/workloads/host-access.ts) and for `import` (lib/import/_node-workload-code.ts), which writes
 * `volumeName` only when the input's volume is named otherwise.
 */
import { DNS1123_LABEL_MAX_LENGTH } from './names';

/**
 * `host-<path>`: the path in lower case, each run of other characters than a-z and 0-9 as one `-`, without leading or
 * trailing `-` (`/` is `root`), cut to the 63 characters of a volume name. The construct numbers it (`-2`) when another
 * volume of the pod has that name already.
 */
export function hostPathVolumeName(hostPath: string): string {
  const slug = hostPath.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `host-${slug.length > 0 ? slug : 'root'}`.slice(0, DNS1123_LABEL_MAX_LENGTH).replace(/-+$/, '');
}
