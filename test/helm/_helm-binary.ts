import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { tmpdir } from '../_helpers';

/**
 * The real helm binary (Helm 3.8.1, linux-x64) that the devDependency `@aws-cdk/asset-kubectl-v20` ships inside its
 * `lib/layer.zip` (as `helm/helm`), so that `npm ci` installs it from the npm registry with nothing downloaded from
 * elsewhere. It is unpacked into a temporary folder of the test file (`tmpdir()`, deleted when its tests end).
 */
export const HELM_LAYER_ZIP = path.join(path.dirname(require.resolve('@aws-cdk/asset-kubectl-v20/package.json')), 'lib', 'layer.zip');

/** One entry of a zip file's central directory. */
interface ZipEntry {
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeader: number;
}

/** Finds `name` in the zip's central directory (the archive has no zip64 records: it is far below 4 GiB). */
function findEntry(zip: Buffer, name: string): ZipEntry {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${HELM_LAYER_ZIP}: no end of central directory`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${HELM_LAYER_ZIP}: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      return { method: zip.readUInt16LE(at + 10), compressedSize: zip.readUInt32LE(at + 20), localHeader: zip.readUInt32LE(at + 42) };
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${HELM_LAYER_ZIP}: no ${name} in it`);
}

let unpacked: string | undefined;

/**
 * The path of a runnable helm binary, unpacked once per test file into one of its temporary folders; helm's cache,
 * configuration and data folders are set to that folder too (`HELM_CACHE_HOME`, ... in `process.env`).
 */
export function helmBinary(): string {
  if (unpacked !== undefined && fs.existsSync(unpacked)) return unpacked;
  const zip = fs.readFileSync(HELM_LAYER_ZIP);
  const entry = findEntry(zip, 'helm/helm');
  const header = entry.localHeader;
  const data = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const compressed = zip.subarray(data, data + entry.compressedSize);
  const bytes = entry.method === 8 ? zlib.inflateRawSync(compressed) : compressed;
  const dir = tmpdir();
  const file = path.join(dir, 'helm');
  fs.writeFileSync(file, bytes, { mode: 0o755 });
  // Whatever helm would keep between runs (repository caches, plugins) stays in the temporary folder too.
  for (const home of ['CACHE', 'CONFIG', 'DATA']) process.env[`HELM_${home}_HOME`] = path.join(dir, home.toLowerCase());
  unpacked = file;
  return file;
}

/** The chart kept in test fixtures: a Deployment and a Service, with values for replicas, image and ports. */
export const HELLO_WEB_CHART = path.resolve(__dirname, '../fixtures/charts/hello-web');
