// `node -r cdk8s-platform/register apps/main.ts`: Node runs the app's TypeScript files, each transpiled by swc
// (@swc/core, a devDependency of the project) when it is required, to CommonJS and ES2022 (which Node 20 runs as is).
// Nothing is type-checked (`tsc --noEmit` does that) and the TypeScript compiler is never loaded: @swc-node/register
// and ts-node load it (to read tsconfig.json, or to transpile), and that load is most of their start-up time. What a
// project's tsconfig could change is fixed here, as `init` writes it: CommonJS, ES2022, no decorators,
// esModuleInterop.
// Stack traces name the lines of the TypeScript source (inline source maps). A syntax error is thrown as swc
// reports it; `cdk8s-platform synth` prints it as file:line:column (bin/compile-errors.js).
'use strict';
const fs = require('fs');
const Module = require('module');

/**
 * @swc/core, as the project in the working folder installed it (found from there first: with pnpm a package sees only
 * its own dependencies), else as seen from this package; a clear error when it is not installed.
 */
function loadSwc() {
  try {
    return require(require.resolve('@swc/core', { paths: [process.cwd(), __dirname] }));
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && /'@swc\/core'/.test(e.message)) {
      throw new Error('cdk8s-platform/register transpiles TypeScript with @swc/core, which is not installed: npm install --save-dev @swc/core');
    }
    throw e;
  }
}

const swc = loadSwc();

/** swc's options for one file: TypeScript in, CommonJS out, with its source map inline. */
function options(filename) {
  return {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  };
}

process.setSourceMapsEnabled(true);
for (const extension of ['.ts', '.cts']) {
  Module._extensions[extension] = function compileTypeScript(module, filename) {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), options(filename));
    module._compile(code, filename);
  };
}
