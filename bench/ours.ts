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
const extra: typeof import('./_thin') = require('./_thin');
const app = new lib.PlatformApp({ outdir });
for (const ns of platform) {
  const stack = new lib.AppStack(app, ns.name, { namespace: ns.name, appName: ns.name });
  extra.namespaceGuards(stack, ns);
  for (const s of ns.services) {
    const config = new lib.Config(stack, `${s.name}-config`, { data: s.config });
    const web = new lib.WebService(stack, s.name, {
      image: s.image,
      replicas: s.replicas,
      port: s.port,
      servicePort: s.servicePort,
      resources: { requests: { cpu: s.cpu, memory: s.memory }, limits: { memory: s.memoryLimit } },
      envFrom: [lib.EnvFrom.config(config)],
      env: { UPSTREAM_URL: s.upstreamUrl },
      serviceAccountName: s.name,
      autoscaling: { minReplicas: s.minReplicas, maxReplicas: s.maxReplicas, metrics: [lib.Metric.cpu(s.cpuUtilization)] },
      // and a PodDisruptionBudget, by default (maxUnavailable 1)
    });
    extra.serviceExtras(stack, web, s);
  }
}
app.synth();
const time = stop();

report(time, app.node.findAll().filter((c) => ApiObject.isApiObject(c)).length);
