import { join } from 'path';
import { Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { mountAt, synthIn } from './util';
import { Exposure, NodePlacement, Priority, Toleration } from '../../src';
import { HardwareRngRefresher, HardwareRngRefresherProps, RngDeviceAccess, RngFeeder } from '../../src/agents';
import { Validations } from '../../src/validation/validations';
import { mainContainer, newChart, ofKind, podSpec, single } from '../daemon/util';

const IMAGE = 'registry.example.com/rng-tools:5-4.1';
const HW_RNG = { feature: 'hw-rng' };

function synth(props: Partial<HardwareRngRefresherProps> = {}): any[] {
  return synthIn(chart => new HardwareRngRefresher(chart, 'rng', { image: IMAGE, nodeSelector: HW_RNG, ...props }));
}

function suppressedRules(props: Partial<HardwareRngRefresherProps> = {}): string[] {
  const chart = newChart();
  const rng = new HardwareRngRefresher(chart, 'rng', { image: IMAGE, nodeSelector: HW_RNG, ...props });
  Testing.synth(chart);
  return Validations.suppressionsOf(rng.daemon).map(s => s.ruleId).sort();
}

describe('HardwareRngRefresher required props', () => {
  test('nodeSelector is required: a clear error names it', () => {
    expect(() => synthIn(c => new HardwareRngRefresher(c, 'rng', { image: IMAGE, nodeSelector: {} })))
      .toThrow("[node-agents/rng] 'nodeSelector' {}: is required: pods on nodes without a hardware RNG crash-loop. Valid: the label of the nodes with one, e.g. { feature: 'hw-rng' }");
    expect(() => synthIn(c => new HardwareRngRefresher(c, 'rng', { image: IMAGE } as any))).toThrow(/'nodeSelector' null: is required/);
  });

  test('image is required: there is no default rngd image', () => {
    expect(() => synthIn(c => new HardwareRngRefresher(c, 'rng', { nodeSelector: HW_RNG } as any))).toThrow(/\[node-agents\/rng\] 'image' null: is required/);
    expect(mainContainer(synth()).image).toBe(IMAGE);
  });
});

describe('HardwareRngRefresher default feeder: rngd', () => {
  test('runs rngd in the foreground from /dev/hwrng into /dev/random', () => {
    const c = mainContainer(synth());
    expect(c.name).toBe('rngd');
    expect(c.command).toEqual(['rngd', '-f', '-r', '/dev/hwrng', '-o', '/dev/random']);
  });

  test('mounts only /dev/hwrng (read-only, CharDevice): /dev/random is the container\'s own, the same kernel device', () => {
    const objects = synth();
    expect(podSpec(objects).volumes).toEqual([{ name: 'hwrng', hostPath: { path: '/dev/hwrng', type: 'CharDevice' } }]);
    expect(mountAt(objects, '/dev/hwrng')!.mount.readOnly).toBe(true);
    expect(mountAt(objects, '/dev/random')).toBeUndefined();
  });

  test('privileged by default: containerd and CRI-O admit /dev/hwrng only into a privileged container', () => {
    // No allowPrivilegeEscalation: false (the API server rejects it next to privileged) and no capability
    // lists (a privileged container holds every capability; the runtime ignores them).
    expect(mainContainer(synth()).securityContext).toEqual({ privileged: true, runAsUser: 0, readOnlyRootFilesystem: true });
    expect(suppressedRules()).toEqual(['BP005', 'SEC001', 'SEC010']);
  });

  test('the reason for privileged is recorded in the manifest, as the suppression annotation', () => {
    const app = Testing.app();
    new HardwareRngRefresher(new Chart(app, 'node-agents', { namespace: 'kube-system' }), 'rng', { image: IMAGE, nodeSelector: HW_RNG });
    app.synth();
    const ds = Yaml.load(join(app.outdir, 'node-agents.k8s.yaml')).find((o: any) => o.kind === 'DaemonSet');
    expect(ds.metadata.annotations['daemons.cdk8s.io/suppress-SEC001']).toMatch(/containerd and CRI-O admit \/dev\/hwrng only into a privileged container/);
  });

  test('device-plugin mode: unprivileged, one unit of the extended resource, SYS_ADMIN added and recorded, no host device mount', () => {
    const access = RngDeviceAccess.devicePlugin({ resource: 'smarter-devices/hwrng' });
    const objects = synth({ deviceAccess: access });
    const c = mainContainer(objects);
    expect(c.securityContext).toEqual({
      runAsUser: 0,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] },
    });
    expect(c.resources.requests['smarter-devices/hwrng']).toBe('1');
    expect(c.resources.limits['smarter-devices/hwrng']).toBe('1');
    expect(podSpec(objects)).not.toHaveProperty('volumes');
    expect(suppressedRules({ deviceAccess: access })).toEqual(['BP005', 'SEC006', 'SEC012']);
    expect(() => synth({ deviceAccess: RngDeviceAccess.devicePlugin({ resource: 'hwrng' }) }))
      .toThrow(/\[node-agents\/rng\] 'deviceAccess.resource' "hwrng": not an extended resource name/);
  });

  test('rngDevice and fillWatermark are rendered as -r and -W; out-of-range values are refused', () => {
    const objects = synth({ feeder: RngFeeder.rngd({ rngDevice: '/dev/hwrng0', fillWatermark: 3072 }) });
    expect(mainContainer(objects).command).toEqual(['rngd', '-f', '-r', '/dev/hwrng0', '-o', '/dev/random', '-W', '3072']);
    expect(mountAt(objects, '/dev/hwrng0')!.volume.hostPath).toEqual({ path: '/dev/hwrng0', type: 'CharDevice' });
    expect(() => synth({ feeder: RngFeeder.rngd({ fillWatermark: 5000 }) }))
      .toThrow(/\[node-agents\/rng\] 'feeder.fillWatermark' 5000: rngd refuses it .*Valid: an integer 0-4096/);
    expect(() => synth({ feeder: RngFeeder.rngd({ rngDevice: 'hwrng' }) })).toThrow(/'feeder.rngDevice' "hwrng": not a device path/);
  });

  test('small requests and limits', () => {
    expect(mainContainer(synth()).resources).toEqual({ requests: { cpu: '5m', memory: '8Mi' }, limits: { cpu: '50m', memory: '32Mi' } });
    expect(mainContainer(synth({ resources: { memory: { request: Size.mebibytes(4), limit: Size.mebibytes(16) } } })).resources)
      .toEqual({ requests: { memory: '4Mi' }, limits: { memory: '16Mi' } });
  });
});

