import { Construct } from 'constructs';
import { AppStack, DaemonSet, DaemonSetStrategy, HostAccess, Pod, PodSecurityLevel, Probe } from '../lib';

/**
 * The node agents of the cluster, in a namespace of their own that enforces the "privileged" Pod Security level (the
 * app's other namespaces keep "restricted"): a log shipper that reads the nodes' container logs, a Prometheus node
 * exporter in the nodes' network and process namespaces, and a toolbox pod for debugging. The namespace's level is the
 * named opt-out: the Pod Security rules report nothing that "privileged" lets through, and nothing is suppressed.
 */
export class NodeAgentsStack extends AppStack {
  public readonly logShipper: DaemonSet;
  public readonly nodeExporter: DaemonSet;
  public readonly toolbox: Pod;

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      namespace: 'node-agents',
      appName: 'node-agents',
      version: '1.0.0',
      namespaceOptions: { podSecurity: PodSecurityLevel.PRIVILEGED },
    });

    // Container logs under /var/log/pods belong to root: the shipper reads them as root, and keeps its read
    // positions on the node so that a restarted pod does not ship the same lines twice.
    this.logShipper = new DaemonSet(this, 'log-shipper', {
      image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9',
      port: 2020,
      readinessProbe: Probe.http('/api/v1/health'),
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      security: { runAsNonRoot: false, runAsUser: 0 },
      hostAccess: [HostAccess.paths([{ hostPath: '/var/log' }, { hostPath: '/var/lib/fluent-bit', writable: true }])],
    });

    this.nodeExporter = new DaemonSet(this, 'node-exporter', {
      image: 'quay.io/prometheus/node-exporter:v1.8.2',
      port: 9100,
      portName: 'metrics',
      args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root'],
      resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      strategy: DaemonSetStrategy.rollingUpdate({ maxUnavailable: '10%' }),
      hostAccess: [
        HostAccess.network(),
        HostAccess.processes(),
        HostAccess.ports([{ port: 9100 }]),
        HostAccess.paths([
          { hostPath: '/proc', mountPath: '/host/proc' },
          { hostPath: '/sys', mountPath: '/host/sys' },
          { hostPath: '/', mountPath: '/host/root' },
        ]),
      ],
    });

    this.toolbox = new Pod(this, 'toolbox', {
      image: 'busybox:1.36.1',
      command: ['sleep', 'infinity'],
      resources: { requests: { cpu: '10m', memory: '16Mi' } },
    });
  }
}
