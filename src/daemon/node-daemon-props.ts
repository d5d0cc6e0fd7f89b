import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ContainerOptions, DaemonContainerProps } from './container';
import { DaemonConfig } from './daemon-config';
import { DaemonDnsConfig, HostAlias } from './dns';
import { Exposure } from './exposure';
import { HostPathMount } from './host-path-mount';
import { NodeArch, NodePlacement } from './placement';
import { DaemonPodSecurityProps } from './pod-security-context';
import { Priority } from './priority';
import { RbacRule } from './rbac';
import { Rollout } from './rollout';
import { Toleration } from './toleration';
import { PodSecurityLevel } from '../validation/pod-security-level';

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
   * Use the node's network namespace (`hostNetwork`). `dnsPolicy` becomes ClusterFirstWithHostNet so
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
   *
   * The cluster-scoped objects it owns (ClusterRole, ClusterRoleBinding, a created PriorityClass without
   * a name of its own) are named `<namespace>-<name>` in a chart with a namespace, so that daemons of one
   * name in two namespaces never share them.
   * @default - generated from the construct path (unique in the app)
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
   * @default Rollout.rollingUpdate() - delete first, 10% of the nodes at a time: one node at a time is hours on a large cluster, and 10% rounds up to at least one node
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
   * Config files, from a ConfigMap the daemon owns. A change rolls the pods.
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
   * Pod DNS policy. `DnsPolicy.NONE` takes the whole resolver configuration from `dnsConfig`.
   * @default - ClusterFirstWithHostNet with host networking, otherwise not rendered (ClusterFirst)
   */
  readonly dnsPolicy?: kplus.DnsPolicy;
  /**
   * Resolver settings added to what `dnsPolicy` gives. With `DnsPolicy.NONE` they must name a name server.
   * @default - none
   */
  readonly dnsConfig?: DaemonDnsConfig;
  /**
   * Extra entries of the pods' /etc/hosts.
   * @default - none
   */
  readonly hostAliases?: HostAlias[];
  /**
   * Names of Secrets in the daemon's namespace (of type `kubernetes.io/dockerconfigjson`) used to pull its images.
   * @default - none: the node's and the default ServiceAccount's credentials
   */
  readonly imagePullSecrets?: string[];
  /**
   * The pod-level security context, shared by every container (each container's `security` wins).
   * @default - only `seccompProfile: RuntimeDefault`
   */
  readonly podSecurityContext?: DaemonPodSecurityProps;
  /**
   * The RuntimeClass the pods run under (for example gVisor or Kata), a DNS-1123 subdomain.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * Whether the ServiceAccount token is mounted into the pods.
   *
   * True without `rbac` mounts the namespace's default ServiceAccount token; false with `rbac` leaves the
   * daemon's own account unused until the daemon reads a projected token itself.
   * @default - true with `rbac`, false without it (a daemon that does not call the API needs no credential)
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Whether the pod's containers share one process namespace (a sidecar can then signal the main
   * container, for example to reload its config). Cannot be combined with `host.pid`.
   * @default false
   */
  readonly shareProcessNamespace?: boolean;
  /**
   * The Pod Security Standards level the daemon's pods meet (the `pod-security.kubernetes.io/enforce`
   * level of the namespace it runs in). The daemon renders what the level requires where nothing set
   * says otherwise (restricted: runAsNonRoot, the RuntimeDefault seccomp profile, capabilities drop ALL,
   * no privilege escalation) and synth fails on whatever the level forbids (host namespaces, host paths
   * and ports, privileged containers, added capabilities, ...), naming the control and the prop. A
   * level on the chart (`Validations.configure(chart, { podSecurity })`) or a Namespace object of the
   * app applies too; the stricter wins.
   * @default - the chart's level, if any; otherwise nothing is enforced
   */
  readonly podSecurity?: PodSecurityLevel;
}
