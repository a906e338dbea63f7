// `ours`: the platform built with cdk8s-platform's constructs and written by `PlatformApp.synth()` (validation and
// writing included), timed from loading the library to the last file written.
import { ApiObject } from 'cdk8s';
import { report, startTimer, variantArgs } from './_measure';
import { benchPlatform } from './platform';

const { n, outdir } = variantArgs();
const platform = benchPlatform(n);

const stop = startTimer();
// Loaded inside the timed region: loading the library is part of what a user's synth pays.
const lib: typeof import('../lib') = require('../lib');
const { defineOurPlatform }: typeof import('./_ours-platform') = require('./_ours-platform');
const app = new lib.PlatformApp({ outdir });
defineOurPlatform(lib, app, platform);
app.synth();
const time = stop();

report(time, app.node.findAll().filter((c) => ApiObject.isApiObject(c)).length);
