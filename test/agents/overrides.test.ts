import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { synthIn } from './util';
import { Budget, HostPathMount, NodeArch, NodeDaemon, NodeDaemonProps, NodePlacement, Rollout } from '../../src';
import { HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter } from '../../src/agents';
import { mainContainer, newChart, ofKind, podSpec, single } from '../daemon/util';

// Every NodeDaemon prop is reachable through `overrides`; the construct's `daemon` reaches the objects.

describe('overrides', () => {
  test('map props merge key by key, the user winning', () => {
    const objects = synthIn(c => new MetricsExporter(c, 'node-metrics', {
      overrides: {
        env: { GOMAXPROCS: kplus.EnvValue.fromValue('1') },
        podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false', 'team': 'obs' },
        labels: { tier: 'infra' },
      },
    }));
    expect(mainContainer(objects).env.map((e: any) => e.name)).toEqual(['HOST_IP', 'GOMAXPROCS']);
    expect(single(objects, 'DaemonSet').spec.template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false', 'team': 'obs' });
    expect(single(objects, 'DaemonSet').metadata.labels.tier).toBe('infra');
  });

  test('other props replace the agent’s value whole', () => {
    const objects = synthIn(c => new MetricsExporter(c, 'node-metrics', {
      overrides: { args: ['--web.listen-address=:9100'], host: { pid: true, mounts: [HostPathMount.readOnly('/proc', '/host/proc')] } },
    }));
    expect(mainContainer(objects).args).toEqual(['--web.listen-address=:9100']);
    expect(podSpec(objects).volumes.map((v: any) => v.hostPath.path)).toEqual(['/proc']);
    expect(podSpec(objects)).not.toHaveProperty('hostNetwork');
  });

  test('props the agent does not type are reachable: terminationGracePeriod, minReadySeconds, revisionHistoryLimit, sidecars', () => {
    const objects = synthIn(c => new LogCollector(c, 'logs', {
      output: LogOutput.stdout(),
      overrides: {
        terminationGracePeriod: Duration.seconds(60),
        minReadySeconds: 20,
        revisionHistoryLimit: 3,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        sidecars: [{
          name: 'reloader',
          image: 'example.com/reloader:0.1.0',
          readiness: kplus.Probe.fromCommand(['true']),
          resources: {
            cpu: { request: kplus.Cpu.millis(5) },
            memory: { request: Size.mebibytes(8), limit: Size.mebibytes(16) },
          },
          security: {
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            runAsNonRoot: true,
            runAsUser: 65532,
            dropCapabilities: [kplus.Capability.ALL],
          },
        }],
      },
    }));
    const ds = single(objects, 'DaemonSet');
    expect(ds.spec.minReadySeconds).toBe(20);
    expect(ds.spec.revisionHistoryLimit).toBe(3);
    expect(ds.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
    expect(ds.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['fluent-bit', 'reloader']);
    expect(mainContainer(objects).imagePullPolicy).toBe('IfNotPresent');
  });

  test('images (one per architecture) replace image', () => {
    const objects = synthIn(c => new HardwareRngRefresher(c, 'rng', {
      image: 'registry.example.com/rng-tools:5-4.1',
      nodeSelector: { feature: 'hw-rng' },
      overrides: { images: [{ arch: NodeArch.AMD64, image: 'r.example.com/rngd:5-amd64' }, { arch: NodeArch.ARM64, image: 'r.example.com/rngd:5-arm64' }] },
    }));
    expect(ofKind(objects, 'DaemonSet').map(ds => ds.spec.template.spec.containers[0].image)).toEqual(['r.example.com/rngd:5-amd64', 'r.example.com/rngd:5-arm64']);
  });

  test('an override that breaks an API-server rule is reported at synth, naming the override', () => {
    const chart = newChart();
    new MetricsExporter(chart, 'node-metrics', { overrides: { minReadySeconds: -1 } });
    expect(() => Testing.synth(chart)).toThrow(/\[node-agents\/node-metrics\/node-metrics\] 'overrides\.minReadySeconds' -1: .*rule DS003/);
  });
});

describe('overrides cannot bypass an agent\'s guards: each guard sees the props after the overrides', () => {
  const rng = (overrides: NodeDaemonProps) => () => synthIn(c => new HardwareRngRefresher(c, 'rng', { image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' }, overrides }));
  const logs = (overrides: NodeDaemonProps) => () => synthIn(c => new LogCollector(c, 'logs', { output: LogOutput.stdout(), overrides }));
  const metrics = (overrides: NodeDaemonProps) => () => synthIn(c => new MetricsExporter(c, 'node-metrics', { overrides }));
  const surge = Rollout.surge({ maxSurge: Budget.percent(20) });
  const windows = NodePlacement.labeled({ 'kubernetes.io/os': 'windows' });

  test('LogCollector refuses a surge through overrides.rollout as through rollout', () => {
    expect(() => synthIn(c => new LogCollector(c, 'logs', { output: LogOutput.stdout(), rollout: surge })))
      .toThrow(/\[node-agents\/logs\] 'rollout' "maxSurge 20%": a surge runs two collectors on one node/);
    expect(logs({ rollout: surge })).toThrow(/\[node-agents\/logs\] 'overrides.rollout' "maxSurge 20%": a surge runs two collectors on one node/);
  });

  test('MetricsExporter refuses a surge through overrides.rollout: its host port cannot be bound twice', () => {
    expect(metrics({ rollout: surge })).toThrow(/'overrides.rollout'.*(surge|maxSurge)/);
  });

  test.each([
    ['LogCollector', logs],
    ['MetricsExporter', metrics],
    ['HardwareRngRefresher', rng],
  ])('%s refuses a non-Linux placement through overrides.placement', (_, build) => {
    expect(build({ placement: windows })).toThrow(/'overrides.placement' \{"kubernetes.io\/os":"windows"\}: this agent is a Linux binary/);
  });

  test('HardwareRngRefresher refuses a placement that selects every node through overrides.placement, as it refuses an empty nodeSelector', () => {
    expect(rng({ placement: NodePlacement.anyNode() })).toThrow(/\[node-agents\/rng\] 'overrides.placement' \{\}: selects every node: pods on nodes without a hardware RNG crash-loop/);
    expect(rng({ placement: NodePlacement.linux() })).toThrow(/'overrides.placement' \{"kubernetes.io\/os":"linux"\}: selects every node/);
    // A placement that still narrows the nodes is fine.
    expect(podSpec(rng({ placement: NodePlacement.labeled({ feature: 'hw-rng' }) })()).nodeSelector).toEqual({ feature: 'hw-rng' });
  });
});

describe('the daemon escape hatch', () => {
  test('each agent exposes its NodeDaemon and, through it, the rendered objects', () => {
    const chart = newChart();
    const logs = new LogCollector(chart, 'logs', { output: LogOutput.stdout() });
    const metrics = new MetricsExporter(chart, 'node-metrics');
    const rng = new HardwareRngRefresher(chart, 'rng', { image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' } });
    for (const agent of [logs, metrics, rng]) expect(agent.daemon).toBeInstanceOf(NodeDaemon);
    expect(logs.daemon.configMap).toBeDefined();
    expect(logs.daemon.serviceAccount).toBeDefined();
    expect(metrics.daemon.service).toBeDefined();
    expect(rng.daemon.service).toBeUndefined();
    metrics.daemon.daemonSets[0].metadata.addAnnotation('example.com/owner', 'observability');
    const ds = Testing.synth(chart).find(o => o.kind === 'DaemonSet' && o.metadata.name === metrics.daemon.daemonSets[0].name);
    expect(ds.metadata.annotations['example.com/owner']).toBe('observability');
  });
});
