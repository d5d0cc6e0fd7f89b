/**
 * The controls of the Pod Security Standards as the PodSecurity admission plugin of Kubernetes 1.28
 * checks them (the plugin's policy library, check_*.go): one function per check ID, each returning
 * admission's own reason and detail text. Written from pod-security-standards.md, not from the
 * library's other rules.
 */

/** The pod as admission sees it: its metadata (annotations) and spec, with their JSON paths. */
export interface PodView {
  readonly meta: any;
  readonly spec: any;
  readonly metaPath: string;
  readonly specPath: string;
}

/** What a failing check reports: admission's `reason (detail)`, and the first offending field. */
export interface CheckFinding {
  readonly reason: string;
  readonly detail: string;
  readonly path: string;
  readonly value: unknown;
}

/** One PSS control. */
export interface PodSecurityCheck {
  /** The check ID of the policy library, e.g. `hostNamespaces`. */
  readonly id: string;
  /** The rule ID suppressions name. */
  readonly ruleId: string;
  /** The control's title in the standard, e.g. `Host Namespaces`. */
  readonly title: string;
  readonly level: 'baseline' | 'restricted';
  /** The oldest policy minor version the check runs at (1.N). */
  readonly since: number;
  /** The baseline check this one replaces at restricted (from `since` on). */
  readonly overrides?: string;
  /** What admission allows, in one line. */
  readonly allowed: string;
  run(pod: PodView, minor: number): CheckFinding | undefined;
}

interface ContainerRef { readonly c: any; readonly path: string }

/** initContainers, containers, then ephemeralContainers: the order admission visits them (visitor.go). */
function containersOf(pod: PodView): ContainerRef[] {
  const list = (field: string) => (Array.isArray(pod.spec[field]) ? pod.spec[field] : [])
    .map((c: any, i: number) => ({ c: c ?? {}, path: `${pod.specPath}.${field}[${i}]` }));
  return [...list('initContainers'), ...list('containers'), ...list('ephemeralContainers')];
}

const quote = (s: unknown) => JSON.stringify(String(s));
const joinQuote = (items: unknown[]) => items.map(quote).join(', ');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** De-duplicated and byte-sorted, like Go's sets.String.List(). */
const sortedSet = (items: string[]) => [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const containerList = (names: string[]) => `${plural(names.length, 'container', 'containers')} ${joinQuote(names)}`;
/** `pod`, `container "a"`, `pod and containers "a", "b"`. */
function subjects(pod: boolean, names: string[], join = 'and'): string {
  const parts = [...(pod ? ['pod'] : []), ...(names.length ? [containerList(names)] : [])];
  return parts.join(` ${join} `);
}
const isWindows = (pod: PodView) => pod.spec.os?.name === 'windows';
const podContext = (pod: PodView) => pod.spec.securityContext ?? {};

const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];
const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const RESTRICTED_VOLUMES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos'];

const hostNamespaces: PodSecurityCheck = {
  id: 'hostNamespaces',
  ruleId: 'PSS001',
  title: 'Host Namespaces',
  level: 'baseline',
  since: 0,
  allowed: 'hostNetwork, hostPID and hostIPC unset or false',
  run(pod) {
    const set = ['hostNetwork', 'hostPID', 'hostIPC'].filter(f => pod.spec[f] === true);
    if (!set.length) return undefined;
    return { reason: 'host namespaces', detail: set.map(f => `${f}=true`).join(', '), path: `${pod.specPath}.${set[0]}`, value: true };
  },
};

const privileged: PodSecurityCheck = {
  id: 'privileged',
  ruleId: 'PSS002',
  title: 'Privileged Containers',
  level: 'baseline',
  since: 0,
  allowed: 'securityContext.privileged unset or false in every container',
  run(pod) {
    const bad = containersOf(pod).filter(r => r.c.securityContext?.privileged === true);
    if (!bad.length) return undefined;
    const names = bad.map(r => r.c.name);
    return { reason: 'privileged', detail: `${containerList(names)} must not set securityContext.privileged=true`, path: `${bad[0].path}.securityContext.privileged`, value: true };
  },
};

