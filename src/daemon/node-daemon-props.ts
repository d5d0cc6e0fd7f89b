import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ContainerOptions, DaemonContainerProps } from './container';
import { DaemonConfig } from './daemon-config';
import { Exposure } from './exposure';
import { HostPathMount } from './host-path-mount';
import { NodeArch, NodePlacement } from './placement';
import { Priority } from './priority';
import { RbacRule } from './rbac';
import { Rollout } from './rollout';
import { Toleration } from './toleration';

/** The image for one CPU architecture. */
export interface ArchImage {
  /** The architecture (`kubernetes.io/arch`). */
  readonly arch: NodeArch;
  /** The image built for it. */
  readonly image: string;
}

/**
 * What the daemon may touch on its node. Everything is off unless asked for.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export interface HostAccess {
  /**
   * Use the node's network namespace (`hostNetwork`); `dnsPolicy` becomes ClusterFirstWithHostNet so
   * cluster DNS still works. `Exposure.hostNetwork()` turns this on.
   * @default false
   */
  readonly network?: boolean;
  /**
   * See the node's processes (`hostPID`), e.g. for process metrics.
   * @default false
   */
  readonly pid?: boolean;
  /**
   * Share the node's IPC namespace (`hostIPC`).
   * @default false
   */
  readonly ipc?: boolean;
  /**
   * Run the main container privileged.
   * @default false
   */
  readonly privileged?: boolean;
  /**
   * Linux capabilities added to the main container.
   * @default - none
   */
  readonly capabilities?: kplus.Capability[];
  /**
   * Node paths mounted into the main container.
   * @default - none
   */
  readonly mounts?: HostPathMount[];
}

/** Props of a `NodeDaemon`: its main container plus everything about the DaemonSet around it. */
export interface NodeDaemonProps extends ContainerOptions {
  /**
   * The main container's image, with a pinned tag or digest. Give this or `images`.
   * @default - none: `images` must be set
   */
  readonly image?: string;
  /**
   * One image per CPU architecture: renders one DaemonSet per architecture, each pinned by the
   * `kubernetes.io/arch` node label and with its own selector. Give this or `image`.
   * @default - one DaemonSet from `image`
   */
  readonly images?: ArchImage[];
  /**
   * The name of the DaemonSet (and of the Service, ServiceAccount and ConfigMap it owns).
   * @default - generated from the construct path
   */
  readonly name?: string;
  /**
   * The main container's name.
   * @default - the construct id as a DNS label
   */
  readonly containerName?: string;
  /**
   * The `app.kubernetes.io/version` label.
   * @default - the image tag, when it is a valid label value
   */
  readonly version?: string;
  /**
   * The `app.kubernetes.io/part-of` label.
   * @default - not set
   */
  readonly partOf?: string;
  /**
   * Extra labels on every object the daemon owns (DaemonSet, Service, ConfigMap...), not on its pods.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Extra labels on the pod template (changing them rolls the pods).
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Replaces the selector labels. A DaemonSet's selector is immutable, so keep these stable; they are
   * also added to the pod template. Use this to take over an existing DaemonSet.
   * @default - `app.kubernetes.io/name` and `app.kubernetes.io/instance`
   */
  readonly selectorLabels?: { [key: string]: string };
  /**
   * Extra annotations on the pod template.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Which nodes the daemon runs on.
   * @default NodePlacement.linux()
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling
   */
  readonly placement?: NodePlacement;
  /**
   * Taints the daemon tolerates. The DaemonSet controller adds the not-ready, unreachable, pressure and
   * unschedulable tolerations itself.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * How pods are replaced on update.
   * @default Rollout.rollingUpdate({ maxUnavailable: Budget.percent(10) }) - one node at a time is hours on a large cluster; 10% rounds up to at least one node
   */
  readonly rollout?: Rollout;
  /**
   * Seconds a new pod must be ready before it counts as available (and the rollout moves on).
   * @default - not rendered (0)
   */
  readonly minReadySeconds?: number;
  /**
   * How many old ControllerRevisions are kept for rollback.
   * @default - not rendered (10)
   */
  readonly revisionHistoryLimit?: number;
  /**
   * Scheduling priority.
   * @default - none (the cluster's global default, usually 0)
   */
  readonly priority?: Priority;
  /**
   * How clients on a node reach the daemon.
   * @default Exposure.none()
   */
  readonly exposure?: Exposure;
  /**
   * Node namespaces, privileges and host paths.
   * @default - none
   */
  readonly host?: HostAccess;
  /**
   * Config files, from a ConfigMap the daemon owns; a change rolls the pods.
   * @default - none
   */
  readonly config?: DaemonConfig;
  /**
   * Cluster-wide API permissions, granted to a ServiceAccount of the daemon's own whose token is mounted.
   *
   * Creates a ServiceAccount, a ClusterRole and a ClusterRoleBinding. Without it no token is mounted
   * (`automountServiceAccountToken: false`): a daemon that does not call the API never needs a credential
   * in its pods, and no agent fails to start for lack of one.
   * @default - no ServiceAccount, and no token mounted
   */
  readonly rbac?: RbacRule[];
  /**
   * Init containers, run in order before the main container.
   * @default - none
   */
  readonly initContainers?: DaemonContainerProps[];
  /**
   * More containers next to the main one.
   * @default - none
   */
  readonly sidecars?: DaemonContainerProps[];
  /**
   * How long the kubelet waits after SIGTERM before killing the daemon.
   * @default - not rendered (30 seconds)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Pod DNS policy.
   * @default - ClusterFirstWithHostNet with host networking, otherwise not rendered (ClusterFirst)
   */
  readonly dnsPolicy?: kplus.DnsPolicy;
}
