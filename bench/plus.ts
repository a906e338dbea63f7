// `plus`: the same platform written as a cdk8s-plus-27 user would: its L2 constructs (L1 classes where it has
// none), one Chart per namespace, written by cdk8s's own `App.synth()`. Timed like `ours`.
import { ApiObject } from 'cdk8s';
import { report, startTimer, variantArgs } from './_measure';
import { benchPlatform } from './platform';

const { n, outdir } = variantArgs();
const platform = benchPlatform(n);

const stop = startTimer();
const cdk8s: typeof import('cdk8s') = require('cdk8s');
const kplus: typeof import('cdk8s-plus-27') = require('cdk8s-plus-27');
const { k8s } = kplus;
const mebibytes = (q: string): number => Number(q.replace(/Mi$/, ''));
const millis = (q: string): number => Number(q.replace(/m$/, ''));

const app = new cdk8s.App({ outdir });
for (const ns of platform) {
  const chart = new cdk8s.Chart(app, ns.name, { namespace: ns.name });
  new kplus.Namespace(chart, 'namespace', { metadata: { name: ns.name } });
  new k8s.KubeResourceQuota(chart, 'quota', {
    spec: { hard: { 'requests.cpu': k8s.Quantity.fromString(ns.quota.cpu), 'requests.memory': k8s.Quantity.fromString(ns.quota.memory), 'pods': k8s.Quantity.fromString(ns.quota.pods) } },
  });
  new k8s.KubeLimitRange(chart, 'limits', {
    spec: {
      limits: [{
        type: 'Container',
        default: { cpu: k8s.Quantity.fromString(ns.defaultLimits.cpu), memory: k8s.Quantity.fromString(ns.defaultLimits.memory) },
        defaultRequest: { cpu: k8s.Quantity.fromString(ns.defaultRequests.cpu), memory: k8s.Quantity.fromString(ns.defaultRequests.memory) },
      }],
    },
  });
  for (const s of ns.services) {
    const config = new kplus.ConfigMap(chart, `${s.name}-config`, { data: s.config });
    const serviceAccount = new kplus.ServiceAccount(chart, `${s.name}-sa`, { automountToken: false });
    const deployment = new kplus.Deployment(chart, s.name, {
      // No fixed replicas: cdk8s-plus refuses them on an autoscaled Deployment.
      serviceAccount,
      automountServiceAccountToken: false,
      containers: [{
        image: s.image,
        portNumber: s.port,
        envFrom: [kplus.Env.fromConfigMap(config)],
        envVariables: { UPSTREAM_URL: kplus.EnvValue.fromValue(s.upstreamUrl) },
        resources: {
          cpu: { request: kplus.Cpu.millis(millis(s.cpu)) },
          memory: { request: cdk8s.Size.mebibytes(mebibytes(s.memory)), limit: cdk8s.Size.mebibytes(mebibytes(s.memoryLimit)) },
        },
      }],
    });
    deployment.exposeViaService({ ports: [{ port: s.servicePort, targetPort: s.port }] });
    new kplus.HorizontalPodAutoscaler(chart, `${s.name}-hpa`, {
      target: deployment,
      minReplicas: s.minReplicas,
      maxReplicas: s.maxReplicas,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(s.cpuUtilization))],
    });
    new k8s.KubePodDisruptionBudget(chart, `${s.name}-pdb`, {
      spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: deployment.matchLabels } },
    });
    const policy = new kplus.NetworkPolicy(chart, `${s.name}-netpol`, { selector: deployment });
    policy.addIngressRule(kplus.Pods.all(chart, `${s.name}-peers`), [kplus.NetworkPolicyPort.tcp(s.port)]);
  }
}
app.synth();
const time = stop();

report(time, app.node.findAll().filter((c) => ApiObject.isApiObject(c)).length);