const capabilitiesBaseline: PodSecurityCheck = {
  id: 'capabilities_baseline',
  ruleId: 'PSS003',
  title: 'Capabilities',
  level: 'baseline',
  since: 0,
  allowed: `capabilities.add empty or only ${BASELINE_CAPABILITIES.join(', ')}`,
  run(pod) {
    const bad: ContainerRef[] = [];
    const caps: string[] = [];
    for (const r of containersOf(pod)) {
      const extra = (r.c.securityContext?.capabilities?.add ?? []).filter((c: string) => !BASELINE_CAPABILITIES.includes(c));
      if (extra.length) {
        bad.push(r);
        caps.push(...extra);
      }
    }
    if (!bad.length) return undefined;
    const names = bad.map(r => r.c.name);
    return {
      reason: 'non-default capabilities',
      detail: `${containerList(names)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
      path: `${bad[0].path}.securityContext.capabilities.add`,
      value: sortedSet(caps),
    };
  },
};

function volumesOf(pod: PodView): { v: any; path: string }[] {
  return (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).map((v: any, i: number) => ({ v: v ?? {}, path: `${pod.specPath}.volumes[${i}]` }));
}

const hostPathVolumes: PodSecurityCheck = {
  id: 'hostPathVolumes',
  ruleId: 'PSS004',
  title: 'HostPath Volumes',
  level: 'baseline',
  since: 0,
  allowed: 'no hostPath volume',
  run(pod) {
    const bad = volumesOf(pod).filter(x => x.v.hostPath !== undefined && x.v.hostPath !== null);
    if (!bad.length) return undefined;
    const names = bad.map(x => x.v.name);
    return { reason: 'hostPath volumes', detail: `${plural(names.length, 'volume', 'volumes')} ${joinQuote(names)}`, path: `${bad[0].path}.hostPath`, value: bad[0].v.hostPath };
  },
};

const hostPorts: PodSecurityCheck = {
  id: 'hostPorts',
  ruleId: 'PSS005',
  title: 'Host Ports',
  level: 'baseline',
  since: 0,
  allowed: 'hostPort unset or 0 on every container port (with hostNetwork, every containerPort is a host port on the pod)',
  run(pod) {
    const bad: string[] = [];
    const ports: string[] = [];
    let first: { path: string; value: unknown } | undefined;
    for (const r of containersOf(pod)) {
      let found = false;
      (Array.isArray(r.c.ports) ? r.c.ports : []).forEach((p: any, j: number) => {
        // Pods only (SetDefaults_Pod): with hostNetwork an unset hostPort becomes the containerPort.
        const port = p?.hostPort || (pod.spec.hostNetwork === true ? p?.containerPort : 0);
        if (!port) return;
        found = true;
        ports.push(String(port));
        first = first ?? { path: p.hostPort ? `${r.path}.ports[${j}].hostPort` : `${r.path}.ports[${j}]`, value: port };
      });
      if (found) bad.push(r.c.name);
    }
    if (!bad.length) return undefined;
    const set = sortedSet(ports);
    return {
      reason: 'hostPort',
      detail: `${containerList(bad)} ${plural(bad.length, 'uses', 'use')} ${plural(set.length, 'hostPort', 'hostPorts')} ${set.join(', ')}`,
      path: first!.path,
      value: first!.value,
    };
  },
};

const appArmorProfile: PodSecurityCheck = {
  id: 'appArmorProfile',
  ruleId: 'PSS006',
  title: 'AppArmor',
  level: 'baseline',
  since: 0,
  allowed: 'AppArmor annotations unset, "", runtime/default or localhost/<profile>',
  run(pod) {
    const forbidden = Object.entries(pod.meta?.annotations ?? {})
      .filter(([k, v]) => k.startsWith(APPARMOR_PREFIX) && !(v === '' || v === 'runtime/default' || String(v).startsWith('localhost/')));
    if (!forbidden.length) return undefined;
    const entries = sortedSet(forbidden.map(([k, v]) => `${k}=${quote(v)}`));
    const [key, value] = forbidden[0];
    return { reason: `forbidden AppArmor ${plural(entries.length, 'profile', 'profiles')}`, detail: entries.join(', '), path: `${pod.metaPath}.annotations[${JSON.stringify(key)}]`, value };
  },
};

const seLinuxOptions: PodSecurityCheck = {
  id: 'seLinuxOptions',
  ruleId: 'PSS007',
  title: 'SELinux',
  level: 'baseline',
  since: 0,
  allowed: 'seLinuxOptions.type unset, container_t, container_init_t or container_kvm_t; user and role unset',
  run(pod) {
    const types: string[] = [];
    let user = false;
    let role = false;
    const bad = (opts: any): boolean => {
      if (!opts) return false;
      let isBad = false;
      if (opts.type !== undefined && !SELINUX_TYPES.includes(opts.type)) {
        types.push(String(opts.type));
        isBad = true;
      }
      if (opts.user !== undefined && opts.user !== '') user = isBad = true;
      if (opts.role !== undefined && opts.role !== '') role = isBad = true;
      return isBad;
    };
    const podBad = bad(podContext(pod).seLinuxOptions);
    const badContainers = containersOf(pod).filter(r => bad(r.c.securityContext?.seLinuxOptions));
    if (!podBad && !badContainers.length) return undefined;
    const issues = [
      ...(types.length ? [`${plural(sortedSet(types).length, 'type', 'types')} ${joinQuote(sortedSet(types))}`] : []),
      ...(user ? ['user may not be set'] : []),
      ...(role ? ['role may not be set'] : []),
    ];
    const path = podBad ? `${pod.specPath}.securityContext.seLinuxOptions` : `${badContainers[0].path}.securityContext.seLinuxOptions`;
    return {
      reason: 'seLinuxOptions',
      detail: `${subjects(podBad, badContainers.map(r => r.c.name))} set forbidden securityContext.seLinuxOptions: ${issues.join('; ')}`,
      path,
      value: podBad ? podContext(pod).seLinuxOptions : badContainers[0].c.securityContext.seLinuxOptions,
    };
  },
};

const procMount: PodSecurityCheck = {
  id: 'procMount',
  ruleId: 'PSS008',
  title: '/proc Mount Type',
  level: 'baseline',
  since: 0,
  allowed: 'securityContext.procMount unset or Default',
  run(pod) {
    const bad = containersOf(pod).filter(r => r.c.securityContext?.procMount !== undefined && r.c.securityContext.procMount !== 'Default');
    if (!bad.length) return undefined;
    const values = sortedSet(bad.map(r => String(r.c.securityContext.procMount)));
    return {
      reason: 'procMount',
      detail: `${containerList(bad.map(r => r.c.name))} must not set securityContext.procMount to ${joinQuote(values)}`,
      path: `${bad[0].path}.securityContext.procMount`,
      value: bad[0].c.securityContext.procMount,
    };
  },
};

/** A set seccomp profile whose type admission does not allow (a profile without a type has type ""). */
function badSeccompType(profile: any): string | undefined {
  if (profile === undefined || profile === null) return undefined;
  const type = profile.type ?? '';
  return SECCOMP_TYPES.includes(type) ? undefined : String(type);
}

/** Pod and containers that set a forbidden seccomp profile type, in admission's words. */
function explicitSeccomp(pod: PodView): CheckFinding | undefined {
  const values: string[] = [];
  const podType = badSeccompType(podContext(pod).seccompProfile);
  if (podType !== undefined) values.push(podType);
  const bad = containersOf(pod).filter(r => {
    const t = badSeccompType(r.c.securityContext?.seccompProfile);
    if (t !== undefined) values.push(t);
    return t !== undefined;
  });
  if (podType === undefined && !bad.length) return undefined;
  const path = podType !== undefined ? `${pod.specPath}.securityContext.seccompProfile.type` : `${bad[0].path}.securityContext.seccompProfile.type`;
  return {
    reason: 'seccompProfile',
    detail: `${subjects(podType !== undefined, bad.map(r => r.c.name))} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`,
    path,
    value: podType ?? bad[0].c.securityContext.seccompProfile.type ?? '',
  };
}

const seccompProfileBaseline: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  ruleId: 'PSS009',
  title: 'Seccomp',
  level: 'baseline',
  since: 0,
  allowed: 'seccompProfile unset, RuntimeDefault or Localhost (never Unconfined)',
  run(pod, minor) {
    if (minor >= 19) return explicitSeccomp(pod);
    // Before 1.19 the check reads the alpha annotations of the pod and of the visited containers.
    const annotations = pod.meta?.annotations ?? {};
    const keys = ['seccomp.security.alpha.kubernetes.io/pod', ...containersOf(pod).map(r => `container.seccomp.security.alpha.kubernetes.io/${r.c.name}`)];
    const ok = (v: unknown) => v === 'runtime/default' || v === 'docker/default' || String(v).startsWith('localhost/');
    const bad = sortedSet(keys.filter(k => annotations[k] !== undefined && !ok(annotations[k])).map(k => `${k}=${quote(annotations[k])}`));
    if (!bad.length) return undefined;
    return { reason: 'seccompProfile', detail: `forbidden ${plural(bad.length, 'annotation', 'annotations')} ${bad.join(', ')}`, path: `${pod.metaPath}.annotations`, value: bad };
  },
};

const sysctls: PodSecurityCheck = {
  id: 'sysctls',
  ruleId: 'PSS010',
  title: 'Sysctls',
  level: 'baseline',
  since: 0,
  allowed: `only the safe sysctls ${SYSCTLS_1_27.join(', ')} (the last from policy v1.27)`,
  run(pod, minor) {
    const allowed = minor >= 27 ? SYSCTLS_1_27 : SYSCTLS_1_0;
    const list: any[] = Array.isArray(podContext(pod).sysctls) ? podContext(pod).sysctls : [];
    const bad = list.map(s => String(s?.name)).filter(n => !allowed.includes(n));
    if (!bad.length) return undefined;
    return { reason: 'forbidden sysctls', detail: bad.join(', '), path: `${pod.specPath}.securityContext.sysctls`, value: bad };
  },
};

const windowsHostProcess: PodSecurityCheck = {
  id: 'windowsHostProcess',
  ruleId: 'PSS011',
  title: 'HostProcess',
  level: 'baseline',
  since: 0,
  allowed: 'windowsOptions.hostProcess unset or false',
  run(pod) {
    const podBad = podContext(pod).windowsOptions?.hostProcess === true;
    const bad = containersOf(pod).filter(r => r.c.securityContext?.windowsOptions?.hostProcess === true);
    if (!podBad && !bad.length) return undefined;
    return {
      reason: 'hostProcess',
      detail: `${subjects(podBad, bad.map(r => r.c.name))} must not set securityContext.windowsOptions.hostProcess=true`,
      path: podBad ? `${pod.specPath}.securityContext.windowsOptions.hostProcess` : `${bad[0].path}.securityContext.windowsOptions.hostProcess`,
      value: true,
    };
  },
};

const restrictedVolumes: PodSecurityCheck = {
  id: 'restrictedVolumes',
  ruleId: 'PSS012',
  title: 'Volume Types',
  level: 'restricted',
  since: 0,
  overrides: 'hostPathVolumes',
  allowed: `only ${ALLOWED_VOLUMES.join(', ')} volumes`,
  run(pod) {
    const bad: { name: string; type: string; path: string }[] = [];
    for (const { v, path } of volumesOf(pod)) {
      const sources = Object.keys(v).filter(k => k !== 'name' && v[k] !== undefined && v[k] !== null);
      // A volume without a source is defaulted to emptyDir before admission sees it.
      if (!sources.length || sources.some(s => ALLOWED_VOLUMES.includes(s))) continue;
      bad.push({ name: v.name, type: RESTRICTED_VOLUMES.find(t => sources.includes(t)) ?? 'unknown', path });
    }
    if (!bad.length) return undefined;
    const types = sortedSet(bad.map(b => b.type));
    return {
      reason: 'restricted volume types',
      detail: `${plural(bad.length, 'volume', 'volumes')} ${joinQuote(bad.map(b => b.name))} ${plural(bad.length, 'uses', 'use')} restricted volume ${plural(types.length, 'type', 'types')} ${joinQuote(types)}`,
      path: `${bad[0].path}.${bad[0].type === 'unknown' ? '' : bad[0].type}`.replace(/\.$/, ''),
      value: bad[0].type,
    };
  },
};

const allowPrivilegeEscalation: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  ruleId: 'PSS013',
  title: 'Privilege Escalation',
  level: 'restricted',
  since: 8,
  allowed: 'securityContext.allowPrivilegeEscalation: false in every container',
  run(pod, minor) {
    if (minor >= 25 && isWindows(pod)) return undefined;
    const bad = containersOf(pod).filter(r => r.c.securityContext?.allowPrivilegeEscalation !== false);
    if (!bad.length) return undefined;
    return {
      reason: 'allowPrivilegeEscalation != false',
      detail: `${containerList(bad.map(r => r.c.name))} must set securityContext.allowPrivilegeEscalation=false`,
      path: `${bad[0].path}.securityContext.allowPrivilegeEscalation`,
      value: bad[0].c.securityContext?.allowPrivilegeEscalation ?? null,
    };
  },
};

const runAsNonRoot: PodSecurityCheck = {
  id: 'runAsNonRoot',
  ruleId: 'PSS014',
  title: 'Running as Non-root',
  level: 'restricted',
  since: 0,
  allowed: 'runAsNonRoot: true on the pod (containers may omit it, never false) or on every container',
  run(pod) {
    const podValue = podContext(pod).runAsNonRoot;
    const refs = containersOf(pod);
    const explicit = refs.filter(r => r.c.securityContext?.runAsNonRoot === false);
    if (podValue === false || explicit.length) {
      return {
        reason: 'runAsNonRoot != true',
        detail: `${subjects(podValue === false, explicit.map(r => r.c.name))} must not set securityContext.runAsNonRoot=false`,
        path: podValue === false ? `${pod.specPath}.securityContext.runAsNonRoot` : `${explicit[0].path}.securityContext.runAsNonRoot`,
        value: false,
      };
    }
    if (podValue === true) return undefined;
    const missing = refs.filter(r => r.c.securityContext?.runAsNonRoot !== true);
    if (!missing.length) return undefined;
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containerList(missing.map(r => r.c.name))} must set securityContext.runAsNonRoot=true`,
      path: `${missing[0].path}.securityContext.runAsNonRoot`,
      value: null,
    };
  },
};

