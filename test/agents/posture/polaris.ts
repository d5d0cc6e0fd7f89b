import { containersOf, Finding, hasNetworkPolicy, imageTag, initContainersOf, LintInput, podSpec, Severity } from './finding';

/**
 * Polaris's checks at the severities of its default configuration (pkg/config/default.yaml) that apply
 * to a DaemonSet and its containers. Not applied: deploymentMissingReplicas, the PDB/HPA checks and
 * topologySpreadConstraint (replicated controllers), tlsSettingsMissing (Ingress), the RBAC checks
 * (Roles and bindings), sensitiveConfigmapContent (ConfigMaps), and the built-in exemptions, which name
 * other controllers.
 */
const INSECURE_CAPABILITIES = ['CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP',
  'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE'];
const DANGEROUS_CAPABILITIES = ['SYS_ADMIN', 'NET_ADMIN', 'ALL'];
const SENSITIVE_ENV = /(password|passwd|secret|token|api_?key|access_?key|private_?key)/i;

const bare = (c: unknown) => String(c).toUpperCase().replace(/^CAP_/, '');

export function polaris(input: LintInput): Finding[] {
  const found: Finding[] = [];
  const add = (check: string, severity: Severity, message: string, container?: string) => found.push({ tool: 'polaris', check, severity, container, message });
  const w = input.workload;
  const pod = podSpec(w);
  const psc = pod.securityContext ?? {};

  if (pod.hostIPC) add('hostIPCSet', 'danger', 'hostIPC is set');
  if (pod.hostPID) add('hostPIDSet', 'danger', 'hostPID is set');
  if (pod.hostNetwork) add('hostNetworkSet', 'danger', 'hostNetwork is set');
  if ((pod.volumes ?? []).some((v: any) => v.hostPath)) add('hostPathSet', 'warning', 'a hostPath volume is mounted');
  if (pod.automountServiceAccountToken !== false) add('automountServiceAccountToken', 'warning', 'the service account token is mounted');
  if (!pod.priorityClassName) add('priorityClassNotSet', 'warning', 'no priorityClassName');
  if (!hasNetworkPolicy(input)) add('missingNetworkPolicy', 'warning', 'no NetworkPolicy selects the pods');
  const instance = w.metadata?.labels?.['app.kubernetes.io/instance'];
  if (instance !== undefined && instance !== w.metadata?.name) add('metadataAndInstanceMismatched', 'warning', `app.kubernetes.io/instance ${instance} is not the name ${w.metadata?.name}`);
  // One of seccomp, SELinux, AppArmor or dropped capabilities restricts every container.
  const annotations = w.spec?.template?.metadata?.annotations ?? {};
  const podHardened = psc.seccompProfile !== undefined || psc.seLinuxOptions !== undefined;
  const hardened = (c: any) => podHardened || c.securityContext?.seccompProfile !== undefined || c.securityContext?.seLinuxOptions !== undefined
    || c.securityContext?.appArmorProfile !== undefined || annotations[`container.apparmor.security.beta.kubernetes.io/${c.name}`] !== undefined
    || (c.securityContext?.capabilities?.drop ?? []).length > 0;
  if (!containersOf(w).every(hardened)) add('linuxHardening', 'warning', 'no seccomp, SELinux, AppArmor or dropped capabilities');

  const security = (c: any) => {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation !== false) add('privilegeEscalationAllowed', 'danger', 'privilege escalation is not forbidden', c.name);
    const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
    const user = sc.runAsUser ?? psc.runAsUser;
    if (!(nonRoot === true || (typeof user === 'number' && user > 0)) || user === 0) add('runAsRootAllowed', 'danger', 'may run as root', c.name);
    if (sc.privileged === true) add('runAsPrivileged', 'danger', 'runs privileged', c.name);
    const added: string[] = (sc.capabilities?.add ?? []).map(bare);
    const dropped: string[] = (sc.capabilities?.drop ?? []).map(bare);
    if (added.some(a => DANGEROUS_CAPABILITIES.includes(a))) add('dangerousCapabilities', 'danger', `adds ${added.join(', ')}`, c.name);
    if (added.some(a => INSECURE_CAPABILITIES.includes(a)) || !(dropped.includes('ALL') || INSECURE_CAPABILITIES.every(i => dropped.includes(i)))) {
      add('insecureCapabilities', 'warning', 'insecure capabilities are not dropped', c.name);
    }
    if (sc.readOnlyRootFilesystem !== true) add('notReadOnlyRootFilesystem', 'warning', 'root filesystem is writable', c.name);
    if (sc.procMount === 'Unmasked') add('procMount', 'warning', 'procMount Unmasked', c.name);
    if (sc.windowsOptions?.hostProcess === true) add('hostProcess', 'warning', 'a Windows host process', c.name);
    for (const e of c.env ?? []) {
      if (SENSITIVE_ENV.test(e.name) && e.value !== undefined) add('sensitiveContainerEnvVar', 'danger', `${e.name} is a literal value`, c.name);
    }
  };
  for (const c of initContainersOf(w)) security(c);
  for (const c of containersOf(w)) {
    security(c);
    const tag = imageTag(c.image ?? '');
    if (tag === undefined || tag === 'latest') add('tagNotSpecified', 'danger', `image ${c.image} has no tag`, c.name);
    if (c.imagePullPolicy !== 'Always') add('pullPolicyNotAlways', 'warning', 'imagePullPolicy is not Always', c.name);
    if (!c.readinessProbe) add('readinessProbeMissing', 'warning', 'no readiness probe', c.name);
    if (!c.livenessProbe) add('livenessProbeMissing', 'warning', 'no liveness probe', c.name);
    if (!c.resources?.requests?.cpu) add('cpuRequestsMissing', 'warning', 'no CPU request', c.name);
    if (!c.resources?.limits?.cpu) add('cpuLimitsMissing', 'warning', 'no CPU limit', c.name);
    if (!c.resources?.requests?.memory) add('memoryRequestsMissing', 'warning', 'no memory request', c.name);
    if (!c.resources?.limits?.memory) add('memoryLimitsMissing', 'warning', 'no memory limit', c.name);
    if ((c.ports ?? []).some((p: any) => p.hostPort)) add('hostPortSet', 'warning', 'a hostPort is set', c.name);
  }
  return found;
}
