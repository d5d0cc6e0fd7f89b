import * as kplus from 'cdk8s-plus-28';

/** The kinds of seccomp profile a container runtime applies. */
export enum SeccompProfileType {
  /** The container runtime's default profile: blocks the few syscalls containers never need. */
  RUNTIME_DEFAULT = 'RuntimeDefault',
  /** No seccomp filtering at all. */
  UNCONFINED = 'Unconfined',
  /** A profile file on the node, under the kubelet's seccomp directory. */
  LOCALHOST = 'Localhost',
}

/**
 * A seccomp profile for a pod or a container (`securityContext.seccompProfile`).
 * @see https://kubernetes.io/docs/tutorials/security/seccomp/
 */
export class SeccompProfile {
  /** The container runtime's default profile, which every common agent image runs under. */
  public static runtimeDefault(): SeccompProfile {
    return new SeccompProfile(SeccompProfileType.RUNTIME_DEFAULT, undefined);
  }

  /** No filtering: for agents that need syscalls the runtime default blocks (some eBPF tracers). */
  public static unconfined(): SeccompProfile {
    return new SeccompProfile(SeccompProfileType.UNCONFINED, undefined);
  }

  /**
   * A profile file on the node.
   * @param localhostProfile the file's path relative to the kubelet's seccomp directory (`<kubelet root>/seccomp`), without `..`
   */
  public static localhost(localhostProfile: string): SeccompProfile {
    return new SeccompProfile(SeccompProfileType.LOCALHOST, localhostProfile);
  }

  private constructor(
    /** The profile kind. */
    public readonly type: SeccompProfileType,
    /** The profile file, for `LOCALHOST`. */
    public readonly localhostProfile?: string,
  ) {}

  /** @internal */
  public _toKube(): kplus.k8s.SeccompProfile {
    return { type: this.type, localhostProfile: this.localhostProfile };
  }
}
