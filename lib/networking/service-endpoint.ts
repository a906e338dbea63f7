import { IPodSelector } from '../scheduling/pod-affinity';
import { NetworkPeer } from './network-peer';
import { NetworkPolicyPort } from './network-policy';

/** One port of a Service: what it exposes and where it sends the traffic. */
export interface EndpointPort {
  /** The port's name. */
  readonly name: string;
  /** The Service port. */
  readonly port: number;
  /** The container port the Service targets. */
  readonly targetPort: number;
  /** The protocol: `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
}

/** Options of `allowFrom()`. */
export interface AllowFromOptions {
  /**
   * The container ports the traffic may reach.
   *
   * @default every port of the Service
   */
  readonly ports?: NetworkPolicyPort[];
}

/** A workload reachable through a Service, as other workloads (`connectTo()`) and Ingresses see it. */
export interface IServiceEndpoint extends IPodSelector {
  /** The workload's name. */
  readonly name: string;
  /** The namespace it runs in. */
  readonly namespace: string;
  /** The Service's name. */
  readonly serviceName: string;
  /** The Service's in-cluster DNS name. */
  readonly dnsName: string;
  /** The Service's ports; the first is the main one. */
  readonly endpointPorts: readonly EndpointPort[];

  /** Allows incoming traffic from `peer` (a NetworkPolicy ingress rule on the workload's pods). */
  allowFrom(peer: NetworkPeer, options?: AllowFromOptions): void;

  /**
   * Allows traffic from `peer` once the workload's ingress is restricted (by a first `allowFrom()` or a default-deny
   * namespace), without restricting it by itself: how an Ingress keeps its controller's traffic flowing.
   *
   * @internal
   */
  _allowWhenRestricted(peer: NetworkPeer, ports: NetworkPolicyPort[]): void;
}
