import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeCommon } from './agent-acknowledgements';
import { applyOverrides, checkLabels, checkLinuxPlacement, linuxPlacement, origin, overrideNames, podSecurityOrigin, propError } from './agent-helpers';
import { renderAgentNetworkPolicy } from './agent-network-policy';
import { AgentOverrides } from './agent-overrides';
import { RngDeviceAccess, RngDeviceAccessKind } from './rng-device-access';
import { RngFeeder, RngFeederKind } from './rng-feeder';
import { DaemonSecurityProps } from '../daemon/container';
import { Exposure } from '../daemon/exposure';
import { NodeDaemon } from '../daemon/node-daemon';
import { NodeDaemonProps } from '../daemon/node-daemon-props';
import { NodePlacement } from '../daemon/placement';
import { Priority } from '../daemon/priority';
import { Rollout } from '../daemon/rollout';
import { Toleration } from '../daemon/toleration';
import { Validations } from '../validation/validations';

/** Props of a `HardwareRngRefresher`. */
export interface HardwareRngRefresherProps extends AgentOverrides {
  /**
   * The image with the feeder in it (`rngd` on the PATH for the default feeder), with a pinned tag or
   * digest. Required: there is no canonical upstream rngd image.
   */
  readonly image: string;
  /**
   * Labels of the nodes that have a hardware RNG, e.g. `{ 'feature.node.kubernetes.io/cpu-cpuid.RDRAND': 'true' }`
   * or `{ feature: 'hw-rng' }`. Required: on a node without the device the pod crash-loops.
   */
  readonly nodeSelector: { [key: string]: string };
  /**
   * What feeds the pool.
   * @default RngFeeder.rngd() - rngd checks the hardware's output and credits entropy; writing to /dev/random credits none
   */
  readonly feeder?: RngFeeder;
  /**
   * How the rngd feeder opens the node's hardware RNG. containerd and CRI-O (every runtime since
   * dockershim left in 1.24) admit only their default devices into an unprivileged container, so a
   * hostPath `/dev/hwrng` cannot be opened there; `RngDeviceAccess.devicePlugin({ resource })` runs
   * unprivileged where a device plugin advertises the device. Ignored by `RngFeeder.refreshLoop()`, which
   * needs only the default devices.
   * @default RngDeviceAccess.privileged() - works on containerd and CRI-O without cluster add-ons
   */
  readonly deviceAccess?: RngDeviceAccess;
  /**
   * Also run on control-plane nodes (tolerate `node-role.kubernetes.io/control-plane:NoSchedule`).
   * @default false - opt in: control-plane nodes rarely carry the hardware label, and the pattern's master toleration is deprecated
   */
  readonly tolerateControlPlane?: boolean;
  /**
   * Taints tolerated, besides the control-plane one of `tolerateControlPlane`.
   * @default - none: the node selector already picks the nodes
   */
  readonly tolerations?: Toleration[];
  /**
   * Scheduling priority.
   * @default Priority.systemNodeCritical() - on kernels before 5.6 a starved pool blocks every reader of /dev/random; the requests are tiny
   */
  readonly priority?: Priority;
  /**
   * Requests and limits.
   * @default - rngd: requests 5m CPU / 8Mi, limits 50m CPU / 32Mi (rngd idles at a few MiB; the CPU limit stops a feeder spinning on a broken device); refresh loop: requests 50m / 192Mi, limits 500m / 256Mi (a JVM)
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * How pods are replaced.
   * @default Rollout.rollingUpdate({ maxUnavailable: Budget.percent(10) })
   */
  readonly rollout?: Rollout;
  /**
   * The name of the DaemonSet.
   * @default - generated from the construct path
   */
  readonly name?: string;
}

/** rngd idles at a few MiB; the CPU limit stops a feeder spinning on a broken device. */
const RNGD_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(5), limit: kplus.Cpu.millis(50) },
  memory: { request: Size.mebibytes(8), limit: Size.mebibytes(32) },
};
/** The pattern's command starts a JVM every interval: about 100 MiB resident, and CPU for its start-up. */
const LOOP_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
  memory: { request: Size.mebibytes(192), limit: Size.mebibytes(256) },
};

/**
 * Feeds the kernel's entropy pool from the node's hardware RNG: rngd by default, on the nodes that
 * `nodeSelector` names. It exposes nothing (the "push" pattern): no port, no Service.
 * @example
 * new HardwareRngRefresher(chart, 'rng', {
 *   image: 'registry.example.com/rng-tools:5-4.1',
 *   nodeSelector: { 'feature.node.kubernetes.io/cpu-cpuid.RDRAND': 'true' },
 * });
 */
