import * as kplus from 'cdk8s-plus-28';
import { SeccompProfile } from './seccomp';

/** A namespaced kernel parameter set for the pod (`securityContext.sysctls`). */
export interface Sysctl {
  /** The parameter name, e.g. `net.ipv4.ip_local_port_range` (dots or slashes between segments). */
  readonly name: string;
  /** The value to set. */
  readonly value: string;
}

/** SELinux labels of the pod's containers (`securityContext.seLinuxOptions`). */
export interface SeLinuxOptions {
  /**
   * The SELinux user label.
   * @default - the runtime's default
   */
  readonly user?: string;
  /**
   * The SELinux role label.
   * @default - the runtime's default
   */
  readonly role?: string;
  /**
   * The SELinux type label, e.g. `spc_t` for an agent that manages the node.
   * @default - the runtime's default
   */
  readonly type?: string;
  /**
   * The SELinux level label, e.g. `s0:c123,c456`.
   * @default - the runtime's default
   */
  readonly level?: string;
}

/**
 * The pod-level security context: settings every container of the daemon shares.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context
 */
export interface DaemonPodSecurityProps {
  /**
   * The user ID every container runs as, unless a container sets its own.
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * The group ID every container runs as, unless a container sets its own.
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Whether the kubelet refuses to start a container whose image would run as root.
   * @default - not rendered
   */
  readonly runAsNonRoot?: boolean;
  /**
   * A group that owns the pod's volumes and is added to every container's groups.
   * @default - not rendered: volumes keep their ownership
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes volume ownership to `fsGroup`.
   * @default - not rendered (Always)
   */
  readonly fsGroupChangePolicy?: kplus.FsGroupChangePolicy;
  /**
   * Groups added to every container's first process, besides its primary group.
   * @default - none
   */
  readonly supplementalGroups?: number[];
  /**
   * The seccomp profile of every container that sets none of its own.
   *
   * The runtime default profile only blocks syscalls that containers never need (kernel module loading,
   * clock changes, reboot), so every common agent starts under it, and a privileged container is never
   * filtered: it is the default.
   * @default SeccompProfile.runtimeDefault()
   */
  readonly seccompProfile?: SeccompProfile;
  /**
   * Namespaced kernel parameters for the pod. The kubelet runs a pod with an unsafe sysctl only where it
   * allows it (`--allowed-unsafe-sysctls`).
   * @default - none
   */
  readonly sysctls?: Sysctl[];
  /**
   * SELinux labels of every container.
   * @default - the runtime's default labels
   */
  readonly seLinuxOptions?: SeLinuxOptions;
}
