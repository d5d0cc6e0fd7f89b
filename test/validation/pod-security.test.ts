import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppArmorProfile, Exposure, HostPathMount, NodeDaemon, NodeDaemonProps, PodSecurityLevel, SeccompProfile, Validations,
} from '../../src';
import { checkObject, familiesFor } from '../../src/validation/object-checker';
import { podSecurityViolations } from '../../src/validation/pod-security';
import { HARDENED } from '../support/hardened';

// Pod Security Standards as the PodSecurity admission plugin of Kubernetes 1.28 enforces them
// (../shared/reference/pod-security-standards.md). The expected texts are admission's own
// `reason (detail)` strings, copied from the reference; each control is tripped on a NodeDaemon and on
// a hand-written DaemonSet.

const { BASELINE, RESTRICTED, PRIVILEGED } = PodSecurityLevel;

/** A container that passes restricted: no escalation, non-root, every capability dropped. */
function restrictedContainer(name: string): any {
  return { name, image: 'example.com/agent:1.0.0', securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } } };
}

/** A hand-written DaemonSet whose pods pass restricted; `mutate` breaks one control. */
function handWritten(mutate: (pod: any, template: any) => void): any {
  const template: any = {
    metadata: { labels: { app: 'raw' } },
    spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [restrictedContainer('a')] },
  };
  mutate(template.spec, template);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'raw', namespace: 'agents' },
    spec: { selector: { matchLabels: { app: 'raw' } }, template },
  };
}

const policy = (level: PodSecurityLevel, version = 'latest') => ({ level, version, source: 'the test' });

/** `reason (detail)` of every failing control, as admission joins them. */
function admissionText(obj: any, level: PodSecurityLevel, version = 'latest'): string[] {
  return podSecurityViolations(obj, policy(level, version)).map(v => /^violates PodSecurity "[^"]+": (.*); the /.exec(v.problem)![1]);
}

interface Control {
  readonly rule: string;
  readonly level: PodSecurityLevel;
  /** A hand-written pod that trips the control, and admission's text for it (from the reference). */
  readonly raw: (pod: any, template: any) => void;
  readonly text: string;
  /** NodeDaemon props (and patches on its DaemonSet) that trip it, and the prop the error names. */
  readonly props: Partial<NodeDaemonProps>;
  readonly patch?: (ds: ApiObject) => void;
  readonly libraryText: RegExp;
  readonly prop: string;
}

