/** The Baseline controls of the Pod Security Standards, as 1.28 admission checks them. */
import {
  APPARMOR_PREFIX, BASELINE_CAPABILITIES, containerList, ContainerRef, containersOf, explicitSeccomp,
  joinQuote, plural, podContext, PodSecurityCheck, quote, SELINUX_TYPES, sortedSet, subjects, SYSCTLS_1_0,
  SYSCTLS_1_27, volumesOf,
} from './pod-security-check';

export const hostNamespaces: PodSecurityCheck = {
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

export const privileged: PodSecurityCheck = {
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

export const capabilitiesBaseline: PodSecurityCheck = {
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

export const hostPathVolumes: PodSecurityCheck = {
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

export const hostPorts: PodSecurityCheck = {
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

export const appArmorProfile: PodSecurityCheck = {
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

export const seLinuxOptions: PodSecurityCheck = {
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

export const procMount: PodSecurityCheck = {
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
export const seccompProfileBaseline: PodSecurityCheck = {
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

export const sysctls: PodSecurityCheck = {
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

export const windowsHostProcess: PodSecurityCheck = {
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
