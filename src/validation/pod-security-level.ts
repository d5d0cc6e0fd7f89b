/**
 * A Pod Security Standards level, as the PodSecurity admission plugin enforces it on a namespace
 * (label `pod-security.kubernetes.io/enforce`).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export enum PodSecurityLevel {
  /** Unrestricted: no check (host access, privileged containers). For CNI, CSI and kube-proxy-like agents. */
  PRIVILEGED = 'privileged',
  /** Prevents known privilege escalations: no host namespaces, host paths, host ports, privileged containers or extra capabilities. */
  BASELINE = 'baseline',
  /** Hardened: baseline plus non-root, no privilege escalation, a seccomp profile, all capabilities dropped and only safe volume types. */
  RESTRICTED = 'restricted',
}
