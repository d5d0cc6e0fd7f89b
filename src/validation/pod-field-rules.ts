import { isIP } from 'net';
import { dns1123Subdomain } from './names';
import { podParts } from './pod-parts';
import { isInt, ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

// API-server rules for the pod fields agents need beyond the basics (COREV ValidateHostAliases,
// ValidatePodSecurityContext, validateSysctls, validateSeccompProfileField, ValidateAppArmorPodAnnotations,
// ValidateRuntimeClassName), Kubernetes 1.28. DNS and lifecycle hooks are POD017 and POD015.

const MAX_ID = 2147483647;
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const SECCOMP_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const POD031 = rule('POD031', WORKLOAD_KINDS, 'hostAliases map a valid IP address to DNS-1123 subdomain host names',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    (pod.spec.hostAliases ?? []).forEach((alias: any, i: number) => {
      const p = `${pod.path}.hostAliases[${i}]`;
      if (typeof alias?.ip !== 'string' || isIP(alias.ip) === 0) sink.add(`${p}.ip`, alias?.ip ?? null, 'must be a valid IP address', 'an IPv4 or IPv6 address');
      (alias?.hostnames ?? []).forEach((name: unknown, j: number) => {
        sink.check(`${p}.hostnames[${j}]`, name, typeof name === 'string' ? dns1123Subdomain(name) : 'must be a string', 'a DNS-1123 subdomain such as registry.internal');
      });
    });
  });

