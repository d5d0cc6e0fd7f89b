import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { mainContainer, newChart, podSpec } from './util';
import { Exposure, NodeDaemon } from '../../src';

describe('main container image, command and args', () => {
  test('renders image, command, args and workingDir as given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      command: ['/bin/agent'],
      args: ['--config', '/etc/agent/agent.yaml', '--node=$(NODE_NAME)'],
      workingDir: '/var/lib/agent',
    });
    const container = mainContainer(Testing.synth(chart));
    expect(container.image).toBe('example.com/trace-agent:1.4.2');
    expect(container.command).toEqual(['/bin/agent']);
    expect(container.args).toEqual(['--config', '/etc/agent/agent.yaml', '--node=$(NODE_NAME)']);
    expect(container.workingDir).toBe('/var/lib/agent');
  });

  test('renders no command, args or workingDir unless given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    const container = mainContainer(Testing.synth(chart));
    expect(container).not.toHaveProperty('command');
    expect(container).not.toHaveProperty('args');
    expect(container).not.toHaveProperty('workingDir');
  });

  test('names the container after the construct id as a DNS label', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'TraceAgent', { image: 'example.com/trace-agent:1.4.2' });
    expect(mainContainer(Testing.synth(chart)).name).toBe('traceagent');
  });

  test('uses containerName when given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2', containerName: 'agent' });
    expect(mainContainer(Testing.synth(chart)).name).toBe('agent');
  });
});

describe('environment variables', () => {
  test('renders plain values and the Downward API in the given order', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      env: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        NODE_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP),
        POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
        LOG_LEVEL: kplus.EnvValue.fromValue('info'),
      },
    });
    expect(mainContainer(Testing.synth(chart)).env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
  });

  test('renders no env unless given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    expect(mainContainer(Testing.synth(chart))).not.toHaveProperty('env');
  });
});

describe('named ports', () => {
  test('renders each port with its name and protocol', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      ports: [
        { containerPort: 8126, name: 'traces' },
        { containerPort: 8125, name: 'dogstatsd', protocol: kplus.Protocol.UDP },
      ],
    });
    expect(mainContainer(Testing.synth(chart)).ports).toEqual([
      { containerPort: 8126, name: 'traces' },
      { containerPort: 8125, name: 'dogstatsd', protocol: 'UDP' },
    ]);
  });

  test('lists the exposure port first, then the container ports', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      exposure: Exposure.localService({ port: 8126 }),
      ports: [{ containerPort: 9090, name: 'metrics' }],
    });
    expect(mainContainer(Testing.synth(chart)).ports).toEqual([
      { containerPort: 8126, name: 'http' },
      { containerPort: 9090, name: 'metrics' },
    ]);
  });

  test('renders no ports unless given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    expect(mainContainer(Testing.synth(chart))).not.toHaveProperty('ports');
  });
});

describe('resources', () => {
  test('renders requests only, with no cpu or memory limit, unlike cdk8s-plus defaults', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64) } },
    });
    const resources = mainContainer(Testing.synth(chart)).resources;
    expect(resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' } });
    expect(resources).not.toHaveProperty('limits');
  });

  test('renders a memory limit without adding a cpu limit', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) } },
    });
    expect(mainContainer(Testing.synth(chart)).resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { memory: '128Mi' },
    });
  });

  test('renders no resources unless given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    expect(mainContainer(Testing.synth(chart))).not.toHaveProperty('resources');
  });
});

describe('probes and image pull policy', () => {
  test('renders no probes and no imagePullPolicy unless asked', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2', ports: [{ containerPort: 8126, name: 'traces' }] });
    const container = mainContainer(Testing.synth(chart));
    expect(container).not.toHaveProperty('startupProbe');
    expect(container).not.toHaveProperty('livenessProbe');
    expect(container).not.toHaveProperty('readinessProbe');
    expect(container).not.toHaveProperty('imagePullPolicy');
  });

  test('renders liveness and readiness without adding a startup probe', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 5555, periodSeconds: Duration.seconds(20) }),
      readiness: kplus.Probe.fromCommand(['agent', 'status'], { failureThreshold: 5 }),
    });
    const container = mainContainer(Testing.synth(chart));
    expect(container.livenessProbe).toEqual({
      failureThreshold: 3,
      periodSeconds: 20,
      httpGet: { path: '/healthz', port: 5555, scheme: 'HTTP' },
    });
    expect(container.readinessProbe).toEqual({ failureThreshold: 5, exec: { command: ['agent', 'status'] } });
    expect(container).not.toHaveProperty('startupProbe');
  });

  test('probes that name no port use the exposed port', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      exposure: Exposure.localService({ port: 8126 }),
      readiness: kplus.Probe.fromTcpSocket(),
    });
    expect(mainContainer(Testing.synth(chart)).readinessProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8126 } });
  });

  test('renders a startup probe and imagePullPolicy when asked', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      startup: kplus.Probe.fromTcpSocket({ port: 8126, initialDelaySeconds: Duration.seconds(5) }),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    });
    const container = mainContainer(Testing.synth(chart));
    expect(container.startupProbe).toEqual({ failureThreshold: 3, initialDelaySeconds: 5, tcpSocket: { port: 8126 } });
    expect(container.imagePullPolicy).toBe('IfNotPresent');
  });
});