describe('HardwareRngRefresher placement and exposure', () => {
  test('runs only on the selected Linux nodes', () => {
    const pod = podSpec(synth());
    expect(pod.nodeSelector).toEqual({ 'feature': 'hw-rng', 'kubernetes.io/os': 'linux' });
    expect(pod).not.toHaveProperty('affinity');
  });

  test('no Service and no port: it pushes, nothing connects to it', () => {
    const objects = synth();
    expect(ofKind(objects, 'Service')).toHaveLength(0);
    expect(mainContainer(objects)).not.toHaveProperty('ports');
  });

  test('a Service only through the escape hatch', () => {
    const objects = synth({ overrides: { exposure: Exposure.headlessService({ port: 9999, name: 'metrics' }) } });
    expect(single(objects, 'Service').spec.clusterIP).toBe('None');
  });

  test('no tolerations by default; the control-plane toleration is opt-in', () => {
    expect(podSpec(synth())).not.toHaveProperty('tolerations');
    expect(podSpec(synth({ tolerateControlPlane: true, tolerations: [Toleration.exists('hw')] })).tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'hw', operator: 'Exists' },
    ]);
  });

  test('priority system-node-critical by default, replaceable', () => {
    expect(podSpec(synth()).priorityClassName).toBe('system-node-critical');
    expect(podSpec(synth({ priority: Priority.existing('entropy') })).priorityClassName).toBe('entropy');
  });
});