const CONTROLS: { [control: string]: Control } = {
  hostNamespaces: {
    rule: 'PSS001',
    level: BASELINE,
    raw: pod => { pod.hostNetwork = true; pod.hostPID = true; pod.hostIPC = true; },
    text: 'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)',
    props: { host: { pid: true } },
    libraryText: /host namespaces \(hostPID=true\)/,
    prop: 'host.pid',
  },
  privileged: {
    rule: 'PSS002',
    level: BASELINE,
    raw: pod => { pod.containers[0].securityContext = { privileged: true }; },
    text: 'privileged (container "a" must not set securityContext.privileged=true)',
    props: { security: undefined, host: { privileged: true } },
    libraryText: /privileged \(container "agent" must not set securityContext\.privileged=true\)/,
    prop: 'host.privileged',
  },
  capabilities_baseline: {
    rule: 'PSS003',
    level: BASELINE,
    raw: pod => { pod.containers[0].securityContext.capabilities.add = ['NET_RAW']; },
    text: 'non-default capabilities (container "a" must not include "NET_RAW" in securityContext.capabilities.add)',
    props: { host: { capabilities: [kplus.Capability.NET_ADMIN] } },
    libraryText: /non-default capabilities \(container "agent" must not include "NET_ADMIN" in securityContext\.capabilities\.add\)/,
    prop: 'host.capabilities',
  },
  hostPathVolumes: {
    rule: 'PSS004',
    level: BASELINE,
    raw: pod => { pod.volumes = [{ name: 'varlog', hostPath: { path: '/var/log' } }, { name: 'data', hostPath: { path: '/var/lib/x' } }]; },
    text: 'hostPath volumes (volumes "varlog", "data")',
    props: { host: { mounts: [HostPathMount.readOnly('/var/log', '/var/log', { volumeName: 'varlog' })] } },
    libraryText: /hostPath volumes \(volume "varlog"\)/,
    prop: 'host.mounts[0]',
  },
  hostPorts: {
    rule: 'PSS005',
    level: BASELINE,
    raw: pod => {
      pod.containers = [restrictedContainer('a'),
        { ...restrictedContainer('b'), ports: [{ containerPort: 10, hostPort: 10 }] },
        { ...restrictedContainer('c'), ports: [{ containerPort: 20, hostPort: 20 }, { containerPort: 30, hostPort: 30 }] }];
    },
    text: 'hostPort (containers "b", "c" use hostPorts 10, 20, 30)',
    props: { exposure: Exposure.hostPort({ port: 9100 }) },
    libraryText: /hostPort \(container "agent" uses hostPort 9100\)/,
    prop: 'exposure',
  },
  appArmorProfile: {
    rule: 'PSS006',
    level: BASELINE,
    raw: (_pod, template) => { template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' }; },
    text: 'forbidden AppArmor profile (container.apparmor.security.beta.kubernetes.io/a="unconfined")',
    props: { appArmorProfile: AppArmorProfile.unconfined() },
    libraryText: /forbidden AppArmor profile \(container\.apparmor\.security\.beta\.kubernetes\.io\/agent="unconfined"\)/,
    prop: 'appArmorProfile',
  },
  seLinuxOptions: {
    rule: 'PSS007',
    level: BASELINE,
    raw: pod => {
      pod.securityContext.seLinuxOptions = { type: 'foo' };
      pod.containers = [restrictedContainer('a'),
        { ...restrictedContainer('d'), securityContext: { ...restrictedContainer('d').securityContext, seLinuxOptions: { type: 'bar', user: 'u' } } },
        { ...restrictedContainer('e'), securityContext: { ...restrictedContainer('e').securityContext, seLinuxOptions: { role: 'r', level: 's0:c1' } } }];
    },
    text: 'seLinuxOptions (pod and containers "d", "e" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set)',
    props: { podSecurityContext: { seLinuxOptions: { type: 'spc_t' } } },
    libraryText: /seLinuxOptions \(pod set forbidden securityContext\.seLinuxOptions: type "spc_t"\)/,
    prop: 'podSecurityContext',
  },
  procMount: {
    rule: 'PSS008',
    level: BASELINE,
    raw: pod => { pod.containers[0].securityContext.procMount = 'Unmasked'; },
    text: 'procMount (container "a" must not set securityContext.procMount to "Unmasked")',
    props: {},
    patch: ds => ds.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/procMount', 'Unmasked')),
    libraryText: /procMount \(container "agent" must not set securityContext\.procMount to "Unmasked"\)/,
    prop: 'security',
  },
  seccompProfile_baseline: {
    rule: 'PSS009',
    level: BASELINE,
    raw: pod => {
      pod.securityContext.seccompProfile = { type: 'Unconfined' };
      pod.containers = [restrictedContainer('a'),
        { ...restrictedContainer('c'), securityContext: { ...restrictedContainer('c').securityContext, seccompProfile: { type: 'Unconfined' } } },
        { ...restrictedContainer('d'), securityContext: { ...restrictedContainer('d').securityContext, seccompProfile: { type: 'Unconfined' } } }];
    },
    text: 'seccompProfile (pod and containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined")',
    props: { security: { ...HARDENED.security, seccompProfile: SeccompProfile.unconfined() } },
    libraryText: /seccompProfile \(container "agent" must not set securityContext\.seccompProfile\.type to "Unconfined"\)/,
    prop: 'security',
  },
  sysctls: {
    rule: 'PSS010',
    level: BASELINE,
    raw: pod => { pod.securityContext.sysctls = [{ name: 'net.core.somaxconn', value: '1024' }, { name: 'kernel.msgmax', value: '65536' }]; },
    text: 'forbidden sysctls (net.core.somaxconn, kernel.msgmax)',
    props: { podSecurityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } },
    libraryText: /forbidden sysctls \(net\.core\.somaxconn\)/,
    prop: 'podSecurityContext',
  },
  windowsHostProcess: {
    rule: 'PSS011',
    level: BASELINE,
    raw: pod => {
      pod.securityContext.windowsOptions = { hostProcess: true };
      pod.containers = [restrictedContainer('a'),
        { ...restrictedContainer('e'), securityContext: { ...restrictedContainer('e').securityContext, windowsOptions: { hostProcess: true } } },
        { ...restrictedContainer('f'), securityContext: { ...restrictedContainer('f').securityContext, windowsOptions: { hostProcess: true } } }];
    },
    text: 'hostProcess (pod and containers "e", "f" must not set securityContext.windowsOptions.hostProcess=true)',
    props: {},
    patch: ds => ds.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/windowsOptions', { hostProcess: true })),
    libraryText: /hostProcess \(container "agent" must not set securityContext\.windowsOptions\.hostProcess=true\)/,
    prop: 'security',
  },
  restrictedVolumes: {
    rule: 'PSS012',
    level: RESTRICTED,
    raw: pod => { pod.volumes = [{ name: 'cfg', configMap: { name: 'c' } }, { name: 'host', hostPath: { path: '/var/lib/x' } }, { name: 'share', nfs: { server: 'nfs', path: '/' } }]; },
    text: 'restricted volume types (volumes "host", "share" use restricted volume types "hostPath", "nfs")',
    props: { host: { mounts: [HostPathMount.readOnly('/var/log', '/var/log', { volumeName: 'host' })] } },
    libraryText: /restricted volume types \(volume "host" uses restricted volume type "hostPath"\)/,
    prop: 'host.mounts[0]',
  },
  allowPrivilegeEscalation: {
    rule: 'PSS013',
    level: RESTRICTED,
    raw: pod => { delete pod.containers[0].securityContext.allowPrivilegeEscalation; },
    text: 'allowPrivilegeEscalation != false (container "a" must set securityContext.allowPrivilegeEscalation=false)',
    props: { security: { ...HARDENED.security, allowPrivilegeEscalation: true } },
    libraryText: /allowPrivilegeEscalation != false \(container "agent" must set securityContext\.allowPrivilegeEscalation=false\)/,
    prop: 'security',
  },
  runAsNonRoot: {
    rule: 'PSS014',
    level: RESTRICTED,
    raw: pod => {
      pod.securityContext.runAsNonRoot = false;
      pod.containers = [restrictedContainer('a'),
        { ...restrictedContainer('c'), securityContext: { ...restrictedContainer('c').securityContext, runAsNonRoot: false } },
        { ...restrictedContainer('d'), securityContext: { ...restrictedContainer('d').securityContext, runAsNonRoot: false } }];
    },
    text: 'runAsNonRoot != true (pod and containers "c", "d" must not set securityContext.runAsNonRoot=false)',
    props: { security: { ...HARDENED.security, runAsNonRoot: false, runAsUser: undefined } },
    libraryText: /runAsNonRoot != true \(container "agent" must not set securityContext\.runAsNonRoot=false\)/,
    prop: 'security',
  },
  runAsUser: {
    rule: 'PSS015',
    level: RESTRICTED,
    raw: pod => {
      pod.securityContext.runAsUser = 0;
      pod.containers[0].securityContext.runAsUser = 0;
      pod.containers[0].securityContext.runAsNonRoot = undefined;
    },
    text: 'runAsUser=0 (pod and container "a" must not set runAsUser=0)',
    props: { security: { ...HARDENED.security, runAsNonRoot: undefined, runAsUser: 0 } },
    libraryText: /runAsUser=0 \(container "agent" must not set runAsUser=0\)/,
    prop: 'security',
  },
  seccompProfile_restricted: {
    rule: 'PSS016',
    level: RESTRICTED,
    raw: pod => { delete pod.securityContext.seccompProfile; },
    text: 'seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    props: { podSecurityContext: { seccompProfile: SeccompProfile.unconfined() } },
    libraryText: /seccompProfile \(pod must not set securityContext\.seccompProfile\.type to "Unconfined"\)/,
    prop: 'podSecurityContext',
  },
  capabilities_restricted: {
    rule: 'PSS017',
    level: RESTRICTED,
    raw: pod => {
      pod.containers = [
        { name: 'a', image: 'x:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['BAR'] } } },
        { name: 'b', image: 'x:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['BAZ'], drop: ['NET_RAW'] } } },
        { name: 'c', image: 'x:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['BAR', 'NET_BIND_SERVICE'], drop: ['ALL'] } } },
      ];
      pod.securityContext.runAsNonRoot = true;
    },
    text: 'unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ" in securityContext.capabilities.add)',
    props: { security: { ...HARDENED.security, addCapabilities: [kplus.Capability.NET_ADMIN] } },
    libraryText: /unrestricted capabilities \(container "agent" must not include "NET_ADMIN" in securityContext\.capabilities\.add\)/,
    prop: 'security',
  },
};

test('every control of the reference has a case here', () => {
  expect(Object.keys(CONTROLS).sort()).toEqual(['allowPrivilegeEscalation', 'appArmorProfile', 'capabilities_baseline', 'capabilities_restricted',
    'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'privileged', 'procMount', 'runAsNonRoot', 'runAsUser', 'restrictedVolumes',
    'seLinuxOptions', 'seccompProfile_baseline', 'seccompProfile_restricted', 'sysctls', 'windowsHostProcess'].sort());
});

test('the hand-written base passes restricted, and so does HARDENED rendered at restricted', () => {
  expect(admissionText(handWritten(() => undefined), RESTRICTED)).toEqual([]);
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'agents' });
  new NodeDaemon(chart, 'agent', { ...HARDENED, podSecurity: RESTRICTED });
  expect(Testing.synth(chart)).toHaveLength(1);
});

describe.each(Object.entries(CONTROLS))('%s', (control, c) => {
  test(`a hand-written DaemonSet in a namespace that enforces ${c.level} fails synth with admission's text (${c.rule})`, () => {
    const obj = handWritten(c.raw);
    expect(admissionText(obj, c.level)).toContain(c.text);
    const app = Testing.app();
    const namespaces = new Chart(app, 'namespaces');
    new ApiObject(namespaces, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': c.level } } });
    const chart = new Chart(app, 'raw', { namespace: 'agents' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false });
    new ApiObject(chart, 'raw', obj);
    const escaped = c.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => Testing.synth(chart)).toThrow(new RegExp(`raw/raw \\(DaemonSet raw\\) \\S+ [^\\n]*?: violates PodSecurity "${c.level}:latest": ${escaped}; the DaemonSet is accepted, then every pod it creates is forbidden \\(0 pods, FailedCreate events\\)\\. Control ${control} [^\\n]*rule ${c.rule}\\)`));
  });

  test(`a NodeDaemon with podSecurity ${c.level} refuses it at synth, naming the control and the prop (${c.rule})`, () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'agents' });
    const daemon = new NodeDaemon(chart, 'agent', { ...HARDENED, ...c.props, podSecurity: c.level });
    c.patch?.(daemon.daemonSets[0]);
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    const line = message.split('\n').find(l => l.includes(`rule ${c.rule})`)) ?? message;
    expect(line).toMatch(c.libraryText);
    expect(line).toContain(`[agents/agent] '${c.prop}`);
    expect(line).toContain(`Control ${control} (`);
    expect(line).toContain(`enforced by podSecurity ${c.level} of agents/agent`);
  });

  test(`passes one level down: nothing at privileged${c.level === RESTRICTED ? ' and baseline' : ''}`, () => {
    const obj = handWritten(c.raw);
    expect(podSecurityViolations(obj, policy(PRIVILEGED))).toEqual([]);
    if (c.level === RESTRICTED) expect(podSecurityViolations(obj, policy(BASELINE)).map(v => v.ruleId)).not.toContain(c.rule);
  });
});

