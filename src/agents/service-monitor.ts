import { Duration } from 'cdk8s';

/**
 * A Prometheus-operator ServiceMonitor for the agent's node-local Service. It is always rendered when
 * asked for: no check that the CRD exists (the Helm charts' `.Capabilities` gate silently drops it
 * under `helm template`).
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 */
export interface ServiceMonitorOptions {
  /**
   * How often Prometheus scrapes each pod.
   * @default Duration.seconds(30) - the kube-prometheus default; node metrics change slowly
   */
  readonly interval?: Duration;
  /**
   * How long one scrape may take.
   * @default - Prometheus' global scrape timeout (10s)
   */
  readonly scrapeTimeout?: Duration;
  /**
   * Labels on the ServiceMonitor, e.g. `{ release: 'kube-prometheus-stack' }` for a Prometheus that selects monitors by label.
   * @default - the daemon's own labels only
   */
  readonly labels?: { [key: string]: string };
}
