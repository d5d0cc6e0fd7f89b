/**
 * The controls of the Pod Security Standards as the PodSecurity admission plugin of Kubernetes 1.28
 * checks them (the plugin's policy library, check_*.go): one function per check ID, each returning
 * admission's own reason and detail text. Written from pod-security-standards.md, not from the
 * library's other rules.
 */
import { appArmorProfile, capabilitiesBaseline, hostNamespaces, hostPathVolumes, hostPorts, privileged, procMount, seccompProfileBaseline, seLinuxOptions, sysctls, windowsHostProcess } from './pod-security-baseline';
import { PodSecurityCheck } from './pod-security-check';
import { allowPrivilegeEscalation, capabilitiesRestricted, restrictedVolumes, runAsNonRoot, runAsUser, seccompProfileRestricted } from './pod-security-restricted';

export { CheckFinding, PodSecurityCheck, PodView } from './pod-security-check';

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
