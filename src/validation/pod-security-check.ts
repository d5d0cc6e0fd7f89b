/**
 * What every Pod Security check works on and reports, and the helpers that give its texts admission's
 * exact wording (the plugin's policy library, check_*.go).
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

export interface ContainerRef { readonly c: any; readonly path: string }

/** initContainers, containers, then ephemeralContainers: the order admission visits them (visitor.go). */
export function containersOf(pod: PodView): ContainerRef[] {
  const list = (field: string) => (Array.isArray(pod.spec[field]) ? pod.spec[field] : [])
    .map((c: any, i: number) => ({ c: c ?? {}, path: `${pod.specPath}.${field}[${i}]` }));
  return [...list('initContainers'), ...list('containers'), ...list('ephemeralContainers')];
}

export const quote = (s: unknown) => JSON.stringify(String(s));
export const joinQuote = (items: unknown[]) => items.map(quote).join(', ');
export const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
/** De-duplicated and byte-sorted, like Go's sets.String.List(). */
export const sortedSet = (items: string[]) => [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
export const containerList = (names: string[]) => `${plural(names.length, 'container', 'containers')} ${joinQuote(names)}`;
/** `pod`, `container "a"`, `pod and containers "a", "b"`. */
export function subjects(pod: boolean, names: string[], join = 'and'): string {
  const parts = [...(pod ? ['pod'] : []), ...(names.length ? [containerList(names)] : [])];
  return parts.join(` ${join} `);
}
export const isWindows = (pod: PodView) => pod.spec.os?.name === 'windows';
export const podContext = (pod: PodView) => pod.spec.securityContext ?? {};

export const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
export const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
export const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];
export const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start'];
export const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
export const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
export const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
export const RESTRICTED_VOLUMES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos'];

export function volumesOf(pod: PodView): { v: any; path: string }[] {
  return (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).map((v: any, i: number) => ({ v: v ?? {}, path: `${pod.specPath}.volumes[${i}]` }));
}

/** A set seccomp profile whose type admission does not allow (a profile without a type has type ""). */
export function badSeccompType(profile: any): string | undefined {
  if (profile === undefined || profile === null) return undefined;
  const type = profile.type ?? '';
  return SECCOMP_TYPES.includes(type) ? undefined : String(type);
}

/** Pod and containers that set a forbidden seccomp profile type, in admission's words. */
export function explicitSeccomp(pod: PodView): CheckFinding | undefined {
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
