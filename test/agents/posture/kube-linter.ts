import { containersOf, Finding, imageTag, initContainersOf, LintInput, podSpec } from './finding';

/**
 * kube-linter's checks that are enabled by default (docs/generated/checks.md, "Enabled by default: Yes")
 * and apply to a DaemonSet: dangling-service and no-anti-affinity target Services and multi-replica
 * Deployments, and no-extensions-v1beta targets API versions; the rest are below. kube-linter has no
 * severity levels: every finding fails the lint, and they are counted as warnings here.
 */
const SENSITIVE_HOST_DIRS = [/^\/$/, /^\/boot$/, /^\/dev$/, /^\/etc$/, /^\/lib$/, /^\/proc$/, /^\/sys$/, /^\/usr$/];
const UNSAFE_SYSCTLS = ['kernel.msg', 'kernel.sem', 'kernel.shm', 'fs.mqueue.', 'net.'];

export function kubeLinter(input: LintInput): Finding[] {
  const found: Finding[] = [];
  const add = (check: string, message: string, container?: string) => found.push({ tool: 'kube-linter', check, severity: 'warning', container, message });
  const pod = podSpec(input.workload);
  const all = [...initContainersOf(input.workload), ...containersOf(input.workload)];

  if (pod.serviceAccount) add('deprecated-service-account-field', 'uses the deprecated serviceAccount field');
  if (pod.hostIPC) add('host-ipc', 'shares the host IPC namespace');
  if (pod.hostNetwork) add('host-network', 'shares the host network namespace');
  if (pod.hostPID) add('host-pid', 'shares the host PID namespace');
  const labels = input.workload.spec?.template?.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(input.workload.spec?.selector?.matchLabels ?? {})) {
    if (labels[k] !== v) add('mismatching-selector', `selector ${k}=${v} does not match the template labels`);
  }
  const account = pod.serviceAccountName;
  if (account && account !== 'default') {
    const ns = input.workload.metadata?.namespace;
    const exists = input.others.some(o => o?.kind === 'ServiceAccount' && o.metadata?.name === account && o.metadata?.namespace === ns);
    if (!exists) add('non-existent-service-account', `service account ${account} is not among the linted objects`);
  }
  for (const s of pod.securityContext?.sysctls ?? []) {
    if (UNSAFE_SYSCTLS.some(p => String(s.name).startsWith(p))) add('unsafe-sysctls', `unsafe sysctl ${s.name}`);
  }
  for (const v of pod.volumes ?? []) {
    const path: string | undefined = v.hostPath?.path;
    if (!path) continue;
    if (/docker\.sock$/.test(path)) add('docker-sock', `mounts ${path}`);
    if (SENSITIVE_HOST_DIRS.some(re => re.test(path))) add('sensitive-host-mounts', `mounts the sensitive host directory ${path}`);
  }

  for (const c of all) {
    const sc = c.securityContext ?? {};
    const drops: string[] = sc.capabilities?.drop ?? [];
    if (!drops.some(d => ['NET_RAW', 'ALL', 'CAP_NET_RAW'].includes(String(d).toUpperCase()))) add('drop-net-raw-capability', 'does not drop NET_RAW', c.name);
    for (const e of c.env ?? []) {
      if (/secret/i.test(e.name) && typeof e.value === 'string' && e.value.length > 0) add('env-var-secret', `environment variable ${e.name} holds a secret`, c.name);
    }
    const tag = imageTag(c.image ?? '');
    if (tag === undefined || tag === 'latest') add('latest-tag', `image ${c.image} has no pinned tag`, c.name);
    if (sc.readOnlyRootFilesystem !== true) add('no-read-only-root-fs', 'root filesystem is not read-only', c.name);
    if (sc.allowPrivilegeEscalation === true || sc.privileged === true
      || (sc.capabilities?.add ?? []).some((a: string) => ['SYS_ADMIN', 'CAP_SYS_ADMIN'].includes(String(a).toUpperCase()))) {
      add('privilege-escalation-container', 'allows privilege escalation (allowPrivilegeEscalation, privileged or SYS_ADMIN)', c.name);
    }
    if (sc.privileged === true) add('privileged-container', 'runs privileged', c.name);
    const nonRoot = sc.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    const user = sc.runAsUser ?? pod.securityContext?.runAsUser;
    if (!(nonRoot === true || (typeof user === 'number' && user > 0)) || user === 0) add('run-as-non-root', 'not set to run as a non-root user', c.name);
    for (const p of c.ports ?? []) {
      if (p.containerPort === 22 && (p.protocol ?? 'TCP') === 'TCP') add('ssh-port', 'exposes port 22', c.name);
    }
    // requirementsType "any", lower bound 0: a request or a limit that is not set (zero) is a finding.
    for (const [resource, check] of [['cpu', 'unset-cpu-requirements'], ['memory', 'unset-memory-requirements']]) {
      const missing = ['requests', 'limits'].filter(kind => !c.resources?.[kind]?.[resource] || /^0+(\D.*)?$/.test(String(c.resources[kind][resource])));
      if (missing.length) add(check, `${resource} ${missing.join(' and ')} not set`, c.name);
    }
  }
  return found;
}
