/** The default NodePort range of the API server (`--service-node-port-range`). */
export const NODE_PORT_RANGE = {
  /** The lowest port a NodePort service may use. */
  min: 30000,
  /** The highest port a NodePort service may use. */
  max: 32767,
} as const;
