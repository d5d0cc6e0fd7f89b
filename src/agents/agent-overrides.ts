import { NodeDaemonProps } from '../daemon/node-daemon-props';

/**
 * The escape hatch every agent shares: any `NodeDaemon` prop, applied over what the agent renders.
 */
export interface AgentOverrides {
  /**
   * Any `NodeDaemon` prop, applied last over the agent's own choices. Map-valued props (`env`, `labels`,
   * `podLabels`, `podAnnotations`) are merged key by key, yours winning; every other prop you set replaces
   * the agent's value whole (a new `host` replaces all host mounts, new `args` replace all arguments).
   * Use `daemon` on the construct to reach the rendered objects themselves.
   * @default - none: the agent's defaults as documented on each prop
   */
  readonly overrides?: NodeDaemonProps;
}