/** The kernel namespace of a sysctl (k8s.io/component-helpers/node/util/sysctl), after slash normalization. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const firstSep = name.search(/[./]/);
  const normalized = firstSep >= 0 && name[firstSep] === '/' ? name.replace(/[./]/g, c => (c === '/' ? '.' : '/')) : name;
  if (normalized.startsWith('net.')) return 'net';
  if (normalized === 'kernel.sem' || ['kernel.shm', 'kernel.msg', 'fs.mqueue.'].some(p => normalized.startsWith(p))) return 'ipc';
  return undefined;
}

export const POD032 = rule('POD032', WORKLOAD_KINDS, 'pod security context: group IDs in range, valid unique sysctl names (no net.* with hostNetwork, no IPC sysctls with hostIPC), shareProcessNamespace not with hostPID',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const { spec, path } = pod;
    const sc = spec.securityContext ?? {};
    const p = `${path}.securityContext`;
    if (sc.fsGroup !== undefined && (!isInt(sc.fsGroup) || sc.fsGroup < 0 || sc.fsGroup > MAX_ID)) {
      sink.add(`${p}.fsGroup`, sc.fsGroup, `must be between 0 and ${MAX_ID}, inclusive`, 'a group ID from 0');
    }
    (sc.supplementalGroups ?? []).forEach((g: unknown, i: number) => {
      if (!isInt(g) || g < 0 || g > MAX_ID) sink.add(`${p}.supplementalGroups[${i}]`, g, `must be between 0 and ${MAX_ID}, inclusive`, 'a group ID from 0');
    });
    const seen = new Set<string>();
    (sc.sysctls ?? []).forEach((s: any, i: number) => {
      const name = s?.name;
      const at = `${p}.sysctls[${i}].name`;
      if (typeof name !== 'string' || name === '') {
        sink.add(at, name ?? null, 'Required value', 'a sysctl name such as net.ipv4.ip_local_port_range');
        return;
      }
      if (name.length > 253 || !SYSCTL.test(name)) sink.add(at, name, `must have at most 253 characters and match regex ${SYSCTL.source}`, 'a sysctl name such as net.ipv4.ip_local_port_range');
      else if (seen.has(name)) sink.add(at, name, 'Duplicate value', 'each sysctl once');
      seen.add(name);
      const ns = sysctlNamespace(name);
      if (ns === 'net' && spec.hostNetwork === true) sink.add(at, name, "may not be specified when 'hostNetwork' is true", 'no net.* sysctls with host networking (they would change the node\'s network stack)');
      if (ns === 'ipc' && spec.hostIPC === true) sink.add(at, name, "may not be specified when 'hostIPC' is true", 'no IPC sysctls with the host IPC namespace');
    });
    if (spec.shareProcessNamespace === true && spec.hostPID === true) {
      sink.add(`${path}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled', 'one of shareProcessNamespace and hostPID');
    }
  });

export const POD033 = rule('POD033', WORKLOAD_KINDS, 'seccomp profiles (pod and containers): a known type; Localhost needs a relative localhostProfile without "..", which only Localhost may set',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const scopes = [
      { sc: pod.spec.securityContext, path: pod.path },
      ...(podParts(obj)?.containers ?? []).map(part => ({ sc: part.container.securityContext, path: part.path })),
    ];
    for (const { sc, path } of scopes) {
      const profile = sc?.seccompProfile;
      if (!profile) continue;
      const p = `${path}.securityContext.seccompProfile`;
      if (!SECCOMP_TYPES.includes(profile.type)) {
        sink.add(`${p}.type`, profile.type ?? null, profile.type === undefined ? 'Required value' : 'Unsupported value', SECCOMP_TYPES.map(t => JSON.stringify(t)).join(', '));
      }
      const local = profile.localhostProfile;
      if (profile.type === 'Localhost') {
        if (typeof local !== 'string' || local === '') sink.add(`${p}.localhostProfile`, local ?? null, 'must be set when seccomp type is Localhost', "a profile file relative to the kubelet's seccomp directory, e.g. profiles/agent.json");
        else if (local.startsWith('/')) sink.add(`${p}.localhostProfile`, local, 'must be a relative path', "a path relative to the kubelet's seccomp directory");
        else if (local.split('/').includes('..')) sink.add(`${p}.localhostProfile`, local, "must not contain '..'", "a path inside the kubelet's seccomp directory");
      } else if (local !== undefined) {
        sink.add(`${p}.localhostProfile`, local, 'can only be set when seccomp type is Localhost', 'type Localhost, or no localhostProfile');
      }
    }
  });

export const POD034 = rule('POD034', WORKLOAD_KINDS, 'AppArmor annotations name a container of the pod and a profile: runtime/default, unconfined or localhost/<name>',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    const metaPath = obj.kind === 'Pod' ? 'metadata' : 'spec.template.metadata';
    const annotations = (obj.kind === 'Pod' ? obj.metadata : obj.spec?.template?.metadata)?.annotations ?? {};
    const names = new Set((podParts(obj)?.containers ?? []).map(part => part.container.name));
    for (const [key, value] of Object.entries<any>(annotations)) {
      if (!key.startsWith(APPARMOR_PREFIX)) continue;
      const at = `${metaPath}.annotations[${JSON.stringify(key)}]`;
      const container = key.slice(APPARMOR_PREFIX.length);
      if (!names.has(container)) sink.add(at, container, 'container not found', `the name of one of the pod's containers: ${[...names].map(n => JSON.stringify(n)).join(', ')}`);
      if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !String(value).startsWith('localhost/')) {
        sink.add(at, value, `invalid AppArmor profile name: ${JSON.stringify(value)}`, '"runtime/default", "unconfined" or "localhost/<profile>"');
      }
    }
  });

export const POD035 = rule('POD035', WORKLOAD_KINDS, 'runtimeClassName is a DNS-1123 subdomain',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    const name = pod?.spec.runtimeClassName;
    if (pod && name !== undefined && name !== null) {
      sink.check(`${pod.path}.runtimeClassName`, name, typeof name === 'string' ? dns1123Subdomain(name) : 'must be a string', 'the name of a RuntimeClass, such as gvisor');
    }
  });

export const POD_FIELD_RULES: ObjectRule[] = [POD031, POD032, POD033, POD034, POD035];
