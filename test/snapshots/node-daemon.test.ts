import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ApiVerb, Budget, Exposure, HostPathMount, NodeArch, NodeDaemon, NodePlacement, NodeRequirement, PreemptionPolicy,
  Priority, Rollout, Toleration, Validations,
} from '../../src';

// Snapshots are rewritten only on purpose (`npx projen test:update`); a diff here is read like code.
function chart(): Chart {
  const c = new Chart(Testing.app(), 'node-agents', { namespace: 'kube-system' });
  // Snapshots pin the rendering of every prop, hardened or not; the rules have tests of their own.
  Validations.configure(c, { bestPractices: false });
  return c;
}

describe('NodeDaemon snapshots', () => {
  test('defaults: only an image', () => {
    const c = chart();
    new NodeDaemon(c, 'agent', { image: 'example.com/agent:1.0.0' });
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('every concept at once', () => {
    const c = chart();
    new NodeDaemon(c, 'full', {
      name: 'full-agent',
      images: [{ arch: NodeArch.AMD64, image: 'example.com/full:2.0.0-amd64' }, { arch: NodeArch.ARM64, image: 'example.com/full:2.0.0-arm64' }],
      version: '2.0.0',
      partOf: 'observability',
      command: ['/bin/full-agent'],
      args: ['--node=$(NODE_NAME)'],
      env: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME), MODE: kplus.EnvValue.fromValue('daemon') },
      ports: [{ containerPort: 9090, name: 'admin' }],
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(100), limit: Size.mebibytes(200) } },
      liveness: kplus.Probe.fromHttpGet('/live'),
      readiness: kplus.Probe.fromHttpGet('/ready', { port: 9090, periodSeconds: Duration.seconds(5) }),
      security: { readOnlyRootFilesystem: true, runAsUser: 0, dropCapabilities: [kplus.Capability.ALL] },
      placement: NodePlacement.linux().withLabels({ pool: 'general' }).withRequirements(NodeRequirement.exists('topology.kubernetes.io/zone')).excludingVirtualNodes(),
      tolerations: [Toleration.controlPlane(), Toleration.noExecuteFor('node.kubernetes.io/unreachable', 120), Toleration.equal('dedicated', 'infra')],
      rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.percent(25) }),
      minReadySeconds: 15,
      revisionHistoryLimit: 5,
      priority: Priority.create({ value: 900000, preemptionPolicy: PreemptionPolicy.NEVER, description: 'agents' }),
      exposure: Exposure.localService({ port: 8080, name: 'api', servicePort: 80, additionalPorts: [{ port: 8081, name: 'grpc' }] }),
      host: {
        pid: true,
        capabilities: [kplus.Capability.NET_ADMIN],
        mounts: [
          HostPathMount.readOnly('/', '/host/root', { propagation: kplus.MountPropagation.HOST_TO_CONTAINER }),
          HostPathMount.readWrite('/var/lib/full-agent', '/state', { type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }),
        ],
      },
      config: { mountPath: '/etc/full', files: { 'full.yaml': 'level: info\n' } },
      rbac: [{ resources: ['pods', 'nodes'], verbs: [ApiVerb.GET, ApiVerb.LIST, ApiVerb.WATCH] }],
      initContainers: [{ name: 'init-state', image: 'example.com/busybox:1.36', command: ['sh', '-c', 'mkdir -p /state/db'] }],
      sidecars: [{ name: 'reloader', image: 'example.com/reloader:0.3.1' }],
      terminationGracePeriod: Duration.seconds(60),
      podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
    });
    expect(Testing.synth(c)).toMatchSnapshot();
  });

  test('host network exposure with system priority', () => {
    const c = chart();
    new NodeDaemon(c, 'netagent', {
      image: 'example.com/netagent:0.9.1',
      exposure: Exposure.hostNetwork({ port: 9100, name: 'metrics' }),
      priority: Priority.systemNodeCritical(),
      tolerations: [Toleration.everything()],
      rollout: Rollout.onDelete(),
    });
    expect(Testing.synth(c)).toMatchSnapshot();
  });
});
