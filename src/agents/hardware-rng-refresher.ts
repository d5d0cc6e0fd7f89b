import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { applyOverrides, checkLabels, linuxPlacement, overrideNames, propError } from './agent-helpers';
import { AgentOverrides } from './agent-overrides';
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
   * Run privileged. Runtimes that enforce the device cgroup (containerd, CRI-O) refuse to open a
   * hostPath character device such as /dev/hwrng in an unprivileged container; give the device through a
   * device plugin, or set this.
   * @default false - SYS_ADMIN is all RNDADDENTROPY needs; privileged hands over every device and capability
   */
  readonly privileged?: boolean;
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
   * @default - requests 5m CPU / 8Mi, limits 50m CPU / 32Mi: rngd idles at a few MiB; the CPU limit stops a feeder spinning on a broken device
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

/**
 * Feeds the kernel's entropy pool from the node's hardware RNG: rngd by default, on the nodes that
 * `nodeSelector` names. It exposes nothing (the "push" pattern): no port, no Service.
 */
export class HardwareRngRefresher extends Construct {
  /** The underlying daemon: the escape hatch to the DaemonSet. */
  public readonly daemon: NodeDaemon;
  /** The feeder in use. */
  public readonly feeder: RngFeeder;

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
    const feed = this.feeder._render();
    const privileged = props.privileged ?? false;

    const security: DaemonSecurityProps = {
      privileged: privileged || undefined,
      // privileged and allowPrivilegeEscalation: false are rejected together by the API server.
      allowPrivilegeEscalation: privileged ? undefined : false,
      readOnlyRootFilesystem: true,
      ...(feed.runsAsRoot ? { runAsUser: 0 } : { runAsNonRoot: true }),
      // A privileged container gets every capability whatever it lists (the runtime ignores add/drop).
      dropCapabilities: privileged ? undefined : [kplus.Capability.ALL],
      addCapabilities: feed.needsSysAdmin && !privileged ? [kplus.Capability.SYS_ADMIN] : undefined,
    };
    const loop = this.feeder.kind === RngFeederKind.REFRESH_LOOP;
    const base: NodeDaemonProps = {
      name: props.name,
      image: props.image,
      containerName: loop ? 'refresher' : 'rngd',
      command: feed.command,
      placement: linuxPlacement(this, NodePlacement.labeled(selector), false),
      tolerations: [...(props.tolerateControlPlane ? [Toleration.controlPlane()] : []), ...props.tolerations ?? []],
      priority: props.priority ?? Priority.systemNodeCritical(),
      rollout: props.rollout,
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(5), limit: kplus.Cpu.millis(50) },
        memory: { request: Size.mebibytes(8), limit: Size.mebibytes(32) },
      },
      exposure: Exposure.none(),
      security,
      host: { mounts: feed.mounts },
      // A read-only root filesystem still needs somewhere for temporary files (a JVM's, a shell's).
      volumeMounts: loop ? [{ volume: kplus.Volume.fromEmptyDir(this, 'Tmp', 'tmp', { sizeLimit: Size.mebibytes(16) }), path: '/tmp' }] : undefined,
    };
    this.daemon = new NodeDaemon(this, id, applyOverrides(base, props.overrides));
    this.daemon._renameProps({ placement: 'nodeSelector', host: 'feeder', command: 'feeder', volumeMounts: 'feeder', containerName: 'overrides.containerName', ...overrideNames(props.overrides) });

    Validations.suppress(this, 'SEC010', feed.sensitiveMountReason);
    Validations.suppress(this, 'BP005', 'the feeder listens on nothing and serves no client: there is no readiness to probe, and the kubelet restarts it when it exits');
    if (feed.runsAsRoot) {
      Validations.suppress(this, 'SEC006', 'rngd runs as uid 0: /dev/hwrng is root-only (0600), and the CAP_SYS_ADMIN that RNDADDENTROPY needs reaches the effective set only for uid 0 (Kubernetes sets no ambient capabilities)');
    }
    if (privileged) {
      Validations.suppress(this, 'SEC001', "privileged on request ('privileged: true'): the runtime's device cgroup blocks /dev/hwrng otherwise");
      Validations.suppress(this, 'SEC002', "privileged containers always allow privilege escalation ('privileged: true')");
      Validations.suppress(this, 'SEC008', "a privileged container holds every capability; a drop list would be ignored ('privileged: true')");
      Validations.suppress(this, 'SEC009', "a privileged container holds NET_RAW like every capability; a drop list would be ignored ('privileged: true')");
    }
  }
}
