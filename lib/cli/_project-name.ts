import * as path from 'path';
import { PlatformError } from '../core/errors';
import { isDns1123Label } from '../core/names';
import { RESERVED_WORDS } from '../core/_reserved-words';

/** The longest project name: it is a namespace, a DNS-1123 label. */
const MAX_LENGTH = 63;

/**
 * The project name made from `raw` (a folder name or `--name`): a DNS-1123 label, which is also a valid npm name.
 * Accents are dropped (`café` → `cafe`), camel case is split (`AppStack` → `app-stack`), letters are lower-cased, and
 * each run of other characters (`_`, spaces, dots, other scripts) becomes one `-`; at most 63 characters, with no `-`
 * at either end. The result may be empty, when `raw` holds no latin letter or digit.
 */
export function projectNameFrom(raw: string): string {
  return raw.normalize('NFKD').replace(/\p{M}+/gu, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
}

/**
 * The project name of `init` in `dir`: `--name` (`given`), else the folder's name, made a DNS-1123 label by
 * `projectNameFrom()`.
 *
 * @throws PlatformError when nothing valid can be made of it (e.g. `日本`, `___`): naming the source, the value and
 * what is allowed
 */
export function projectName(dir: string, given: string | undefined): string {
  const raw = given ?? path.basename(dir);
  const name = projectNameFrom(raw);
  const reasons = isDns1123Label(name);
  if (name === '' || reasons.length > 0) {
    const source = given !== undefined ? '--name' : `the folder name ${JSON.stringify(raw)}`;
    const why = name === '' ? 'it has no latin letter or digit' : reasons.join('; ');
    throw new PlatformError(`init: ${source} gives the project name ${JSON.stringify(name)} (${why}); ` +
      'allowed: a name with latin letters or digits, made a DNS-1123 label (lower case letters, digits and "-"): it names the npm package, the stack and its namespace; pass --name, e.g. --name my-app');
  }
  return name;
}

/**
 * The names a generated identifier must not take: reserved words, what the generated files import (`Construct`), and
 * every export of the library's two entries, read from the loaded modules (so a class added to the library later is
 * avoided too).
 */
export function takenIdentifiers(): Set<string> {
  const taken = new Set([...RESERVED_WORDS, 'Construct']);
  // The entries are loaded by path: the command line is the library's top layer, and reads what they export.
  for (const entry of ['index', path.join('testing', 'index')]) {
    for (const name of Object.keys(require(path.join(__dirname, '..', entry)))) taken.add(name);
  }
  return taken;
}

/**
 * `base`, or, when it is taken, `base` followed by the first number from 2 that makes it free (`AppStack` →
 * `AppStack2`).
 */
export function freeIdentifier(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}${n}`)) n++;
  return `${base}${n}`;
}
