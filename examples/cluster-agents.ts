import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  Budget, Exposure, HostPathMount, NodeDaemon, NodePlacement, NodeRequirement, Priority, RbacRules,
  Rollout, Toleration, NodeArch, Validations,
} from '../src';

/** Node agents of a typical cluster, written with NodeDaemon. */
export class ClusterAgents extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'kube-system' });

    // An APM agent that applications on the same node send traces to, through a node-local Service.
    const traces = new NodeDaemon(this, 'trace-agent', {
      name: 'trace-agent',
      images: [
        { arch: NodeArch.AMD64, image: 'example.com/trace-agent:1.4.2-amd64' },
        { arch: NodeArch.ARM64, image: 'example.com/trace-agent:1.4.2-arm64' },
      ],
      version: '1.4.2',
      placement: NodePlacement.linux().withRequirements(NodeRequirement.notIn('node.kubernetes.io/instance-type', 't3.nano')),
      tolerations: [Toleration.controlPlane(), Toleration.noExecuteFor('node.kubernetes.io/unreachable', 300)],
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

    // A node metrics exporter on the host network, on every Linux node including tainted ones.
    const metrics = new NodeDaemon(this, 'node-metrics', {
      name: 'node-metrics',
      image: 'quay.io/prometheus/node-exporter:v1.8.2',
      args: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--web.listen-address=$(HOST_IP):9100'],
      env: { HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP) },
      placement: NodePlacement.linux().excludingVirtualNodes(),
      tolerations: [Toleration.everything()],
      rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.percent(25) }),
      priority: Priority.systemNodeCritical(),
      exposure: Exposure.hostNetwork({ port: 9100, name: 'metrics' }),
      host: {
        pid: true,
        mounts: [
          HostPathMount.readOnly('/proc', '/host/proc'),
          HostPathMount.readOnly('/sys', '/host/sys'),
        ],
      },
      liveness: kplus.Probe.fromHttpGet('/'),
      readiness: kplus.Probe.fromHttpGet('/'),
      resources: { cpu: { request: kplus.Cpu.millis(20) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) } },
      security: {
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        runAsNonRoot: true,
        runAsUser: 65534,
        dropCapabilities: [kplus.Capability.ALL],
      },
    });

    Validations.suppress(metrics, 'SEC003', 'network metrics must be read in the node network namespace');
    Validations.suppress(metrics, 'SEC004', 'process metrics need the host PID namespace');
    Validations.suppress(metrics, 'SEC010', '/proc and /sys are mounted read-only: they are what the exporter reports');

    // Feeds the kernel's entropy pool on nodes with a hardware RNG; exposes nothing (push).
    const entropy = new NodeDaemon(this, 'entropy', {
      name: 'entropy',
      image: 'example.com/rng-tools:5-4.1',
      command: ['rngd', '-f', '-r', '/dev/hwrng', '-o', '/dev/random'],
      placement: NodePlacement.labeled({ feature: 'hw-rng' }).withArch(NodeArch.AMD64),
      rollout: Rollout.onDelete(),
      host: {
        capabilities: [kplus.Capability.SYS_ADMIN],
        mounts: [
          HostPathMount.readOnly('/dev/hwrng', '/dev/hwrng', { type: kplus.HostPathVolumeType.CHAR_DEVICE }),
          HostPathMount.readWrite('/dev/random', '/dev/random', { type: kplus.HostPathVolumeType.CHAR_DEVICE }),
        ],
      },
      resources: { cpu: { request: kplus.Cpu.millis(5) }, memory: { request: Size.mebibytes(8), limit: Size.mebibytes(16) } },
      security: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, dropCapabilities: [kplus.Capability.ALL] },
      terminationGracePeriod: Duration.seconds(5),
    });
    Validations.suppress(entropy, 'SEC006', '/dev/hwrng is readable by root only');
    Validations.suppress(entropy, 'SEC010', 'rngd reads /dev/hwrng and feeds /dev/random: exactly these two devices are mounted');
    Validations.suppress(entropy, 'BP005', 'rngd serves nothing: there is no readiness to report');
    Validations.suppress(entropy, 'BP006', 'entropy feeding can wait for room on a full node');

    // An application that sends traces to the agent on its own node.
    const shop = new kplus.Deployment(this, 'shop', {
      containers: [{
        image: 'example.com/shop:2.3.0',
        portNumber: 8080,
        readiness: kplus.Probe.fromHttpGet('/healthz'),
        securityContext: { capabilities: { drop: [kplus.Capability.ALL] } },
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
      }],
    });
    traces.connect(shop.containers[0], { envPrefix: 'TRACE_AGENT' });
  }
}

export function synthExamples(outdir: string): App {
  const app = new App({ outdir });
  new ClusterAgents(app, 'cluster-agents');
  return app;
}
