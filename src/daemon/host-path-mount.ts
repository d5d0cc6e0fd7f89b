import * as kplus from 'cdk8s-plus-28';

/** Options of a hostPath mount. */
export interface HostPathMountOptions {
  /**
   * What must exist at the host path (the kubelet checks before starting the pod).
   * @default - no check (`type` not rendered)
   */
  readonly type?: kplus.HostPathVolumeType;
  /**
   * Whether mounts made on the host later show up in the container (`HostToContainer`), and back (`Bidirectional`, privileged only).
   * @default - not rendered (None)
   */
  readonly propagation?: kplus.MountPropagation;
  /**
   * The volume name.
   * @default - derived from the host path, e.g. `host-var-log`
   */
  readonly volumeName?: string;
}

/**
 * A directory or file of the node mounted into the daemon's container.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */
export class HostPathMount {
  /** Mounted read-only: the daemon reads the node (logs, /proc, /sys). */
  public static readOnly(hostPath: string, mountPath: string, options: HostPathMountOptions = {}): HostPathMount {
    return new HostPathMount(hostPath, mountPath, true, options);
  }

  /** Mounted read-write: the daemon writes to the node (state, sockets, devices). */
  public static readWrite(hostPath: string, mountPath: string, options: HostPathMountOptions = {}): HostPathMount {
    return new HostPathMount(hostPath, mountPath, false, options);
  }

  private constructor(
    /** The path on the node. */
    public readonly hostPath: string,
    /** The path in the container. */
    public readonly mountPath: string,
    /** Whether the mount is read-only. */
    public readonly isReadOnly: boolean,
    /** The options. */
    public readonly options: HostPathMountOptions,
  ) {}

  /** The volume name: given, or `host-` plus the path's words, at most 63 characters. */
  public get volumeName(): string {
    if (this.options.volumeName) return this.options.volumeName;
    const words = this.hostPath.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return `host-${words || 'root'}`.slice(0, 63).replace(/-+$/, '');
  }
}
