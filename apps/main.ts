// The app `npm run synth` (cdk8s-platform synth) runs, see cdk8s.yaml: every example environment, each written to
// dist/<env>/, and the Argo CD Applications that deploy them, to dist/_gitops/. Select environments with
// `npm run synth -- --env dev` (or CDK8S_PLATFORM_ENV=dev).
import { PlatformApp } from '../lib';
import { defineExamples, EXAMPLE_GITOPS } from './examples';

PlatformApp.run(defineExamples, { gitOps: EXAMPLE_GITOPS });
