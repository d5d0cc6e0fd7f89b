import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { mainContainer, newChart, podSpec } from './util';
import { HostAccess, HostPathMount, NodeDaemon, NodeDaemonProps } from '../../src';

const IMAGE = 'example.com/node-exporter:1.8.2';

function synthHost(host: HostAccess, props: Partial<NodeDaemonProps> = {}): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'node-exporter', { image: IMAGE, host, ...props });
  return Testing.synth(chart);
}

describe('no host access', () => {
  test('renders no host namespaces, dnsPolicy, privileges or volumes', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'node-exporter', { image: IMAGE });
    const objects = Testing.synth(chart);
    const spec = podSpec(objects);
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC', 'dnsPolicy', 'volumes']) {
      expect(spec).not.toHaveProperty(field);
    }
    expect(mainContainer(objects).securityContext).toEqual({ allowPrivilegeEscalation: false });
  });
});

describe('host network', () => {
  test('renders hostNetwork with dnsPolicy ClusterFirstWithHostNet', () => {
    const spec = podSpec(synthHost({ network: true }));
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
  });

  test('an explicit dnsPolicy wins', () => {
    const spec = podSpec(synthHost({ network: true }, { dnsPolicy: kplus.DnsPolicy.DEFAULT }));
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('Default');
  });

  test('network false renders nothing', () => {
    const spec = podSpec(synthHost({ network: false }));
    expect(spec).not.toHaveProperty('hostNetwork');
    expect(spec).not.toHaveProperty('dnsPolicy');
  });
});

describe('host PID and IPC namespaces', () => {
  test('pid renders hostPID only', () => {
    const spec = podSpec(synthHost({ pid: true }));
    expect(spec.hostPID).toBe(true);
    expect(spec).not.toHaveProperty('hostIPC');
    expect(spec).not.toHaveProperty('hostNetwork');
  });

  test('ipc renders hostIPC only', () => {
    const spec = podSpec(synthHost({ ipc: true }));
    expect(spec.hostIPC).toBe(true);
    expect(spec).not.toHaveProperty('hostPID');
    expect(spec).not.toHaveProperty('hostNetwork');
  });
});

describe('privileges', () => {
  test('privileged renders securityContext.privileged on the main container only', () => {
    const objects = synthHost({ privileged: true }, { sidecars: [{ name: 'reloader', image: 'example.com/reloader:0.9.0' }] });
    expect(mainContainer(objects).securityContext).toEqual({ privileged: true });
    expect(podSpec(objects).containers[1].securityContext).toEqual({ allowPrivilegeEscalation: false });
  });

  test('capabilities are added to the main container', () => {
    expect(mainContainer(synthHost({ capabilities: [kplus.Capability.NET_ADMIN, kplus.Capability.SYS_PTRACE] })).securityContext)
      .toEqual({ allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN', 'SYS_PTRACE'] } });
  });

  test('host capabilities sit next to the container\'s other security settings', () => {
    const container = mainContainer(synthHost(
      { capabilities: [kplus.Capability.NET_ADMIN, kplus.Capability.NET_ADMIN] },
      { security: { dropCapabilities: [kplus.Capability.ALL], readOnlyRootFilesystem: true } },
    ));
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] } });
  });
});

describe('HostPathMount', () => {
  test('readOnly renders a hostPath volume with its type and a read-only mount', () => {
    const objects = synthHost({
      mounts: [HostPathMount.readOnly('/proc', '/host/proc', { type: kplus.HostPathVolumeType.DIRECTORY })],
    });
    expect(podSpec(objects).volumes).toEqual([{ name: 'host-proc', hostPath: { path: '/proc', type: 'Directory' } }]);
    expect(mainContainer(objects).volumeMounts).toEqual([{ name: 'host-proc', mountPath: '/host/proc', readOnly: true }]);
  });

  test('readWrite renders no readOnly and the mount propagation', () => {
    const objects = synthHost({
      mounts: [HostPathMount.readWrite('/run/containerd/containerd.sock', '/run/containerd/containerd.sock', {
        type: kplus.HostPathVolumeType.SOCKET,
        propagation: kplus.MountPropagation.HOST_TO_CONTAINER,
      })],
    });
    expect(podSpec(objects).volumes).toEqual([
      { name: 'host-run-containerd-containerd-sock', hostPath: { path: '/run/containerd/containerd.sock', type: 'Socket' } },
    ]);
    expect(mainContainer(objects).volumeMounts).toEqual([
      { name: 'host-run-containerd-containerd-sock', mountPath: '/run/containerd/containerd.sock', mountPropagation: 'HostToContainer' },
    ]);
  });

  test('renders no type and no propagation unless given', () => {
    const objects = synthHost({ mounts: [HostPathMount.readOnly('/sys', '/host/sys')] });
    expect(podSpec(objects).volumes).toEqual([{ name: 'host-sys', hostPath: { path: '/sys' } }]);
    expect(mainContainer(objects).volumeMounts).toEqual([{ name: 'host-sys', mountPath: '/host/sys', readOnly: true }]);
  });

  test('mounts only into the main container', () => {
    const objects = synthHost(
      { mounts: [HostPathMount.readOnly('/var/log', '/var/log')] },
      { sidecars: [{ name: 'reloader', image: 'example.com/reloader:0.9.0' }] },
    );
    expect(podSpec(objects).containers[1]).not.toHaveProperty('volumeMounts');
  });
});

describe('generated hostPath volume names', () => {
  test('are host- plus the words of the path, in mount order', () => {
    const objects = synthHost({
      mounts: [
        HostPathMount.readOnly('/var/log', '/var/log'),
        HostPathMount.readOnly('/var/lib/docker/containers', '/var/lib/docker/containers'),
        HostPathMount.readOnly('/', '/host/root', { propagation: kplus.MountPropagation.HOST_TO_CONTAINER }),
        HostPathMount.readOnly('/etc/machine-id', '/etc/machine-id', { volumeName: 'machine-id' }),
      ],
    });
    expect(podSpec(objects).volumes.map((v: any) => v.name)).toEqual(['host-var-log', 'host-var-lib-docker-containers', 'host-root', 'machine-id']);
    expect(mainContainer(objects).volumeMounts.map((m: any) => m.name)).toEqual(['host-var-log', 'host-var-lib-docker-containers', 'host-root', 'machine-id']);
  });

  test('are cut to at most 63 characters without a trailing hyphen', () => {
    const longPath = '/var/lib/kubelet/plugins/ebs.csi.aws.com/volumes/very-long-directory-name/with-more';
    const name = podSpec(synthHost({ mounts: [HostPathMount.readOnly(longPath, '/data')] })).volumes[0].name;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^host-var-lib-kubelet-plugins-ebs-csi-aws-com-/);
    expect(name).toMatch(/[a-z0-9]$/);
  });
});
