import { ApiObject, Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkLabels, checkWholeSeconds } from './agent-helpers';
import { ServiceMonitorOptions } from './service-monitor';
import { NodeDaemon } from '../daemon/node-daemon';
import { markSelfChecked } from '../validation/app-validation';

/** What the agent tells the ServiceMonitor renderer. */
export interface ServiceMonitorTarget {
  readonly daemon: NodeDaemon;
  readonly portName: string;
  readonly path: string;
}

function promDuration(d: Duration): string {
  return `${d.toSeconds()}s`;
}

/**
 * Renders a `monitoring.coreos.com/v1` ServiceMonitor that selects the daemon's Service by its selector
 * labels, in the chart's namespace, and labels every series with the node name as `instance`.
 */
export function renderServiceMonitor(scope: Construct, target: ServiceMonitorTarget, options: ServiceMonitorOptions): ApiObject {
  const { daemon } = target;
  const service = daemon.service;
  if (!service) throw new Error(`[${scope.node.path}] 'serviceMonitor': the daemon renders no Service to monitor. Valid: an exposure through a local Service`);
  checkLabels(scope, 'serviceMonitor.labels', options.labels);
  checkWholeSeconds(scope, 'serviceMonitor.interval', options.interval);
  checkWholeSeconds(scope, 'serviceMonitor.scrapeTimeout', options.scrapeTimeout);
  const namespace = Chart.of(scope).namespace;
  const monitor = new ApiObject(scope, 'ServiceMonitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: service.name,
      labels: { ...service.toJson().metadata?.labels, ...options.labels },
    },
    spec: {
      jobLabel: 'app.kubernetes.io/name',
      selector: { matchLabels: { ...daemon.selectorLabels } },
      namespaceSelector: namespace ? { matchNames: [namespace] } : undefined,
      endpoints: [{
        port: target.portName,
        path: target.path,
        scheme: 'http',
        interval: promDuration(options.interval ?? Duration.seconds(30)),
        scrapeTimeout: options.scrapeTimeout ? promDuration(options.scrapeTimeout) : undefined,
        relabelings: [{
          action: 'replace',
          sourceLabels: ['__meta_kubernetes_pod_node_name'],
          targetLabel: 'instance',
        }],
      }],
    },
  });
  // Built only from the daemon's checked Service and the options checked above; the Service reports its own problems.
  markSelfChecked(monitor);
  return monitor;
}
