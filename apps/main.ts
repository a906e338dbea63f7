// The app `npm run synth` (cdk8s-platform synth) runs, see cdk8s.yaml: every example environment, each written to
// dist/<env>/, and the Argo CD Applications that deploy them, to dist/_gitops/. Select environments with
// `npm run synth -- --env dev` (or CDK8S_PLATFORM_ENV=dev).
import { PlatformApp } from '../lib';
import { defineExamples, EXAMPLE_GITOPS } from './examples';

PlatformApp.run(defineExamples, {
  gitOps: EXAMPLE_GITOPS,
  // The custom resources the examples make (the shop's Gateway API route, the Argo CD Applications) are checked against
  // their upstream CRDs: the repository keeps them with the test fixtures (test/fixtures/crds/README.md says where each
  // came from). Paths are relative to the folder synth runs in, the project's.
  validation: {
    crds: ['test/fixtures/crds/gateway.networking.k8s.io_httproutes.yaml', 'test/fixtures/crds/application-crd.yaml'],
  },
});
