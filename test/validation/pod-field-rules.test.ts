import { POD031, POD032, POD033, POD034, POD035, POD_FIELD_RULES } from '../../src/validation/pod-field-rules';

// The API server's rules (Kubernetes 1.28, pkg/apis/core/validation) for the pod fields agents need, on
// hand-written objects. Each case quotes the API server's own message. DNS and lifecycle hooks are POD017
// and POD015 (test/validation/api-server-classes.test.ts).

const POD = 'spec.template.spec';
const C0 = `${POD}.containers[0]`;

function daemonSet(pod: any = {}, annotations?: any): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'a', namespace: 'n' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' }, annotations },
        spec: { containers: [{ name: 'agent', image: 'i:1' }], ...pod },
      },
    },
  };
}

function found(obj: any): [string, string, string][] {
  return POD_FIELD_RULES.flatMap(r => r.check(obj)).map(v => [v.ruleId, v.path, v.problem]);
}

test('every field agents need, set validly, passes', () => {
  const ds = daemonSet({
    dnsPolicy: 'None',
    dnsConfig: { nameservers: ['10.96.0.10', 'fd00::a'], searches: ['svc.cluster.local', 'example.com.'], options: [{ name: 'ndots', value: '2' }] },
    hostAliases: [{ ip: '10.0.0.5', hostnames: ['registry.internal', 'mirror'] }],
    runtimeClassName: 'gvisor',
    shareProcessNamespace: true,
    securityContext: {
      fsGroup: 2000,
      supplementalGroups: [0, 2147483647],
      sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'net/ipv4/tcp_syncookies', value: '1' }],
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/agent.json' },
    },
    containers: [{
      name: 'agent',
      image: 'i:1',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      lifecycle: { preStop: { exec: { command: ['sleep', '5'] } }, postStart: { httpGet: { path: '/', port: 80 } } },
    }],
    initContainers: [{ name: 'init', image: 'i:1', restartPolicy: 'Always', lifecycle: { preStop: { tcpSocket: { port: 80 } } } }],
  }, {
    'container.apparmor.security.beta.kubernetes.io/agent': 'localhost/agent-profile',
    'container.apparmor.security.beta.kubernetes.io/init': 'runtime/default',
  });
  expect(found(ds)).toEqual([]);
});

test.each([
  ['a host alias without a valid IP', POD031, { hostAliases: [{ ip: '10.0.0.256', hostnames: ['a'] }] }, `${POD}.hostAliases[0].ip`, 'must be a valid IP address'],
  ['a host alias with an invalid host name', POD031, { hostAliases: [{ ip: '10.0.0.1', hostnames: ['under_score'] }] }, `${POD}.hostAliases[0].hostnames[0]`,
    "must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit"],
  ['a negative fsGroup', POD032, { securityContext: { fsGroup: -1 } }, `${POD}.securityContext.fsGroup`, 'must be between 0 and 2147483647, inclusive'],
  ['a supplemental group above the range', POD032, { securityContext: { supplementalGroups: [2147483648] } }, `${POD}.securityContext.supplementalGroups[0]`,
    'must be between 0 and 2147483647, inclusive'],
  ['a sysctl without a name', POD032, { securityContext: { sysctls: [{ name: '', value: '1' }] } }, `${POD}.securityContext.sysctls[0].name`, 'Required value'],
  ['a sysctl name with upper case', POD032, { securityContext: { sysctls: [{ name: 'net.ipv4.IP_forward', value: '1' }] } }, `${POD}.securityContext.sysctls[0].name`,
    'must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$'],
  ['a sysctl twice', POD032, { securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '0' }] } },
    `${POD}.securityContext.sysctls[1].name`, 'Duplicate value'],
  ['a net sysctl with host networking', POD032, { hostNetwork: true, securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } },
    `${POD}.securityContext.sysctls[0].name`, "may not be specified when 'hostNetwork' is true"],
  ['a slash-separated net sysctl with host networking', POD032, { hostNetwork: true, securityContext: { sysctls: [{ name: 'net/ipv4/tcp_syncookies', value: '1' }] } },
    `${POD}.securityContext.sysctls[0].name`, "may not be specified when 'hostNetwork' is true"],
  ['an IPC sysctl with host IPC', POD032, { hostIPC: true, securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] } },
    `${POD}.securityContext.sysctls[0].name`, "may not be specified when 'hostIPC' is true"],
  ['shareProcessNamespace with hostPID', POD032, { hostPID: true, shareProcessNamespace: true }, `${POD}.shareProcessNamespace`, 'ShareProcessNamespace and HostPID cannot both be enabled'],
  ['an unknown seccomp type', POD033, { securityContext: { seccompProfile: { type: 'Default' } } }, `${POD}.securityContext.seccompProfile.type`, 'Unsupported value'],
  ['Localhost without a profile', POD033, { securityContext: { seccompProfile: { type: 'Localhost' } } }, `${POD}.securityContext.seccompProfile.localhostProfile`,
    'must be set when seccomp type is Localhost'],
  ['Localhost with an absolute profile', POD033, { containers: [{ name: 'agent', image: 'i:1', securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '/etc/p.json' } } }] },
    `${C0}.securityContext.seccompProfile.localhostProfile`, 'must be a relative path'],
  ['Localhost with ..', POD033, { securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'a/../../p.json' } } },
    `${POD}.securityContext.seccompProfile.localhostProfile`, "must not contain '..'"],
  ['a localhostProfile with RuntimeDefault', POD033, { securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'p.json' } } },
    `${POD}.securityContext.seccompProfile.localhostProfile`, 'can only be set when seccomp type is Localhost'],
  ['a runtimeClassName with upper case', POD035, { runtimeClassName: 'gVisor' }, `${POD}.runtimeClassName`,
    "must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit"],
])('%s', (_, r, pod, path, problem) => {
  expect(r.check(daemonSet(pod)).map(v => [v.path, v.problem])).toEqual([[path, problem]]);
});

describe('AppArmor annotations (POD034)', () => {
  const key = 'container.apparmor.security.beta.kubernetes.io/';
  test('an annotation for a container the pod does not have', () => {
    expect(POD034.check(daemonSet({}, { [`${key}sidecar`]: 'runtime/default' })).map(v => [v.path, v.value, v.problem]))
      .toEqual([[`spec.template.metadata.annotations["${key}sidecar"]`, 'sidecar', 'container not found']]);
  });

  test('a profile that is neither runtime/default, unconfined nor localhost/<name>', () => {
    expect(POD034.check(daemonSet({}, { [`${key}agent`]: 'docker-default' })).map(v => v.problem))
      .toEqual(['invalid AppArmor profile name: "docker-default"']);
  });

  test('checks a Pod\'s own annotations', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations: { [`${key}other`]: 'unconfined' } }, spec: { containers: [{ name: 'agent', image: 'i:1' }] } };
    expect(POD034.check(pod).map(v => v.path)).toEqual([`metadata.annotations["${key}other"]`]);
  });

  test('other annotations are not looked at', () => {
    expect(POD034.check(daemonSet({}, { 'apparmor.example.com/agent': 'anything' }))).toEqual([]);
  });
});