const runAsUser: PodSecurityCheck = {
  id: 'runAsUser',
  ruleId: 'PSS015',
  title: 'Running as Non-root user',
  level: 'restricted',
  since: 23,
  allowed: 'runAsUser unset or non-zero on the pod and every container',
  run(pod) {
    const podBad = podContext(pod).runAsUser === 0;
    const bad = containersOf(pod).filter(r => r.c.securityContext?.runAsUser === 0);
    if (!podBad && !bad.length) return undefined;
    return {
      reason: 'runAsUser=0',
      detail: `${subjects(podBad, bad.map(r => r.c.name))} must not set runAsUser=0`,
      path: podBad ? `${pod.specPath}.securityContext.runAsUser` : `${bad[0].path}.securityContext.runAsUser`,
      value: 0,
    };
  },
};

const seccompProfileRestricted: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  ruleId: 'PSS016',
  title: 'Seccomp',
  level: 'restricted',
  since: 19,
  overrides: 'seccompProfile_baseline',
  allowed: 'seccompProfile.type RuntimeDefault or Localhost on the pod, or on every container',
  run(pod, minor) {
    if (minor >= 25 && isWindows(pod)) return undefined;
    const explicit = explicitSeccomp(pod);
    if (explicit) return explicit;
    if (podContext(pod).seccompProfile) return undefined;
    const missing = containersOf(pod).filter(r => !r.c.securityContext?.seccompProfile);
    if (!missing.length) return undefined;
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containerList(missing.map(r => r.c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      path: `${pod.specPath}.securityContext.seccompProfile`,
      value: null,
    };
  },
};

