import * as fs from 'fs';
import * as path from 'path';
import { formatValue, PlatformError } from '../core/errors';
import { ValidationPreset } from '../validation/presets';
import { Rule } from '../validation/rule';
import { validationOptionProblems } from '../validation/validator';

/** What `check --rules` takes, in words. */
export const RULES_MODULE_ALLOWED = 'a JavaScript or TypeScript module (a path relative to the working folder) exporting `rules` (an array of rules) and optionally `presets` (an array of ValidationPreset.custom(...))';

/** The TypeScript extensions, loaded through a TypeScript loader when Node.js cannot load them itself. */
const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.cts', '.mts', '.tsx']);

/**
 * The TypeScript loaders tried, in order, from the working folder: what registers itself with `require()`. This
 * package's own (`cdk8s-platform/register`, which needs `@swc/core`, as `cdk8s-platform init` sets up) comes last:
 * the project's own loader, if it has one, is preferred.
 */
const TYPESCRIPT_LOADERS = ['@swc-node/register', 'ts-node/register/transpile-only', 'tsx/cjs', 'cdk8s-platform/register'];

/** The rules and presets of the `--rules` modules. */
export interface RulesModules {
  /** Every module's rules, module by module. */
  readonly rules: Rule[];
  /** Every module's presets, module by module. */
  readonly presets: ValidationPreset[];
}

/** How the modules are loaded; tests replace it. */
export interface ModuleLoading {
  /** Loads a module by its absolute path. @default Node.js's `require()` */
  readonly load?: (file: string) => unknown;
  /** The TypeScript loaders tried when loading a TypeScript module fails with a syntax error. @default @swc-node/register, ts-node, tsx, cdk8s-platform/register */
  readonly loaders?: readonly string[];
}

/**
 * Loads the `--rules` modules (paths relative to `cwd`) and checks what they export: each rule as `validation.rules`
 * takes it (no id of a built-in rule, nor of another rule of these modules), each preset a `ValidationPreset` with a
 * name of its own.
 *
 * A TypeScript module is loaded as Node.js loads it when it can (a loader already registered, as in this repository's
 * `bin/cdk8s-platform.js`, or Node.js's own type stripping); else through the first TypeScript loader installed in
 * the working folder's project (`@swc-node/register`, `ts-node`, `tsx`, else `cdk8s-platform/register` with `@swc/core`).
 *
 * @throws PlatformError naming the module and what is wrong with it
 */
export function loadRulesModules(specs: readonly string[], cwd: string, loading: ModuleLoading = {}): RulesModules {
  const rules: Rule[] = [];
  const presets: ValidationPreset[] = [];
  const ruleAt = new Map<string, string>();
  const presetAt = new Map<string, string>();
  for (const spec of specs) {
    const exported = loadModule(spec, path.resolve(cwd, spec), cwd, loading);
    const fail = (what: string, value: unknown, allowed: string): never => {
      throw new PlatformError(`--rules ${formatValue(spec)}: ${what} received ${formatValue(value)}; allowed: ${allowed}`);
    };
    const moduleRules = exported.rules ?? [];
    const modulePresets = exported.presets ?? [];
    if (exported.rules === undefined && exported.presets === undefined) fail('the module exports neither `rules` nor `presets`; it', Object.keys(exported), RULES_MODULE_ALLOWED);
    if (!Array.isArray(moduleRules)) fail('exports.rules', moduleRules, 'an array of rules');
    if (!Array.isArray(modulePresets)) fail('exports.presets', modulePresets, 'an array of ValidationPreset.custom(...)');
    const problems = validationOptionProblems({ rules: moduleRules as Rule[] });
    if (problems.length > 0) {
      throw new PlatformError(`--rules ${formatValue(spec)}: invalid rules:\n${problems.map((p) => `  - exports.${p.prop}: received ${formatValue(p.value)}; allowed: ${p.allowed}`).join('\n')}`);
    }
    (moduleRules as Rule[]).forEach((rule, i) => {
      const other = ruleAt.get(rule.id);
      if (other) fail(`exports.rules[${i}].id`, rule.id, `an id of its own: ${other} has it`);
      ruleAt.set(rule.id, `rules[${i}] of ${formatValue(spec)}`);
      rules.push(rule);
    });
    (modulePresets as unknown[]).forEach((preset, i) => {
      if (!ValidationPreset.isValidationPreset(preset)) return fail(`exports.presets[${i}]`, preset, 'a ValidationPreset, made with ValidationPreset.custom({ name, ... })');
      const other = presetAt.get(preset.name);
      if (other || ValidationPreset.named(preset.name)) {
        fail(`exports.presets[${i}].name`, preset.name, `a name of its own: ${other ?? 'a built-in preset'} has it`);
      }
      presetAt.set(preset.name, `presets[${i}] of ${formatValue(spec)}`);
      presets.push(preset);
    });
  }
  return { rules, presets };
}

/** The exports of the module at `file` (`spec` as given), loading TypeScript through a loader when needed. */
function loadModule(spec: string, file: string, cwd: string, loading: ModuleLoading): Record<string, unknown> {
  const load = loading.load ?? ((f: string) => require(f));
  const failed = (e: unknown): never => {
    throw new PlatformError(`--rules ${formatValue(spec)}: the module could not be loaded (${messageOf(e)}); allowed: ${RULES_MODULE_ALLOWED}`);
  };
  if (!fs.existsSync(file)) failed(new Error(`no file ${file}`));
  let exported: unknown;
  try {
    exported = load(file);
  } catch (e) {
    if (!TYPESCRIPT_EXTENSIONS.has(path.extname(file)) || !isSyntaxError(e)) return failed(e);
    const loader = registerTypeScriptLoader(cwd, loading.loaders ?? TYPESCRIPT_LOADERS);
    if (!loader) {
      throw new PlatformError(`--rules ${formatValue(spec)}: Node.js cannot load this TypeScript module by itself (${messageOf(e)}) and no TypeScript ` +
        `loader is installed in ${cwd}; allowed: a project with @swc/core (as \`cdk8s-platform init\` sets up), @swc-node/register or ts-node installed, or the module compiled to JavaScript`);
    }
    try {
      exported = load(file);
    } catch (again) {
      return failed(again);
    }
  }
  if (exported === null || typeof exported !== 'object') return failed(new Error(`it exports ${formatValue(exported)}`));
  return exported as Record<string, unknown>;
}

/** An error's message on one line (a TypeScript loader puts the compiler's diagnostics on the lines after the first). */
function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
}

/** Whether `e` says the source could not be parsed: a syntax error, or a file extension Node.js does not load. */
function isSyntaxError(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'SyntaxError' || code === 'ERR_UNKNOWN_FILE_EXTENSION';
}

/** Registers the first of `loaders` installed for the project at `cwd`; its name, or undefined when none is. */
function registerTypeScriptLoader(cwd: string, loaders: readonly string[]): string | undefined {
  for (const loader of loaders) {
    let resolved: string;
    try {
      resolved = require.resolve(loader, { paths: [cwd] });
    } catch {
      continue;
    }
    require(resolved);
    return loader;
  }
  return undefined;
}