export class HardwareRngRefresher extends Construct {
  /** The underlying daemon: the escape hatch to the DaemonSet. */
  public readonly daemon: NodeDaemon;
  /** The feeder in use. */
  public readonly feeder: RngFeeder;
  /** The NetworkPolicy of the refresher's pods: no inbound and no outbound traffic, since the feeder needs none. */
  public readonly networkPolicy: kplus.k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: HardwareRngRefresherProps) {
    super(scope, id);
    const selector = props.nodeSelector ?? {};
    if (Object.keys(selector).length === 0) {
      throw propError(this, 'nodeSelector', props.nodeSelector ?? null,
        'is required: pods on nodes without a hardware RNG crash-loop', "the label of the nodes with one, e.g. { feature: 'hw-rng' }");
    }
    checkLabels(this, 'nodeSelector', selector);
    if (!props.image) throw propError(this, 'image', props.image ?? null, 'is required: there is no canonical rngd image', "a pinned image with rngd, e.g. 'registry.example.com/rng-tools:5-4.1'");
    this.feeder = props.feeder ?? RngFeeder.rngd();
    const [problem] = this.feeder._problems();
    if (problem) throw propError(this, ...problem);
    const loop = this.feeder.kind === RngFeederKind.REFRESH_LOOP;
    const access = props.deviceAccess ?? RngDeviceAccess.privileged();
    const privileged = !loop && access.kind === RngDeviceAccessKind.PRIVILEGED;
    const resource = loop ? undefined : access.resource;
    if (resource !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(resource)) {
      throw propError(this, 'deviceAccess.resource', resource, "not an extended resource name: a device plugin's resources are '<domain>/<name>'", "e.g. 'smarter-devices/hwrng'");
    }
    const feed = this.feeder._render(access);

    const security: DaemonSecurityProps = {
      privileged: privileged || undefined,
      // privileged and allowPrivilegeEscalation: false are rejected together by the API server.
      allowPrivilegeEscalation: privileged ? undefined : false,
      readOnlyRootFilesystem: true,
      runAsUser: feed.runAsUser,
      ...(feed.runAsUser > 0 ? { runAsNonRoot: true } : {}),
      // A privileged container gets every capability whatever it lists (the runtime ignores add/drop).
      dropCapabilities: privileged ? undefined : [kplus.Capability.ALL],
      addCapabilities: feed.needsSysAdmin && !privileged ? [kplus.Capability.SYS_ADMIN] : undefined,
    };
    const base: NodeDaemonProps = {
      name: props.name,
      image: props.image,
      containerName: loop ? 'refresher' : 'rngd',
      command: feed.command,
      placement: linuxPlacement(this, NodePlacement.labeled(selector), false),
      tolerations: [...(props.tolerateControlPlane ? [Toleration.controlPlane()] : []), ...props.tolerations ?? []],
      priority: props.priority ?? Priority.systemNodeCritical(),
      rollout: props.rollout,
      resources: props.resources ?? (loop ? LOOP_RESOURCES : RNGD_RESOURCES),
      extendedResources: resource !== undefined ? { [resource]: 1 } : undefined,
      exposure: Exposure.none(),
      security,
      host: { mounts: feed.mounts },
      // A read-only root filesystem still needs somewhere for temporary files (a JVM's, a shell's).
      volumeMounts: loop ? [{ volume: kplus.Volume.fromEmptyDir(this, 'Tmp', 'tmp', { sizeLimit: Size.mebibytes(16) }), path: '/tmp' }] : undefined,
    };
    const merged = applyOverrides(base, props.overrides);
    // The guards see the props after the overrides: overrides cannot bypass them.
    const placementProp = origin(props.overrides, 'placement', 'nodeSelector');
    checkLinuxPlacement(this, merged.placement, placementProp);
    if (!selectsHardware(merged.placement)) {
      throw propError(this, placementProp, merged.placement?.nodeSelector ?? null,
        'selects every node: pods on nodes without a hardware RNG crash-loop', "a placement with the label of the nodes with one, e.g. NodePlacement.labeled({ feature: 'hw-rng' })");
    }
    this.daemon = new NodeDaemon(this, id, merged);
    this.daemon._renameProps({ placement: 'nodeSelector', host: 'feeder', command: 'feeder', volumeMounts: 'feeder', containerName: 'overrides.containerName', ...podSecurityOrigin(props.overrides), ...overrideNames(props.overrides) });

    this.networkPolicy = renderAgentNetworkPolicy(this, this.daemon, { ingressPorts: [], egress: false });
    acknowledgeCommon(this.daemon, merged);
    if (!merged.liveness) {
      acknowledge(this.daemon, 'polaris', 'livenessProbeMissing', 'the feeder serves no endpoint to probe; it exits when the device or the pool fails, and the kubelet restarts it');
    }
    if (feed.sensitiveMountReason) Validations.suppress(this, 'SEC010', feed.sensitiveMountReason);
    Validations.suppress(this, 'BP005', 'the feeder listens on nothing and serves no client: there is no readiness to probe, and the kubelet restarts it when it exits');
    // A privileged container has one finding, SEC001: it covers root, escalation and capabilities.
    if (feed.runAsUser === 0 && !privileged) {
      Validations.suppress(this, 'SEC006', loop
        ? "the pattern's image declares no USER and runs as root ('feeder.runAsUser' for an image with a user of its own); every capability is dropped"
        : 'rngd runs as uid 0: /dev/hwrng is root-only (0600), and the CAP_SYS_ADMIN that RNDADDENTROPY needs reaches the effective set only for uid 0 (Kubernetes sets no ambient capabilities)');
    }
    if (privileged) {
      Validations.suppress(this, 'SEC001', "privileged by default ('deviceAccess'): containerd and CRI-O admit /dev/hwrng only into a privileged container, unless a device plugin hands it over");
    } else if (feed.needsSysAdmin) {
      Validations.suppress(this, 'SEC012', 'rngd credits entropy with the RNDADDENTROPY ioctl, which the kernel allows only with CAP_SYS_ADMIN; every other capability is dropped');
    }
  }
}

/** Whether a placement narrows the nodes beyond the OS: a node label or a node-affinity requirement. */
function selectsHardware(placement: NodePlacement | undefined): boolean {
  if (!placement) return false;
  return Object.keys(placement.nodeSelector).some(k => k !== 'kubernetes.io/os') || placement.nodeRequirements.length > 0;
}