describe('HardwareRngRefresher refresh loop (the Daemon Service example)', () => {
  const loop = RngFeeder.refreshLoop({ command: 'java -cp / RandomRunner /host_dev/random 100000', interval: Duration.seconds(30) });

  test('runs the command every interval with the whole /dev at /host_dev', () => {
    const objects = synth({ feeder: loop });
    expect(mainContainer(objects).command).toEqual(['sh', '-c', 'while true; do java -cp / RandomRunner /host_dev/random 100000; sleep 30; done']);
    const dev = mountAt(objects, '/host_dev')!;
    expect(dev.volume.hostPath).toEqual({ path: '/dev' });
    expect(dev.mount.readOnly).toBeUndefined();
  });

  test('unprivileged with no capability (it credits no entropy), as root unless told: the pattern\'s image has no USER', () => {
    const objects = synth({ feeder: loop });
    expect(mainContainer(objects).securityContext).toEqual({
      runAsUser: 0, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] },
    });
    expect(mountAt(objects, '/tmp')!.volume).toEqual({ name: 'tmp', emptyDir: { sizeLimit: '16Mi' } });
    expect(suppressedRules({ feeder: loop })).toEqual(['BP005', 'SEC006', 'SEC010']);
    // An image with a user of its own: the kubelet accepts runAsNonRoot with a non-zero runAsUser.
    const own = RngFeeder.refreshLoop({ command: 'true', runAsUser: 1001 });
    expect(mainContainer(synth({ feeder: own })).securityContext).toMatchObject({ runAsUser: 1001, runAsNonRoot: true });
    expect(suppressedRules({ feeder: own })).not.toContain('SEC006');
    expect(() => synth({ feeder: RngFeeder.refreshLoop({ command: 'true', runAsUser: -1 }) })).toThrow(/'feeder.runAsUser' -1: not a user ID/);
  });

  test('resources that fit a JVM, since the pattern\'s command starts one every interval', () => {
    expect(mainContainer(synth({ feeder: loop })).resources).toEqual({ requests: { cpu: '50m', memory: '192Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
  });

  test('reproduces the random-refresher example of seed-examples.md', () => {
    const objects = synth({
      name: 'random-refresher',
      feeder: RngFeeder.refreshLoop({ command: 'java -cp / RandomRunner /host_dev/random 100000' }),
      overrides: {
        image: 'k8spatterns/random-generator:1.0',
        containerName: 'random-generator',
        selectorLabels: { app: 'random-refresher' },
        placement: NodePlacement.labeled({ feature: 'hw-rng' }),
      },
    });
    const ds = single(objects, 'DaemonSet');
    expect(ds.metadata.name).toBe('random-refresher');
    expect(ds.spec.selector).toEqual({ matchLabels: { app: 'random-refresher' } });
    expect(ds.spec.template.metadata.labels.app).toBe('random-refresher');
    const pod = ds.spec.template.spec;
    expect(pod.nodeSelector).toEqual({ feature: 'hw-rng' });
    expect(pod).not.toHaveProperty('tolerations');
    const c = pod.containers[0];
    expect([c.name, c.image]).toEqual(['random-generator', 'k8spatterns/random-generator:1.0']);
    // The seed's folded `>-` scalar is this one line.
    expect(c.command).toEqual(['sh', '-c', 'while true; do java -cp / RandomRunner /host_dev/random 100000; sleep 30; done']);
    expect(mountAt(objects, '/host_dev')!.volume).toEqual({ name: 'devices', hostPath: { path: '/dev' } });
  });

  test('an interval under a second and an empty command are refused', () => {
    expect(() => synth({ feeder: RngFeeder.refreshLoop({ command: 'x', interval: Duration.millis(500) }) })).toThrow(/'feeder.interval' "500ms": sleep takes whole seconds/);
    expect(() => synth({ feeder: RngFeeder.refreshLoop({ command: ' ' }) })).toThrow(/'feeder.command' " ": empty/);
  });
});

describe('HardwareRngRefresher suppressions', () => {
  test('each suppression gives a reason', () => {
    const chart = newChart();
    const rng = new HardwareRngRefresher(chart, 'rng', { image: IMAGE, nodeSelector: HW_RNG, deviceAccess: RngDeviceAccess.devicePlugin({ resource: 'smarter-devices/hwrng' }) });
    Testing.synth(chart);
    const suppressions = Validations.suppressionsOf(rng.daemon);
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.split(' ').length).toBeGreaterThan(8);
  });

  test('uses capability names the API server accepts next to allowPrivilegeEscalation: false', () => {
    const sc = mainContainer(synth({ deviceAccess: RngDeviceAccess.devicePlugin({ resource: 'smarter-devices/hwrng' }) })).securityContext;
    expect(sc.capabilities.add).toEqual(['SYS_ADMIN']);
    expect(kplus.Capability.SYS_ADMIN).toBe('SYS_ADMIN');
  });
});