describe('details of admission', () => {
  test('host ports are sorted as strings; hostNetwork pods get their container ports as host ports', () => {
    const ports = handWritten(pod => {
      pod.containers[0].ports = [{ containerPort: 8080, hostPort: 8080 }, { containerPort: 10000, hostPort: 10000 }];
    });
    expect(admissionText(ports, BASELINE)).toEqual(['hostPort (container "a" uses hostPorts 10000, 8080)']);
    const hostNetwork = handWritten(pod => { pod.hostNetwork = true; pod.containers[0].ports = [{ containerPort: 9100 }]; });
    expect(admissionText(hostNetwork, BASELINE)).toEqual(['host namespaces (hostNetwork=true)', 'hostPort (container "a" uses hostPort 9100)']);
  });

  test('the reference example: several baseline controls in admission order', () => {
    const obj = handWritten(pod => {
      pod.hostNetwork = true;
      pod.volumes = [{ name: 'proc', hostPath: { path: '/proc' } }];
      pod.containers = [{ name: 'agent', image: 'x:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }];
    });
    expect(podSecurityViolations(obj, policy(BASELINE)).map(v => /"baseline:latest": ([^;]*);/.exec(v.problem)![1]).join(', '))
      .toBe('host namespaces (hostNetwork=true), hostPath volumes (volume "proc"), hostPort (container "agent" uses hostPort 9100)');
  });

  test('restricted runs the baseline checks it does not replace', () => {
    const obj = handWritten(pod => { pod.hostPID = true; pod.volumes = [{ name: 'h', hostPath: { path: '/x' } }]; });
    const rules = podSecurityViolations(obj, policy(RESTRICTED)).map(v => v.ruleId);
    expect(rules).toContain('PSS001');
    expect(rules).toContain('PSS012');
    expect(rules).not.toContain('PSS004');
  });

  test('runAsNonRoot: missing on a container when the pod sets nothing', () => {
    const obj = handWritten(pod => { delete pod.containers[0].securityContext.runAsNonRoot; });
    expect(admissionText(obj, RESTRICTED)).toEqual(['runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)']);
    const podLevel = handWritten(pod => { delete pod.containers[0].securityContext.runAsNonRoot; pod.securityContext.runAsNonRoot = true; });
    expect(admissionText(podLevel, RESTRICTED)).toEqual([]);
  });

  test('a seccomp profile object without a type has type "" and fails', () => {
    const obj = handWritten(pod => { pod.securityContext.seccompProfile = {}; });
    expect(admissionText(obj, BASELINE)).toEqual(['seccompProfile (pod must not set securityContext.seccompProfile.type to "")']);
  });

  test('versions: runAsUser is checked from v1.23, ip_local_reserved_ports allowed from v1.27', () => {
    const root = handWritten(pod => { pod.containers[0].securityContext.runAsUser = 0; });
    expect(admissionText(root, RESTRICTED, 'v1.22')).toEqual([]);
    expect(admissionText(root, RESTRICTED, 'v1.23')).toEqual(['runAsUser=0 (container "a" must not set runAsUser=0)']);
    const sysctl = handWritten(pod => { pod.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '8080' }]; });
    expect(admissionText(sysctl, BASELINE, 'v1.26')).toEqual(['forbidden sysctls (net.ipv4.ip_local_reserved_ports)']);
    expect(admissionText(sysctl, BASELINE, 'v1.27')).toEqual([]);
  });

  test('Windows pods are exempt from the capability, escalation and seccomp checks from v1.25, not from runAsNonRoot', () => {
    const obj = handWritten(pod => { pod.os = { name: 'windows' }; pod.containers = [{ name: 'a', image: 'x:1' }]; delete pod.securityContext.seccompProfile; });
    expect(admissionText(obj, RESTRICTED)).toEqual(['runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)']);
    expect(admissionText(obj, RESTRICTED, 'v1.24').length).toBe(4);
  });
});

