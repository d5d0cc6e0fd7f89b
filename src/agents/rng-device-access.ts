/** Options of `RngDeviceAccess.devicePlugin()`. */
export interface RngDevicePluginOptions {
  /**
   * The extended resource a device plugin on the nodes advertises for the hardware RNG, e.g.
   * `smarter-devices/hwrng` (smarter-device-manager) or `squat.ai/hwrng` (generic-device-plugin).
   */
  readonly resource: string;
}

/** How the rngd container reaches the node's hardware RNG. */
export enum RngDeviceAccessKind {
  /** A privileged container: the runtime's device cgroup admits every device. */
  PRIVILEGED = 'privileged',
  /** A device plugin hands the device to an unprivileged container through an extended resource. */
  DEVICE_PLUGIN = 'device-plugin',
}

/**
 * How the rngd feeder opens `/dev/hwrng`. containerd and CRI-O admit only their default devices (null,
 * zero, random, urandom, tty, ...) into an unprivileged container's device cgroup, so a hostPath mount of
 * `/dev/hwrng` is visible but cannot be opened there (EPERM). Either the container is privileged, which
 * works on every runtime without add-ons, or a device plugin on the nodes injects the device.
 */
export class RngDeviceAccess {
  /** A privileged container (the default): works on containerd and CRI-O without cluster add-ons. */
  public static privileged(): RngDeviceAccess {
    return new RngDeviceAccess(RngDeviceAccessKind.PRIVILEGED, undefined);
  }

  /**
   * An unprivileged container that requests one unit of the device plugin's extended resource. The plugin
   * adds `/dev/hwrng` to the container and its device cgroup. Only SYS_ADMIN is added, for RNDADDENTROPY.
   */
  public static devicePlugin(options: RngDevicePluginOptions): RngDeviceAccess {
    return new RngDeviceAccess(RngDeviceAccessKind.DEVICE_PLUGIN, options.resource);
  }

  private constructor(
    /** Which way. */
    public readonly kind: RngDeviceAccessKind,
    /** The extended resource, for a device plugin. */
    public readonly resource: string | undefined,
  ) {}
}