const capabilitiesRestricted: PodSecurityCheck = {
  id: 'capabilities_restricted',
  ruleId: 'PSS017',
  title: 'Capabilities',
  level: 'restricted',
  since: 22,
  overrides: 'capabilities_baseline',
  allowed: 'capabilities.drop contains "ALL" in every container; add empty or only NET_BIND_SERVICE',
  run(pod, minor) {
    if (minor >= 25 && isWindows(pod)) return undefined;
    const noDrop: ContainerRef[] = [];
    const badAdd: ContainerRef[] = [];
    const caps: string[] = [];
    for (const r of containersOf(pod)) {
      const capabilities = r.c.securityContext?.capabilities;
      if (!capabilities) {
        noDrop.push(r);
        continue;
      }
      if (!(capabilities.drop ?? []).includes('ALL')) noDrop.push(r);
      const extra = (capabilities.add ?? []).filter((c: string) => c !== 'NET_BIND_SERVICE');
      if (extra.length) {
        badAdd.push(r);
        caps.push(...extra);
      }
    }
    if (!noDrop.length && !badAdd.length) return undefined;
    const parts = [
      ...(noDrop.length ? [`${containerList(noDrop.map(r => r.c.name))} must set securityContext.capabilities.drop=["ALL"]`] : []),
      ...(badAdd.length ? [`${containerList(badAdd.map(r => r.c.name))} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`] : []),
    ];
    const first = noDrop.length ? { path: `${noDrop[0].path}.securityContext.capabilities`, value: noDrop[0].c.securityContext?.capabilities ?? null }
      : { path: `${badAdd[0].path}.securityContext.capabilities.add`, value: sortedSet(caps) };
    return { reason: 'unrestricted capabilities', detail: parts.join('; '), ...first };
  },
};

const byId = (a: PodSecurityCheck, b: PodSecurityCheck) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Baseline checks, then restricted ones, each sorted by check ID byte-wise: the order of admission's reasons. */
export const POD_SECURITY_CHECKS: PodSecurityCheck[] = [
  ...[hostNamespaces, privileged, capabilitiesBaseline, hostPathVolumes, hostPorts, appArmorProfile, seLinuxOptions, procMount,
    seccompProfileBaseline, sysctls, windowsHostProcess].sort(byId),
  ...[restrictedVolumes, allowPrivilegeEscalation, runAsNonRoot, runAsUser, seccompProfileRestricted, capabilitiesRestricted].sort(byId),
];

/** The checks admission runs at a level and policy minor version (registry.go `populate`). */
export function checksFor(level: 'privileged' | 'baseline' | 'restricted', minor: number): PodSecurityCheck[] {
  if (level === 'privileged') return [];
  const active = POD_SECURITY_CHECKS.filter(c => (c.level === 'baseline' || level === 'restricted') && minor >= c.since);
  const overridden = new Set(active.filter(c => c.overrides).map(c => c.overrides));
  return active.filter(c => !overridden.has(c.id));
}
