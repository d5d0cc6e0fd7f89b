import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { mainContainer, newChart, podSpec, single } from './util';
import { AppArmorProfile, HostPathMount, NodeDaemon, NodeDaemonProps, RbacRules, SeccompProfile } from '../../src';
import { assertStrictSchema } from '../support/strict-schema';

// The pod fields real agents need, rendered on the Kubernetes 1.28 types. Testing.synth checks every
// object against the strict 1.28 schema (test/support/setup.ts); the first test does so explicitly too.

const IMAGE = 'example.com/agent:1.0.0';

function synth(props: Partial<NodeDaemonProps>): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'agent', { image: IMAGE, ...props });
  return Testing.synth(chart);
}

function synthError(props: Partial<NodeDaemonProps>): string {
  try {
    synth(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded');
}

test('every new field at once is valid against the strict 1.28 schema', () => {
  const objects = synth({
    imagePullSecrets: ['registry-credentials'],
    podSecurityContext: {
      runAsUser: 1000,
      runAsGroup: 1000,
      runAsNonRoot: true,
      fsGroup: 2000,
      supplementalGroups: [4000],
      fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH,
      seccompProfile: SeccompProfile.localhost('profiles/agent.json'),
      sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }],
      seLinuxOptions: { type: 'spc_t', level: 's0:c123,c456' },
    },
    security: { seccompProfile: SeccompProfile.runtimeDefault() },
    appArmorProfile: AppArmorProfile.runtimeDefault(),
    lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', '5']), postStart: kplus.Handler.fromHttpGet('/started', { port: 8080 }) },
    runtimeClassName: 'gvisor',
    dnsPolicy: kplus.DnsPolicy.NONE,
    dnsConfig: { nameservers: ['10.96.0.10'], searches: ['kube-system.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    hostAliases: [{ ip: '10.0.0.5', hostnames: ['registry.internal'] }],
    automountServiceAccountToken: false,
    shareProcessNamespace: true,
    resources: { ephemeralStorage: { request: Size.mebibytes(100), limit: Size.gibibytes(1) } },
    sidecars: [{ name: 'registrar', image: 'example.com/registrar:2.9.0', hostMounts: [HostPathMount.readWrite('/var/lib/kubelet/plugins_registry', '/registration')] }],
  });
  assertStrictSchema(objects);
  const spec = podSpec(objects);
  expect(spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
  expect(spec.securityContext).toEqual({
    runAsUser: 1000,
    runAsGroup: 1000,
    runAsNonRoot: true,
    fsGroup: 2000,
    supplementalGroups: [4000],
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/agent.json' },
    sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }],
    seLinuxOptions: { type: 'spc_t', level: 's0:c123,c456' },
  });
  expect(spec.runtimeClassName).toBe('gvisor');
  expect(spec.dnsPolicy).toBe('None');
  expect(spec.dnsConfig).toEqual({ nameservers: ['10.96.0.10'], searches: ['kube-system.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] });
  expect(spec.hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['registry.internal'] }]);
  expect(spec.automountServiceAccountToken).toBe(false);
  expect(spec.shareProcessNamespace).toBe(true);
  const main = mainContainer(objects);
  expect(main.securityContext).toEqual({ allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } });
  expect(main.lifecycle).toEqual({
    preStop: { exec: { command: ['sleep', '5'] } },
    postStart: { httpGet: { path: '/started', port: 8080, scheme: 'HTTP' } },
  });
  expect(main.resources).toEqual({ requests: { 'ephemeral-storage': '100Mi' }, limits: { 'ephemeral-storage': '1024Mi' } });
  expect(single(objects, 'DaemonSet').spec.template.metadata.annotations)
    .toEqual({ 'container.apparmor.security.beta.kubernetes.io/agent': 'runtime/default' });
});

describe('imagePullSecrets', () => {
  test('renders one reference per name, in order', () => {
    expect(podSpec(synth({ imagePullSecrets: ['a', 'b'] })).imagePullSecrets).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  test('renders nothing when empty', () => {
    expect(podSpec(synth({ imagePullSecrets: [] }))).not.toHaveProperty('imagePullSecrets');
  });
});

describe('pod security context', () => {
  test('the seccomp profile can be replaced, for example by Unconfined', () => {
    expect(podSpec(synth({ podSecurityContext: { seccompProfile: SeccompProfile.unconfined() } })).securityContext)
      .toEqual({ seccompProfile: { type: 'Unconfined' } });
  });

  test('keeps the runtime default seccomp profile next to other settings', () => {
    expect(podSpec(synth({ podSecurityContext: { fsGroup: 65534 } })).securityContext).toEqual({ fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('empty SELinux options render nothing', () => {
    expect(podSpec(synth({ podSecurityContext: { seLinuxOptions: {} } })).securityContext).not.toHaveProperty('seLinuxOptions');
  });

  test('a net sysctl under host networking is refused, naming the prop', () => {
    expect(synthError({ host: { network: true }, podSecurityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }))
      .toMatch(/'podSecurityContext.sysctls\[0\]' "net.core.somaxconn": may not be specified when 'hostNetwork' is true .*rule POD032/);
  });

  test('an invalid sysctl name is refused', () => {
    expect(synthError({ podSecurityContext: { sysctls: [{ name: 'net..core', value: '1' }] } })).toMatch(/'podSecurityContext.sysctls\[0\]' "net..core": must have at most 253 characters/);
  });

  test('a Localhost seccomp profile with an absolute path is refused, naming the container prop', () => {
    expect(synthError({ security: { seccompProfile: SeccompProfile.localhost('/etc/seccomp/agent.json') } }))
      .toMatch(/'security.seccompProfile' "\/etc\/seccomp\/agent.json": must be a relative path .*rule POD033/);
  });

  test('a Localhost seccomp profile with an empty name is refused', () => {
    expect(synthError({ podSecurityContext: { seccompProfile: SeccompProfile.localhost('') } }))
      .toMatch(/'podSecurityContext.seccompProfile' "": must be set when seccomp type is Localhost/);
  });

  test('shareProcessNamespace with host.pid is refused', () => {
    expect(synthError({ shareProcessNamespace: true, host: { pid: true } })).toMatch(/'shareProcessNamespace' true: ShareProcessNamespace and HostPID cannot both be enabled/);
  });
});

describe('AppArmor', () => {
  test('renders one annotation per container that sets a profile, keyed by the container name', () => {
    const objects = synth({
      appArmorProfile: AppArmorProfile.localhost('agent'),
      sidecars: [{ name: 'proxy', image: 'example.com/proxy:1.0.0', appArmorProfile: AppArmorProfile.unconfined() },
        { name: 'plain', image: 'example.com/plain:1.0.0' }],
      initContainers: [{ name: 'init', image: 'example.com/init:1.0.0', appArmorProfile: AppArmorProfile.runtimeDefault() }],
      podAnnotations: { team: 'obs' },
    });
    expect(single(objects, 'DaemonSet').spec.template.metadata.annotations).toEqual({
      'team': 'obs',
      'container.apparmor.security.beta.kubernetes.io/agent': 'localhost/agent',
      'container.apparmor.security.beta.kubernetes.io/proxy': 'unconfined',
      'container.apparmor.security.beta.kubernetes.io/init': 'runtime/default',
    });
  });

  test('follows containerName', () => {
    const objects = synth({ containerName: 'collector', appArmorProfile: AppArmorProfile.runtimeDefault() });
    expect(Object.keys(single(objects, 'DaemonSet').spec.template.metadata.annotations)).toEqual(['container.apparmor.security.beta.kubernetes.io/collector']);
  });

  test('a podAnnotations entry for a container that does not exist is refused by the API-server rule', () => {
    expect(synthError({ podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/missing': 'runtime/default' } }))
      .toMatch(/'podAnnotations' "missing": container not found .*rule POD034/);
  });
});

describe('lifecycle', () => {
  test('a handler without a port uses the container\'s first port', () => {
    const main = mainContainer(synth({ ports: [{ containerPort: 9090, name: 'admin' }], lifecycle: { preStop: kplus.Handler.fromTcpSocket() } }));
    expect(main.lifecycle).toEqual({ preStop: { tcpSocket: { port: 9090 } } });
  });

  test('sidecars may have hooks', () => {
    const spec = podSpec(synth({ sidecars: [{ name: 'proxy', image: 'example.com/proxy:1.0.0', lifecycle: { preStop: kplus.Handler.fromCommand(['/drain']) } }] }));
    expect(spec.containers[1].lifecycle).toEqual({ preStop: { exec: { command: ['/drain'] } } });
  });

  test('an init container with a hook is refused, naming it', () => {
    expect(synthError({ initContainers: [{ name: 'init', image: 'example.com/init:1.0.0', lifecycle: { postStart: kplus.Handler.fromCommand(['true']) } }] }))
      .toMatch(/'initContainers\[0\].lifecycle' .*may not be set for init containers .*rule POD015/);
  });

  test('an empty exec command is refused', () => {
    expect(synthError({ lifecycle: { preStop: kplus.Handler.fromCommand([]) } })).toMatch(/'lifecycle' \[\]: Required value .*rule POD015/);
  });
});

describe('runtimeClassName', () => {
  test('an invalid name is refused, naming the prop', () => {
    expect(synthError({ runtimeClassName: 'Kata_Containers' })).toMatch(/'runtimeClassName' "Kata_Containers": must be a lowercase RFC 1123 subdomain/);
  });
});

describe('DNS', () => {
  test('dnsConfig adds to the default policy', () => {
    const spec = podSpec(synth({ dnsConfig: { options: [{ name: 'ndots', value: '1' }] } }));
    expect(spec).not.toHaveProperty('dnsPolicy');
    expect(spec.dnsConfig).toEqual({ options: [{ name: 'ndots', value: '1' }] });
  });

  test('dnsPolicy NONE without dnsConfig is refused', () => {
    expect(synthError({ dnsPolicy: kplus.DnsPolicy.NONE })).toMatch(/'dnsPolicy' .*must provide at least one DNS nameserver when `dnsPolicy` is None .*rule POD017/);
  });

  test('dnsPolicy NONE with a dnsConfig that names no name server is refused', () => {
    expect(synthError({ dnsPolicy: kplus.DnsPolicy.NONE, dnsConfig: { searches: ['example.com'] } }))
      .toMatch(/'dnsConfig' .*must provide at least one DNS nameserver when `dnsPolicy` is None .*rule POD017/);
  });

  test('a name server that is not an IP is refused', () => {
    expect(synthError({ dnsConfig: { nameservers: ['kube-dns'] } })).toMatch(/'dnsConfig' "kube-dns": must be a valid IP address .*rule POD017/);
  });
});

describe('hostAliases', () => {
  test('an invalid IP is refused, naming the alias', () => {
    expect(synthError({ hostAliases: [{ ip: '10.0.0.5', hostnames: ['a'] }, { ip: 'registry', hostnames: ['b'] }] }))
      .toMatch(/'hostAliases\[1\]' "registry": must be a valid IP address .*rule POD031/);
  });
});

describe('automountServiceAccountToken', () => {
  test('true without rbac mounts the default account\'s token', () => {
    const spec = podSpec(synth({ automountServiceAccountToken: true }));
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(spec).not.toHaveProperty('serviceAccountName');
  });

  test('false with rbac keeps the daemon\'s account but mounts no token', () => {
    const objects = synth({ rbac: [RbacRules.readOnly('pods')], automountServiceAccountToken: false });
    expect(podSpec(objects).automountServiceAccountToken).toBe(false);
    expect(podSpec(objects).serviceAccountName).toBe(single(objects, 'ServiceAccount').metadata.name);
  });
});

describe('ephemeral storage', () => {
  test('requests and limits render as Mi quantities on every kind of container', () => {
    const storage = { ephemeralStorage: { request: Size.mebibytes(256), limit: Size.gibibytes(2) } };
    const spec = podSpec(synth({
      resources: storage,
      sidecars: [{ name: 'proxy', image: 'example.com/proxy:1.0.0', resources: storage }],
      initContainers: [{ name: 'init', image: 'example.com/init:1.0.0', resources: storage }],
    }));
    for (const c of [...spec.containers, ...spec.initContainers]) {
      expect(c.resources).toEqual({ requests: { 'ephemeral-storage': '256Mi' }, limits: { 'ephemeral-storage': '2048Mi' } });
    }
  });

  test('a request above the limit is refused', () => {
    expect(synthError({ resources: { ephemeralStorage: { request: Size.gibibytes(2), limit: Size.gibibytes(1) } } }))
      .toMatch(/'resources' "2048Mi": must be less than or equal to ephemeral-storage limit of 1024Mi/);
  });
});

describe('host mounts of sidecars and init containers', () => {
  // A CSI node plugin: the driver and its registrar sidecar share the plugin socket directory.
  const csi = (): Partial<NodeDaemonProps> => ({
    host: {
      privileged: true,
      mounts: [
        HostPathMount.readWrite('/var/lib/kubelet/plugins/example.csi.io', '/csi', { type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }),
        HostPathMount.readWrite('/var/lib/kubelet/pods', '/var/lib/kubelet/pods', { propagation: kplus.MountPropagation.BIDIRECTIONAL }),
      ],
    },
    sidecars: [{
      name: 'node-driver-registrar',
      image: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.9.0',
      hostMounts: [
        HostPathMount.readWrite('/var/lib/kubelet/plugins/example.csi.io', '/csi', { type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }),
        HostPathMount.readWrite('/var/lib/kubelet/plugins_registry', '/registration', { type: kplus.HostPathVolumeType.DIRECTORY }),
      ],
    }],
    initContainers: [{
      name: 'prepare',
      image: 'example.com/init:1.0.0',
      hostMounts: [HostPathMount.readOnly('/etc/os-release', '/host/os-release', { type: kplus.HostPathVolumeType.FILE, propagation: kplus.MountPropagation.HOST_TO_CONTAINER })],
    }],
  });

  test('render volumes once and mounts, with propagation, in each container', () => {
    const spec = podSpec(synth(csi()));
    expect(spec.volumes).toEqual([
      { name: 'host-var-lib-kubelet-plugins-example-csi-io', hostPath: { path: '/var/lib/kubelet/plugins/example.csi.io', type: 'DirectoryOrCreate' } },
      { name: 'host-var-lib-kubelet-pods', hostPath: { path: '/var/lib/kubelet/pods' } },
      { name: 'host-var-lib-kubelet-plugins-registry', hostPath: { path: '/var/lib/kubelet/plugins_registry', type: 'Directory' } },
      { name: 'host-etc-os-release', hostPath: { path: '/etc/os-release', type: 'File' } },
    ]);
    expect(spec.containers[1].volumeMounts).toEqual([
      { name: 'host-var-lib-kubelet-plugins-example-csi-io', mountPath: '/csi' },
      { name: 'host-var-lib-kubelet-plugins-registry', mountPath: '/registration' },
    ]);
    expect(spec.initContainers[0].volumeMounts).toEqual([
      { name: 'host-etc-os-release', mountPath: '/host/os-release', readOnly: true, mountPropagation: 'HostToContainer' },
    ]);
  });

  test('Bidirectional propagation in an unprivileged sidecar is refused, naming the sidecar\'s mount', () => {
    const props = csi();
    const sidecar = { ...props.sidecars![0], hostMounts: [HostPathMount.readWrite('/var/lib/kubelet/pods', '/pods', { propagation: kplus.MountPropagation.BIDIRECTIONAL })] };
    expect(synthError({ ...props, sidecars: [sidecar] }))
      .toMatch(/'sidecars\[0\].hostMounts\[0\]' "Bidirectional": Bidirectional mount propagation is available only to privileged containers/);
  });

  test('one volume name for two node paths is refused', () => {
    expect(synthError({
      host: { mounts: [HostPathMount.readOnly('/var/log', '/var/log', { volumeName: 'logs' })] },
      sidecars: [{ name: 'tail', image: 'example.com/tail:1.0.0', hostMounts: [HostPathMount.readOnly('/var/lib/docker/containers', '/docker', { volumeName: 'logs' })] }],
    })).toMatch(/'sidecars\[0\].hostMounts\[0\]' "logs": Duplicate value/);
  });
});
