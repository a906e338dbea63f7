// The app `cdk8s synth` runs (see cdk8s.yaml): every example stack, written to dist/.
import { PlatformApp } from '../lib';
import { defineExamples } from './examples';

PlatformApp.run(defineExamples);
