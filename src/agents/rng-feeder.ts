import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { RngDeviceAccess, RngDeviceAccessKind } from './rng-device-access';
import { HostPathMount } from '../daemon/host-path-mount';

/** Options of `RngFeeder.rngd()`. */
export interface RngdOptions {
  /**
   * The hardware RNG device on the node (`rngd -r`).
   * @default '/dev/hwrng' - the kernel's hw_random device, as the rngd man page names it
   */
  readonly rngDevice?: string;
  /**
   * Keep feeding until the pool holds this many bits (`rngd -W`, 0-4096).
   * @default - rngd's own default (2048)
   */
  readonly fillWatermark?: number;
}

/** Options of `RngFeeder.refreshLoop()`: the k8spatterns "random-refresher" Daemon Service pattern. */
export interface RefreshLoopOptions {
  /** One refresh, run by `sh -c` in a loop, e.g. `java -cp / RandomRunner /host_dev/random 100000`. */
  readonly command: string;
  /**
   * The pause between two refreshes.
   * @default Duration.seconds(30) - as in the pattern's example
   */
  readonly interval?: Duration;
  /**
   * Where the node's whole /dev is mounted in the container.
   * @default '/host_dev' - as in the pattern's example
   */
  readonly devMountPath?: string;
  /**
   * The user the loop runs as.
   * @default 0 - the pattern's image (k8spatterns/random-generator:1.0) declares no USER, and the kubelet refuses `runAsNonRoot` without a non-zero user; every capability is dropped
   */
  readonly runAsUser?: number;
}

/** The two feeder kinds. */
export enum RngFeederKind {
  /** rngd: checks the hardware RNG's output and credits it to the kernel pool (RNDADDENTROPY). */
  RNGD = 'rngd',
  /** A shell loop that runs a command every interval. Writes mix into the pool but credit no entropy. */
  REFRESH_LOOP = 'refresh-loop',
}

/**
 * What feeds the node's entropy pool.
 *
 * `rngd()` (the default) reads `/dev/hwrng` and credits checked entropy with the RNDADDENTROPY ioctl,
 * which needs CAP_SYS_ADMIN and root. `refreshLoop()` reproduces the "random-refresher" example of the
 * Daemon Service pattern (a command in a loop, the whole /dev mounted): per random(4), writing to
 * /dev/random mixes data into the pool but credits no entropy, which is why it is not the default.
 */
export class RngFeeder {
  /**
   * rngd in the foreground: `rngd -f -r /dev/hwrng -o /dev/random`. `/dev/random` is the container's own
   * (the same kernel device, in every container by default), so only the hardware RNG comes from the node.
   */
  public static rngd(options: RngdOptions = {}): RngFeeder {
    return new RngFeeder(RngFeederKind.RNGD, options, undefined);
  }

  /** A command run every `interval` with the node's /dev mounted (the pattern's example). */
  public static refreshLoop(options: RefreshLoopOptions): RngFeeder {
    return new RngFeeder(RngFeederKind.REFRESH_LOOP, undefined, options);
  }

  private constructor(
    /** Which feeder. */
    public readonly kind: RngFeederKind,
    private readonly rngdOptions: RngdOptions | undefined,
    private readonly loopOptions: RefreshLoopOptions | undefined,
  ) {}

  /**
   * The problems of the options, each as [prop, value, problem, valid].
   * @internal
   */
  public _problems(): Array<[string, unknown, string, string]> {
    const problems: Array<[string, unknown, string, string]> = [];
    const w = this.rngdOptions?.fillWatermark;
    if (w !== undefined && !(Number.isInteger(w) && w >= 0 && w <= 4096)) {
      problems.push(['feeder.fillWatermark', w, 'rngd refuses it (the pool holds at most 4096 bits)', 'an integer 0-4096']);
    }
    const device = this.rngdOptions?.rngDevice;
    if (device !== undefined && !device.startsWith('/dev/')) {
      problems.push(['feeder.rngDevice', device, 'not a device path', "a path under /dev, e.g. '/dev/hwrng'"]);
    } else if (device !== undefined && ['/dev/random', '/dev/urandom'].includes(device.replace(/\/+$/, ''))) {
      problems.push(['feeder.rngDevice', device, 'is the pool rngd feeds, not a hardware source', "the hardware RNG device, e.g. '/dev/hwrng'"]);
    }
    const loop = this.loopOptions;
    if (loop && !loop.command.trim()) problems.push(['feeder.command', loop.command, 'empty', 'the command of one refresh']);
    const user = loop?.runAsUser;
    if (user !== undefined && !(Number.isInteger(user) && user >= 0 && user <= 2147483647)) {
      problems.push(['feeder.runAsUser', user, 'not a user ID', 'an integer 0-2147483647']);
    }
    const ms = loop?.interval?.toMilliseconds();
    if (ms !== undefined && (ms < 1000 || ms % 1000 !== 0)) {
      problems.push(['feeder.interval', `${ms}ms`, 'sleep takes whole seconds', 'a whole number of seconds, at least Duration.seconds(1)']);
    }
    return problems;
  }

  /** @internal */
  public _render(access: RngDeviceAccess): {
    command: string[]; mounts: HostPathMount[]; needsSysAdmin: boolean; runAsUser: number; sensitiveMountReason?: string;
  } {
    if (this.loopOptions) {
      const loop = this.loopOptions;
      const seconds = (loop.interval ?? Duration.seconds(30)).toMilliseconds() / 1000;
      const devPath = loop.devMountPath ?? '/host_dev';
      return {
        command: ['sh', '-c', `while true; do ${loop.command}; sleep ${seconds}; done`],
        // /dev/random and /dev/urandom are in every runtime's default device cgroup: no privilege needed.
        mounts: [HostPathMount.readWrite('/dev', devPath, { volumeName: 'devices' })],
        needsSysAdmin: false,
        runAsUser: loop.runAsUser ?? 0,
        sensitiveMountReason: `the refresh-loop pattern writes to the node's /dev/random through /dev mounted at ${devPath}`,
      };
    }
    const o = this.rngdOptions ?? {};
    const device = o.rngDevice ?? '/dev/hwrng';
    // A privileged container still gets the device as a CharDevice hostPath: where the node has none, the
    // kubelet refuses the pod with a clear event instead of rngd crash-looping. A device plugin injects it.
    const mounts = access.kind === RngDeviceAccessKind.PRIVILEGED
      ? [HostPathMount.readOnly(device, device, { type: kplus.HostPathVolumeType.CHAR_DEVICE, volumeName: 'hwrng' })]
      : [];
    return {
      command: ['rngd', '-f', '-r', device, '-o', '/dev/random', ...(o.fillWatermark !== undefined ? ['-W', String(o.fillWatermark)] : [])],
      mounts,
      needsSysAdmin: true,
      runAsUser: 0,
      sensitiveMountReason: mounts.length
        ? `rngd reads the hardware RNG (${device}, read-only); it is the only node device mounted, /dev/random is the container's own`
        : undefined,
    };
  }
}
