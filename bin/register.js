// `node -r cdk8s-platform/register apps/main.ts`: Node runs the app's TypeScript files, each transpiled by swc
// (@swc/core, a devDependency of the project) when it is required, to CommonJS for the Node version running it.
// Nothing is type-checked (`tsc --noEmit` does that) and the TypeScript compiler is never loaded: @swc-node/register
// and ts-node load it to read tsconfig.json, which costs more than the whole synth of a small app. What a project's
// tsconfig could change is fixed here, as `init` writes it: CommonJS, ES2022, no decorators, esModuleInterop.
// Stack traces name the lines of the TypeScript source (inline source maps). A syntax error is thrown as swc
// reports it; `cdk8s-platform synth` prints it as file:line:column (bin/compile-errors.js).
'use strict';
const fs = require('fs');
const Module = require('module');

/** @swc/core, from the project: a clear error when it is not installed. */
function loadSwc() {
  try {
    return require('@swc/core');
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && /@swc\/core/.test(e.message)) {
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
