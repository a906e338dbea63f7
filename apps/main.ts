// The app `npm run synth` (cdk8s-platform synth) runs, see cdk8s.yaml: every example environment, each written to
// dist/<env>/. Select some with `npm run synth -- --env dev` (or CDK8S_PLATFORM_ENV=dev).
import { PlatformApp } from '../lib';
import { defineExamples } from './examples';

PlatformApp.run(defineExamples);