describe('where the level comes from', () => {
  test('a Namespace of the app applies to the library\'s DaemonSets and hand-written ones in that namespace', () => {
    const app = Testing.app();
    const ns = new Chart(app, 'namespaces');
    new ApiObject(ns, 'monitoring', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.28' } } });
    const chart = new Chart(app, 'agents', { namespace: 'monitoring' });
    new NodeDaemon(chart, 'exporter', { ...HARDENED, host: { pid: true } });
    expect(() => Testing.synth(chart)).toThrow(/\[agents\/exporter\] 'host\.pid' true: violates PodSecurity "baseline:v1\.28": host namespaces \(hostPID=true\); .*enforced by the label pod-security\.kubernetes\.io\/enforce of Namespace monitoring \(namespaces\/monitoring\)[^\n]*rule PSS001\)/);
  });

  test('a daemon in another namespace is not affected', () => {
    const app = Testing.app();
    new ApiObject(new Chart(app, 'namespaces'), 'monitoring', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
    new NodeDaemon(chart, 'exporter', { ...HARDENED, host: { pid: true } });
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('a level declared on a chart applies to every pod template in its namespace, in other charts too', () => {
    const app = Testing.app();
    const first = new Chart(app, 'first', { namespace: 'agents' });
    Validations.configure(first, { podSecurity: BASELINE });
    new NodeDaemon(first, 'a', HARDENED);
    const second = new Chart(app, 'second', { namespace: 'agents' });
    Validations.enable(second);
    new ApiObject(second, 'raw', handWritten(pod => { pod.hostIPC = true; }));
    expect(() => Testing.synth(second)).toThrow(/violates PodSecurity "baseline:latest": host namespaces \(hostIPC=true\);.*enforced by podSecurity baseline of first for namespace agents/);
  });

  test('an invalid enforce level fails closed (restricted), and the Namespace itself is refused (NS001)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': 'Baseline', 'pod-security.kubernetes.io/enforce-version': '1.28' } } });
    new NodeDaemon(chart, 'agent', { ...HARDENED, host: { pid: true } });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/metadata\.labels\["pod-security\.kubernetes\.io\/enforce"\] "Baseline": must be one of privileged, baseline, restricted \(rule NS001\)/);
    expect(message).toMatch(/metadata\.labels\["pod-security\.kubernetes\.io\/enforce-version"\] "1\.28": must be "latest" or "v1\.x" \(rule NS001\)/);
    expect(message).toMatch(/'host\.pid' true: violates PodSecurity "restricted:latest": host namespaces \(hostPID=true\)/);
  });

  test('the stricter of the daemon\'s and the namespace\'s level wins, and the daemon renders for it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    Validations.configure(chart, { podSecurity: RESTRICTED });
    new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', podSecurity: BASELINE });
    const [ds] = Testing.synth(chart);
    expect(ds.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(ds.spec.template.spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('a PSS error is suppressible with a reason (an exempt namespace), kept in the manifest', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'agents' });
    const daemon = new NodeDaemon(chart, 'agent', { ...HARDENED, host: { pid: true }, podSecurity: BASELINE });
    Validations.suppress(daemon, 'PSS001', 'the agents namespace is exempt in the cluster admission configuration');
    const [ds] = Testing.synth(chart);
    expect(ds.metadata.annotations['daemons.cdk8s.io/suppress-PSS001']).toBe('the agents namespace is exempt in the cluster admission configuration');
  });

  test('privileged enforces nothing, and no level means no check', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'agents' });
    new NodeDaemon(chart, 'a', { ...HARDENED, host: { pid: true, network: true }, podSecurity: PRIVILEGED });
    new NodeDaemon(chart, 'b', { ...HARDENED, host: { pid: true } });
    expect(Testing.synth(chart)).toHaveLength(2);
  });
});

test('restricted renders what it requires into a minimal daemon, which then meets it', () => {
  const chart = new Chart(new App({ outdir: Testing.app().outdir }), 'agents', { namespace: 'agents' });
  new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', podSecurity: RESTRICTED, sidecars: [{ name: 'side', image: 'example.com/side:1.0.0' }] });
  const [ds] = Testing.synth(chart);
  const pod = ds.spec.template.spec;
  expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  for (const c of pod.containers) expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  expect(podSecurityViolations(ds, policy(RESTRICTED))).toEqual([]);
  expect(checkObject(ds, [], familiesFor({})).errors).toEqual([]);
});