describe('security settings', () => {
  test('renders only allowPrivilegeEscalation: false unless asked', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    expect(mainContainer(Testing.synth(chart)).securityContext).toEqual({ allowPrivilegeEscalation: false });
  });

  test('renders exactly the settings given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      security: {
        runAsUser: 0,
        runAsGroup: 0,
        runAsNonRoot: false,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        dropCapabilities: [kplus.Capability.ALL],
        addCapabilities: [kplus.Capability.NET_ADMIN, kplus.Capability.SYS_PTRACE],
      },
    });
    expect(mainContainer(Testing.synth(chart)).securityContext).toEqual({
      runAsUser: 0,
      runAsGroup: 0,
      runAsNonRoot: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN', 'SYS_PTRACE'], drop: ['ALL'] },
    });
  });
});

describe('extra volumes', () => {
  test('adds the volume to the pod and mounts it', () => {
    const chart = newChart();
    const buffer = kplus.Volume.fromEmptyDir(chart, 'Buffer', 'buffer');
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      volumeMounts: [
        { volume: buffer, path: '/var/lib/agent/buffer' },
        { volume: buffer, path: '/etc/agent/extra', readOnly: true, subPath: 'extra' },
      ],
    });
    const objects = Testing.synth(chart);
    expect(podSpec(objects).volumes).toEqual([{ name: 'buffer', emptyDir: {} }]);
    expect(mainContainer(objects).volumeMounts).toEqual([
      { name: 'buffer', mountPath: '/var/lib/agent/buffer' },
      { name: 'buffer', mountPath: '/etc/agent/extra', readOnly: true, subPath: 'extra' },
    ]);
  });

  test('renders no volumes or mounts unless given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    const objects = Testing.synth(chart);
    expect(podSpec(objects)).not.toHaveProperty('volumes');
    expect(mainContainer(objects)).not.toHaveProperty('volumeMounts');
  });
});

describe('sidecars and init containers', () => {
  test('renders sidecars after the main container and init containers in order', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      exposure: Exposure.localService({ port: 8126 }),
      sidecars: [
        { name: 'log-forwarder', image: 'example.com/forwarder:2.0.0', args: ['--stdout'] },
        { name: 'config-reloader', image: 'example.com/reloader:0.9.0', ports: [{ containerPort: 9533, name: 'reloader' }] },
      ],
      initContainers: [
        { name: 'wait-for-socket', image: 'busybox:1.36', command: ['sh', '-c', 'until [ -S /run/agent.sock ]; do sleep 1; done'] },
        { name: 'sysctl', image: 'busybox:1.36', command: ['sysctl', '-w', 'net.core.somaxconn=1024'], security: { privileged: true } },
      ],
    });
    const spec = podSpec(Testing.synth(chart));
    expect(spec.containers.map((c: any) => c.name)).toEqual(['trace-agent', 'log-forwarder', 'config-reloader']);
    expect(spec.containers[1]).toEqual({ name: 'log-forwarder', image: 'example.com/forwarder:2.0.0', args: ['--stdout'], securityContext: { allowPrivilegeEscalation: false } });
    expect(spec.containers[2]).toEqual({
      name: 'config-reloader',
      image: 'example.com/reloader:0.9.0',
      ports: [{ containerPort: 9533, name: 'reloader' }],
      securityContext: { allowPrivilegeEscalation: false },
    });
    expect(spec.initContainers).toEqual([
      { name: 'wait-for-socket', image: 'busybox:1.36', command: ['sh', '-c', 'until [ -S /run/agent.sock ]; do sleep 1; done'], securityContext: { allowPrivilegeEscalation: false } },
      { name: 'sysctl', image: 'busybox:1.36', command: ['sysctl', '-w', 'net.core.somaxconn=1024'], securityContext: { privileged: true } },
    ]);
  });

  test('a volume shared by the main container and a sidecar is declared once', () => {
    const chart = newChart();
    const socket = kplus.Volume.fromEmptyDir(chart, 'Socket', 'socket');
    new NodeDaemon(chart, 'trace-agent', {
      image: 'example.com/trace-agent:1.4.2',
      volumeMounts: [{ volume: socket, path: '/run/agent' }],
      sidecars: [{ name: 'proxy', image: 'example.com/proxy:1.0.0', volumeMounts: [{ volume: socket, path: '/run/agent', readOnly: true }] }],
    });
    const spec = podSpec(Testing.synth(chart));
    expect(spec.volumes).toEqual([{ name: 'socket', emptyDir: {} }]);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'socket', mountPath: '/run/agent', readOnly: true }]);
  });

  test('renders no initContainers unless given', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: 'example.com/trace-agent:1.4.2' });
    const spec = podSpec(Testing.synth(chart));
    expect(spec).not.toHaveProperty('initContainers');
    expect(spec.containers).toHaveLength(1);
  });
});

describe('extended resources', () => {
  test('render as equal requests and limits next to cpu and memory', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', {
      image: 'example.com/agent:1.0.0',
      resources: { cpu: { request: kplus.Cpu.millis(5) } },
      extendedResources: { 'smarter-devices/hwrng': 1 },
    });
    expect(mainContainer(Testing.synth(chart)).resources).toEqual({
      requests: { 'cpu': '5m', 'smarter-devices/hwrng': '1' },
      limits: { 'smarter-devices/hwrng': '1' },
    });
  });

  test('a fraction of a device fails synth naming the prop', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', extendedResources: { 'nvidia.com/gpu': 0.5 } });
    expect(() => Testing.synth(chart)).toThrow(/\[node-agents\/agent\] 'extendedResources' "0\.5": must be an integer/);
  });
});
