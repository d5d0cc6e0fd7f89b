import { SEC012 } from './dangerous-capability-rule';
import { ObjectRule, podSpecOf, rule, WORKLOAD_KINDS } from './violation';

/**
 * Security rules: the hardening checks kube-linter and Polaris run on workloads. Their findings are
 * warnings (errors in strict mode), suppressible with a written reason (`Validations.suppress`).
 */

/** Host paths that give a container control over, or secrets of, the node. */
const SENSITIVE_DIRS = ['/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/root', '/home', '/var/run', '/run',
  '/var/lib/kubelet', '/var/lib/docker', '/var/lib/containerd'];
const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock'];

function allContainers(spec: any, path: string): { c: any; path: string }[] {
  return [
    ...(spec.initContainers ?? []).map((c: any, i: number) => ({ c, path: `${path}.initContainers[${i}]` })),
    ...(spec.containers ?? []).map((c: any, i: number) => ({ c, path: `${path}.containers[${i}]` })),
  ];
}

/**
 * Builds a rule that checks each unprivileged container's securityContext. A privileged container holds
 * every capability, may escalate and may remount anything: SEC001 is its one finding, not five.
 */
function containerRule(id: string, description: string, valid: string,
  check: (sc: any, pod: any) => string | undefined): ObjectRule {
  return rule(id, WORKLOAD_KINDS, description, (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    for (const { c, path } of allContainers(pod.spec, pod.path)) {
      if (c.securityContext?.privileged === true) continue;
      const problem = check(c.securityContext ?? {}, pod.spec);
      if (problem) sink.add(`${path}.securityContext`, c.securityContext ?? null, problem, valid);
    }
  });
}

/** Builds a rule that checks one pod-level boolean. */
function podFlagRule(id: string, field: string, description: string, valid: string): ObjectRule {
  return rule(id, WORKLOAD_KINDS, description, (obj, sink) => {
    const pod = podSpecOf(obj);
    if (pod?.spec[field] === true) sink.add(`${pod.path}.${field}`, true, `${field} shares the node's namespace with the pod`, valid);
  });
}

function drops(sc: any, capability: string): boolean {
  const dropped: string[] = sc.capabilities?.drop ?? [];
  return dropped.includes('ALL') || dropped.includes(capability);
}

export const SEC001 = rule('SEC001', WORKLOAD_KINDS, 'containers are not privileged', (obj, sink) => {
  const pod = podSpecOf(obj);
  if (!pod) return;
  for (const { c, path } of allContainers(pod.spec, pod.path)) {
    if (c.securityContext?.privileged === true) {
      sink.add(`${path}.securityContext.privileged`, true, 'privileged container: every capability, every device of the node, privilege escalation',
        'privileged unset; add only the capabilities and host paths needed');
    }
  }
});

export const SEC002 = containerRule('SEC002', 'containers set allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false',
  sc => (sc.allowPrivilegeEscalation !== false ? 'privilege escalation allowed (setuid binaries can gain root)' : undefined));

export const SEC003 = podFlagRule('SEC003', 'hostNetwork', 'pods do not use the host network', 'hostNetwork unset; expose the daemon with a node-local Service');
export const SEC004 = podFlagRule('SEC004', 'hostPID', 'pods do not share the host PID namespace', 'hostPID unset');
export const SEC005 = podFlagRule('SEC005', 'hostIPC', 'pods do not share the host IPC namespace', 'hostIPC unset');

export const SEC006 = containerRule('SEC006', 'containers run as a non-root user', 'runAsNonRoot: true or runAsUser > 0',
  (sc, pod) => {
    const user = sc.runAsUser ?? pod.securityContext?.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    // runAsNonRoot: true with user 0 never starts: RUN001 reports that error.
    if (user === 0) return nonRoot === true ? undefined : 'runs as root (runAsUser 0)';
    if (nonRoot !== true && !(typeof user === 'number' && user > 0)) return 'may run as root: neither runAsNonRoot nor a non-zero runAsUser is set';
    return undefined;
  });

export const SEC007 = containerRule('SEC007', 'containers have a read-only root filesystem', 'readOnlyRootFilesystem: true, with writable volumes where needed',
  sc => (sc.readOnlyRootFilesystem !== true ? 'root filesystem is writable' : undefined));

export const SEC008 = containerRule('SEC008', 'containers drop all capabilities (then add what they need)', 'capabilities.drop: [ALL]',
  sc => ((sc.capabilities?.drop ?? []).includes('ALL') ? undefined : 'capabilities are not dropped: the runtime default set stays granted'));

export const SEC009 = rule('SEC009', WORKLOAD_KINDS, 'containers do not keep or add NET_RAW', (obj, sink) => {
  const pod = podSpecOf(obj);
  if (!pod) return;
  for (const { c, path } of allContainers(pod.spec, pod.path)) {
    const sc = c.securityContext ?? {};
    if (sc.privileged === true) continue; // reported once, by SEC001
    const valid = 'capabilities.drop: [ALL] (or NET_RAW), and no NET_RAW in add';
    if ((sc.capabilities?.add ?? []).includes('NET_RAW')) {
      sink.add(`${path}.securityContext.capabilities.add`, sc.capabilities.add, 'NET_RAW is added: raw sockets allow spoofing on the node network', valid);
    } else if (!drops(sc, 'NET_RAW')) {
      sink.add(`${path}.securityContext`, c.securityContext ?? null, 'NET_RAW is not dropped: raw sockets allow spoofing on the node network', valid);
    }
  }
});

export const SEC010 = rule('SEC010', WORKLOAD_KINDS, 'no hostPath mounts of sensitive node directories (/, /etc, /proc, /sys, /dev, /var/run...)',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    (pod.spec.volumes ?? []).forEach((v: any, i: number) => {
      const path: string | undefined = v.hostPath?.path;
      if (!path) return;
      const clean = path.replace(/\/+$/, '') || '/';
      const dir = clean === '/' ? '/' : SENSITIVE_DIRS.find(d => clean === d || clean.startsWith(`${d}/`));
      if (dir) sink.add(`${pod.path}.volumes[${i}].hostPath.path`, path, `mounts the sensitive host path ${dir === '/' ? '/ (the whole node filesystem)' : dir}`, 'a narrower host path, read-only where possible');
    });
  });

export const SEC011 = rule('SEC011', WORKLOAD_KINDS, 'no container runtime socket (docker.sock, containerd.sock, crio.sock) is mounted',
  (obj, sink) => {
    const pod = podSpecOf(obj);
    if (!pod) return;
    (pod.spec.volumes ?? []).forEach((v: any, i: number) => {
      const path: string | undefined = v.hostPath?.path;
      const socket = path && RUNTIME_SOCKETS.find(s => path.endsWith(`/${s}`));
      if (socket) sink.add(`${pod.path}.volumes[${i}].hostPath.path`, path, `mounts the container runtime socket ${socket}: root on the node`, 'no runtime socket; use the kubelet or CRI APIs');
    });
  });

export const SECURITY_RULES: ObjectRule[] = [SEC001, SEC002, SEC003, SEC004, SEC005, SEC006, SEC007, SEC008, SEC009, SEC010, SEC011,
  SEC012];
