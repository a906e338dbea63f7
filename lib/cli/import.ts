import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { fsErrorReason } from '../core/_fs-error';
import { forTerminal } from '../core/_terminal';
import { isDns1123Label } from '../core/names';
import { generateModule } from '../import/generate-module';
import { readImportInputs } from '../import/import-inputs';
import { maxInputSizeOption } from './_input-options';
import type { CommandContext } from './command-context';

/** The options of `cdk8s-platform import`. */
interface ImportOptions {
  readonly out: string;
  readonly namespace?: string;
  readonly force?: boolean;
  readonly maxInputSize: number;
}

/** The module written when `--out` is not given, relative to the working directory. */
export const DEFAULT_IMPORT_OUT = path.join('apps', 'imported.ts');

/**
 * `cdk8s-platform import PATH...`: reads Kubernetes manifests and Compose files and writes one TypeScript module
 * that defines them with the library's constructs. Prints each problem (`source: message`) and a summary line on
 * standard error; exit code 0 when something was imported, 1 when nothing could be (or the module cannot be
 * written).
 */
export function importCommand(ctx: CommandContext): Command {
  return new Command('import')
    .description('Turn Kubernetes manifests and docker-compose files into a TypeScript module of cdk8s-platform constructs.')
    .argument('<paths...>', 'YAML (or JSON) manifests, folders searched recursively for .yaml/.yml/.json files, compose.yaml or docker-compose.yml files; - reads manifests from standard input')
    .option('--out <file>', 'the module to write', DEFAULT_IMPORT_OUT)
    .option('--namespace <namespace>', 'the namespace of objects that name none, and of Compose services (default: "default")', (value: string) => {
      const problems = isDns1123Label(value);
      if (problems.length > 0) throw new InvalidArgumentError(`received ${JSON.stringify(value)}; allowed: a namespace name (a DNS-1123 label: ${problems.join('; ')}).`);
      return value;
    })
    .option('--force', 'overwrite the module if it exists')
    .addOption(maxInputSizeOption())
    .addHelpText('after', [
      '',
      'The module defines one AppStack per namespace and keeps names, namespaces, selectors, labels and values as',
      'they are; its header lists what the library adds on purpose (security contexts, probes, budgets, labels)',
      'and how to opt out of each. Secret values are never written: Secrets are referenced by name.',
      '',
      'Examples:',
      '  cdk8s-platform import k8s/',
      '  helm template my-release ./chart | cdk8s-platform import - --out apps/my-release.ts',
      '  cdk8s-platform import docker-compose.yml --namespace shop',
      '',
    ].join('\n'))
    .action((paths: string[], options: ImportOptions) => {
      ctx.setExitCode(runImport(ctx, paths, options));
    });
}

/** Runs the import and returns the exit code. */
function runImport(ctx: CommandContext, paths: readonly string[], options: ImportOptions): number {
  const { io } = ctx;
  const out = path.resolve(io.cwd, options.out);
  const shownOut = path.relative(io.cwd, out).startsWith('..') ? out : path.relative(io.cwd, out);
  const refusal = outRefusal(out, options.force === true);
  if (refusal !== undefined) {
    io.stderr(`${forTerminal(`cdk8s-platform import: ${shownOut}: ${refusal}`, true)}\n`);
    return 1;
  }
  const inputs = readImportInputs(paths, {
    cwd: io.cwd,
    stdin: io.stdin ?? (() => ''),
    namespace: options.namespace,
    maxInputSize: options.maxInputSize,
  });
  const result = generateModule(inputs.objects, { namespace: options.namespace, connections: inputs.connections });
  const problems = [...inputs.problems, ...result.problems];
  for (const p of problems) io.stderr(`${forTerminal(`${p.source}: ${p.message}`, true)}\n`);
  const imported = result.constructs + result.rawObjects > 0;
  const summary = `Read ${plural(inputs.objects.length, 'object')}: ${result.constructs} written as constructs, ${result.rawObjects} as raw ApiObjects; ${plural(problems.length, 'problem')}`;
  if (!imported) {
    io.stderr(`${summary}; nothing to import, ${shownOut} not written\n`);
    return 1;
  }
  try {
    writeAtomically(out, result.source);
  } catch (e) {
    io.stderr(`${forTerminal(`cdk8s-platform import: ${shownOut}: cannot be written: ${fsErrorReason(e)}`, true)}\n`);
    return 1;
  }
  io.stderr(`${summary}; wrote ${shownOut}\n`);
  return 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Why the module cannot be written at `out`, or undefined when it can. */
function outRefusal(out: string, force: boolean): string | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(out);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return `exists and is not a regular file; allowed: a new file, or a regular file with --force`;
  if (!force) return 'exists; allowed: a new file (give another --out), or --force to overwrite it';
  return undefined;
}

/** Writes `text` to a temporary file beside `file`, then renames it over `file`: never a half-written module. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (e) {
    fs.rmSync(temporary, { force: true });
    throw e;
  }
}
