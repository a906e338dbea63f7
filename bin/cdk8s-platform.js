#!/usr/bin/env node
// The cdk8s-platform command line (see lib/cli): synth, diff, ...
// In this repository it runs the TypeScript sources (transpiled by ./register.js, with swc); in the npm package, the
// compiled build/.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
let cli;
if (fs.existsSync(path.join(root, 'lib', 'cli', 'index.ts'))) {
  require('./register');
  cli = require('../lib/cli');
} else {
  cli = require('../build/lib/cli');
}
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
