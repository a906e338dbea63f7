import * as path from 'path';
import { Command, Option } from 'commander';
import { checkKubernetesVersion, DEFAULT_KUBERNETES_VERSION, SUPPORTED_KUBERNETES_VERSIONS } from '../core/kubernetes-version';
import { DeclaredExternal } from '../validation/object-index';
import { EXTERNAL_ALLOWED, parseExternal } from '../validation/external-references';
import { Finding } from '../validation/finding';
import { readCrds } from '../input/crd-files';
import { forTerminal } from '../core/_terminal';
import { ValidationPreset } from '../validation/presets';
import { formatReport, toJsonReport } from '../validation/report';
import { validateObjects } from '../validation/validator';
import { maxInputSizeOption } from './_input-options';
import { loadManifests, STDIN } from './_manifests';
import { loadRulesModules, RULES_MODULE_ALLOWED } from './_rules-modules';
import type { CommandContext } from './command-context';

/** The options of `check`. */
interface CheckOptions {
  readonly format: 'human' | 'json';
  readonly preset: string;
  readonly external: string[];
  readonly rules: string[];
  readonly crd: string[];
  readonly failOnWarnings?: boolean;
  readonly maxInputSize: number;
  readonly kubernetesVersion: string;
}

/**
 * `cdk8s-platform check PATH...`: validates the Kubernetes objects in YAML files and folders (Helm output, vendored
 * manifests, `dist/`) with the same rules as synth; the path `-` is standard input (`helm template ... | check -`).
 * Exit code 1 when any finding is an error (or a warning, with `--fail-on-warnings`), or a file cannot be read.
 */
export function checkCommand(ctx: CommandContext): Command {
  return new Command('check')
    .description('Validate Kubernetes YAML files and folders: schema, API-server rules, integrity and policy.')
    .argument('<paths...>', 'YAML (or JSON) files, or folders searched recursively for .yaml/.yml/.json files; - reads standard input')
    .addOption(new Option('--format <format>', 'output format').choices(['human', 'json']).default('human'))
    .option('--preset <preset>', `which rules run and how severe their findings are: ${ValidationPreset.ALL.map((p) => p.name).join(', ')}, or a preset of a --rules module`, 'recommended')
    .option('--rules <module>', `your own rules and presets: ${RULES_MODULE_ALLOWED}; repeatable`,
      (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--crd <path>', 'a file or folder of CustomResourceDefinition YAML that custom resources are checked against (besides the CRDs among the objects); repeatable',
      (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--external <Kind/name>', `an object that exists outside these files, so references to it are fine (${EXTERNAL_ALLOWED}); repeatable`,
      (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option('--fail-on-warnings', 'exit 1 on warnings too')
    .option('--kubernetes-version <version>', `the Kubernetes minor version the objects are checked for: its schema, API server rules and served API versions (${SUPPORTED_KUBERNETES_VERSIONS[0]} to ${SUPPORTED_KUBERNETES_VERSIONS[SUPPORTED_KUBERNETES_VERSIONS.length - 1]})`, DEFAULT_KUBERNETES_VERSION)
    .addOption(maxInputSizeOption())
    .action((paths: string[], options: CheckOptions) => {
      const kubernetesVersion = checkKubernetesVersion(options.kubernetesVersion, '--kubernetes-version');
      const externals: DeclaredExternal[] = [];
      for (const text of options.external) {
        const parsed = parseExternal(text);
        if (!parsed) {
          ctx.io.stderr(`cdk8s-platform check: --external: received ${JSON.stringify(text)}; allowed: ${EXTERNAL_ALLOWED}\n`);
          ctx.setExitCode(1);
          return;
        }
        externals.push(parsed);
      }
      const custom = loadRulesModules(options.rules, ctx.io.cwd);
      const preset = ValidationPreset.named(options.preset) ?? custom.presets.find((p) => p.name === options.preset);
      if (!preset) {
        const names = [...ValidationPreset.ALL, ...custom.presets].map((p) => JSON.stringify(p.name)).join(', ');
        ctx.io.stderr(`cdk8s-platform check: --preset: received ${JSON.stringify(options.preset)}; allowed: ${names}${custom.presets.length === 0 ? ', or a preset of a --rules module' : ''}\n`);
        ctx.setExitCode(1);
        return;
      }
      const crds = readCrds(options.crd, { cwd: ctx.io.cwd, maxInputSize: options.maxInputSize });
      if (crds.problems.length > 0) {
        for (const p of crds.problems) ctx.io.stderr(`cdk8s-platform check: --crd: ${forTerminal(p.message)}\n`);
        ctx.setExitCode(1);
        return;
      }
      const loaded = loadManifests(paths.map((p) => (p === STDIN ? p : path.resolve(ctx.io.cwd, p))), ctx.io.cwd, ctx.io.stdin,
        { maxInputSize: options.maxInputSize });
      const result = validateObjects(loaded.objects, { preset, rules: custom.rules, externals, kubernetesVersion, customResourceDefinitions: crds.crds },
        loaded.locations.map((location, i) => ({ location, locate: loaded.locators[i] })));
      const unreadable: Finding[] = loaded.problems.map((p) => ({
        rule: 'yaml-syntax', severity: 'error', apiVersion: '', kind: '', name: '', field: '', location: p.location, message: p.message,
      }));
      const report = { ...result, findings: [...unreadable, ...result.findings] };
      if (options.format === 'json') ctx.io.stdout(`${JSON.stringify(toJsonReport(report), null, 2)}\n`);
      else {
        ctx.io.stdout(formatReport(report, loaded.objects.length));
        const linked = loaded.linkedFiles.length;
        if (linked > 0) ctx.io.stdout(`${linked} of ${loaded.files.length} file(s) read through symbolic links\n`);
      }
      const failing = report.findings.some((f) => f.severity === 'error' || (options.failOnWarnings === true && f.severity === 'warning'));
      if (failing) ctx.setExitCode(1);
    });
}
