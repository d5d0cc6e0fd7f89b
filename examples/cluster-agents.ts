import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Budget, Exposure, HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter, NodeArch, NodeDaemon, NodeExporterCollector,
  NodePlacement, NodeRequirement, Priority, RbacRules, Rollout, Toleration,
} from '../src';

/**
 * The node agents of a typical production cluster: logs, node metrics and entropy from the library's
 * agents, plus an in-house APM agent written with NodeDaemon, and an application that uses two of them.
 */
export class ClusterAgents extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'kube-system' });

    // Container and kubelet logs from every Linux node to OpenSearch, with a local Forward endpoint
    // for applications that ship structured logs themselves.
    const osCredentials = kplus.Secret.fromSecretName(this, 'opensearch-credentials', 'opensearch-credentials');
    const logs = new LogCollector(this, 'logs', {
      name: 'fluent-bit',
      outputs: [
        LogOutput.opensearch({
          host: 'opensearch-cluster-master.logging.svc',
          tls: true,
          user: 'fluent-bit',
          password: kplus.EnvValue.fromSecretValue({ secret: osCredentials, key: 'password' }),
          logstashPrefix: 'k8s',
        }),
        LogOutput.loki({ host: 'loki-gateway.logging.svc', port: 80, match: 'host.*', labels: { job: 'node-journal' } }),
      ],
      systemd: { units: ['kubelet.service', 'containerd.service'] },
      forwardInput: {},
      filters: [{ name: 'grep', properties: { Exclude: 'log ^GET /healthz' } }],
      serviceMonitor: { labels: { release: 'kube-prometheus-stack' } },
    });

    // Node metrics for Prometheus: host network on the node IP, every node, including tainted ones.
    new MetricsExporter(this, 'node-metrics', {
      name: 'node-exporter',
      enableCollectors: [NodeExporterCollector.PROCESSES],
      disableCollectors: [NodeExporterCollector.INFINIBAND, NodeExporterCollector.FIBRECHANNEL],
      serviceMonitor: { interval: Duration.seconds(30), labels: { release: 'kube-prometheus-stack' } },
    });

    // Credits hardware entropy on the nodes that carry the hw-rng label.
    new HardwareRngRefresher(this, 'entropy', {
      name: 'rngd',
      image: 'registry.example.com/platform/rng-tools:5-4.1',
      nodeSelector: { feature: 'hw-rng' },
      tolerateControlPlane: true,
    });

    // An APM agent that applications on the same node send traces to, through a node-local Service.
    const traces = new NodeDaemon(this, 'trace-agent', {
      name: 'trace-agent',
      images: [
        { arch: NodeArch.AMD64, image: 'example.com/trace-agent:1.4.2-amd64' },
        { arch: NodeArch.ARM64, image: 'example.com/trace-agent:1.4.2-arm64' },
      ],
      version: '1.4.2',
      placement: NodePlacement.linux().withRequirements(NodeRequirement.notIn('node.kubernetes.io/instance-type', 't3.nano')),
      tolerations: [Toleration.controlPlane(), Toleration.noExecuteFor('example.com/maintenance', 600)],
      rollout: Rollout.surge({ maxSurge: Budget.percent(20) }),
      minReadySeconds: 10,
      priority: Priority.create({ value: 1_000_000, description: 'Tracing agents: above batch work, below system daemons' }),
      exposure: Exposure.localService({ port: 8126, name: 'traces' }),
      env: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
      readiness: kplus.Probe.fromHttpGet('/health'),
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } },
      security: {
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
        runAsUser: 10001,
        dropCapabilities: [kplus.Capability.ALL],
      },
      config: { mountPath: '/etc/trace-agent', files: { 'agent.yaml': 'listen: 0.0.0.0:8126\nsample_rate: 0.1\n' } },
      rbac: [RbacRules.readOnly('pods', 'nodes')],
    });

    // An application that sends traces to the agent and structured logs to the collector on its own node.
    const shop = new kplus.Deployment(this, 'shop', {
      containers: [{
        image: 'example.com/shop:2.3.0',
        portNumber: 8080,
        readiness: kplus.Probe.fromHttpGet('/ready'),
        securityContext: { user: 10001, capabilities: { drop: [kplus.Capability.ALL] } },
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
      }],
    });
    traces.connect(shop.containers[0], { envPrefix: 'TRACE_AGENT' });
    logs.connect(shop.containers[0], { envPrefix: 'FLUENT_FORWARD' });
  }
}

export function synthExamples(outdir: string): App {
  const app = new App({ outdir });
  new ClusterAgents(app, 'cluster-agents');
  return app;
}
