/** Why the DaemonSet controller does not run a daemon on a node (the first check that fails, in its order). */
export enum SkipReason {
  /** `spec.template.spec.nodeName` names another node. */
  NODE_NAME = 'NodeName',
  /** A `nodeSelector` entry is missing or different on the node. */
  NODE_SELECTOR = 'NodeSelector',
  /** No required node-affinity term matches the node. */
  NODE_AFFINITY = 'NodeAffinity',
  /** The node has a NoSchedule or NoExecute taint the pod does not tolerate. */
  TAINT = 'Taint',
}

/** What happens to a daemon pod that already runs on a node the daemon no longer belongs on. */
export enum ExistingPods {
  /** Only NoSchedule taints are untolerated: the pod keeps running and counts as misscheduled. */
  KEPT_MISSCHEDULED = 'KeptMisscheduled',
  /** An untolerated NoExecute taint: the pod is evicted. */
  EVICTED = 'Evicted',
  /** The node no longer matches nodeName, nodeSelector or affinity: the controller deletes the pod. */
  DELETED = 'Deleted',
}

/** How bad a problem is. */
export enum ProblemSeverity {
  /** The daemon will not do its job somewhere, or the API server rejects it. */
  ERROR = 'error',
  /** Probably not what was meant: worth a look. */
  WARNING = 'warning',
}

/** The kinds of problems the planner calls out. */
export enum ProblemKind {
  /** The input holds no DaemonSet. */
  NO_DAEMON_SETS = 'NoDaemonSets',
  /** Daemon pods that get their node only by preempting (evicting) pods already there. */
  PREEMPTS = 'Preempts',
  /** The API server refuses to create the daemon's pods (LimitRange, RuntimeClass, Priority admission). */
  REJECTED = 'Rejected',
  /** Admission changes the pod in a way the template does not show (sidecars dropped, RuntimeClass unknown). */
  ADMISSION = 'Admission',
  /** A DaemonSet lands on no node at all. */
  NO_NODES = 'NoNodes',
  /** Two DaemonSets with the same namespace and name. */
  DUPLICATE_DAEMON_SET = 'DuplicateDaemonSet',
  /** `priorityClassName` names no PriorityClass of the input and no system class: every pod is rejected. */
  UNKNOWN_PRIORITY_CLASS = 'UnknownPriorityClass',
  /** Daemon pods that do not fit a node (resources, host ports) and stay Pending. */
  PENDING = 'Pending',
  /** Two daemons on the same node want the same host port. */
  HOST_PORT_CLASH = 'HostPortClash',
  /** maxSurge with hostPort or hostNetwork: the surge pod cannot start and the rollout stalls. */
  SURGE_WITH_HOST_PORTS = 'SurgeWithHostPorts',
  /** The update strategy is one the API server rejects. */
  INVALID_UPDATE_STRATEGY = 'InvalidUpdateStrategy',
  /** Control-plane nodes are missed because of a taint the daemon does not tolerate. */
  MISSES_CONTROL_PLANE = 'MissesControlPlane',
  /** Every ARM node is missed although the daemon does not select an architecture. */
  MISSES_ARM_NODES = 'MissesArmNodes',
  /** The daemon lands on Windows nodes although it does not select an operating system. */
  LANDS_ON_WINDOWS = 'LandsOnWindows',
  /** The daemon lands on virtual-kubelet nodes, where node agents cannot work. */
  LANDS_ON_VIRTUAL_NODES = 'LandsOnVirtualNodes',
  /** A Service with internalTrafficPolicy Local selects the daemon, which misses untainted nodes. */
  LOCAL_SERVICE_GAP = 'LocalServiceGap',
}

/** The DaemonSet update strategies. */
export enum UpdateStrategyType {
  /** Replace pods node by node within the maxUnavailable / maxSurge budget. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Replace a pod only when it is deleted. */
  ON_DELETE = 'OnDelete',
}

/** Nodes a daemon skips for one reason. */
export interface NodeSkip {
  /** Which check fails. */
  readonly reason: SkipReason;
  /** The exact failing part: `nodeSelector kubernetes.io/os=linux`, `nodeAffinity kubernetes.io/arch In [amd64]`, `taint nvidia.com/gpu=present:NoSchedule`. */
  readonly detail: string;
  /** What happens to a daemon pod already running on these nodes. */
  readonly existingPods: ExistingPods;
  /** The nodes, in inventory order. */
  readonly nodeNames: string[];
}

/** An amount of one resource. */
export interface ResourceAmount {
  /** The resource name: `cpu`, `memory`, `nvidia.com/gpu`. */
  readonly resource: string;
  /** CPU in millicores, everything else in whole units (bytes for memory). */
  readonly amount: number;
}

/** The rollout a template change would start, assuming every pod is available when it begins. */
export interface RolloutPlan {
  /** The update strategy. */
  readonly strategy: UpdateStrategyType;
  /** maxUnavailable as written (`10%`, `1`), with the apps/v1 default of 1 filled in. */
  readonly maxUnavailableSetting: string;
  /** maxSurge as written, with the default of 0 filled in. */
  readonly maxSurgeSetting: string;
  /** maxUnavailable resolved against the desired node count (percentages round up, or 1 when both are 0). */
  readonly maxUnavailable: number;
  /** maxSurge resolved against the desired node count (percentages round up). */
  readonly maxSurge: number;
  /** Nodes updated at once: maxSurge when above 0, otherwise maxUnavailable. 0 for OnDelete. */
  readonly waveSize: number;
  /** ceil(desired / waveSize), or 0 for OnDelete or no nodes. */
  readonly waves: number;
  /** `spec.minReadySeconds`. */
  readonly minReadySeconds: number;
  /** The earliest a new pod is Ready, from its startup and readiness probe delays. */
  readonly podReadySeconds: number;
  /** waves x (podReadySeconds + minReadySeconds): the rollout takes at least this long. */
  readonly minimumDurationSeconds: number;
  /** Warnings about this rollout (a stall, an invalid budget). */
  readonly warnings: string[];
}

/** The predicted placement of one DaemonSet. */
export interface DaemonSetPlan {
  /** `namespace/name` (just `name` when the manifest has no namespace). */
  readonly id: string;
  /** `metadata.name`. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   * @default - none in the manifest (the namespace of the kubectl context applies)
   */
  readonly namespace?: string;
  /** The file (and the path in it) the DaemonSet came from. */
  readonly source: string;
  /** Nodes the controller wants a pod on (`status.desiredNumberScheduled`). */
  readonly desiredNumberScheduled: number;
  /** The nodes it runs on, in inventory order. */
  readonly nodeNames: string[];
  /** The nodes it skips, grouped by the exact reason. */
  readonly skips: NodeSkip[];
  /** Skipped nodes where a running pod would stay and count as misscheduled (NoSchedule only). */
  readonly misscheduledNodeCount: number;
  /** Skipped nodes where a running pod would be evicted by a NoExecute taint. */
  readonly evictedNodeCount: number;
  /** What one pod requests of its node (limits stand in for missing requests). */
  readonly requests: ResourceAmount[];
  /** `hostNetwork`. */
  readonly hostNetwork: boolean;
  /** Ports taken on the node: `9100/TCP`, `10.0.0.1:53/UDP`. */
  readonly hostPorts: string[];
  /**
   * `priorityClassName`.
   * @default - none
   */
  readonly priorityClassName?: string;
  /** The pod priority: the class's value, the input's global default class, or 0. */
  readonly priority: number;
  /** The rollout of a template change. */
  readonly rollout: RolloutPlan;
  /** Services of the input that select this daemon's pods (`namespace/name`). */
  readonly services: string[];
  /** `PreemptLowerPriority` or `Never`, as Priority admission sets it. */
  readonly preemptionPolicy: string;
  /** What admission did to the pod that the template does not show (LimitRange defaults, RuntimeClass). */
  readonly admissionNotes: string[];
  /** What the scheduler does with the pod on each node the controller wants it on. */
  readonly fit: DaemonSetFit;
}

/** A daemon pod that gets its node by preempting pods there. */
export interface FitPreemption {
  /** The node. */
  readonly node: string;
  /** The evicted pods, `namespace/name`. */
  readonly victims: string[];
  /** How many victims violate a PodDisruptionBudget of the input (preemption goes ahead anyway). */
  readonly pdbViolations: number;
  /** The longest terminationGracePeriodSeconds of the victims: the daemon pod starts no earlier. */
  readonly gracePeriodSeconds: number;
}

/** A daemon pod that stays Pending on a node. */
export interface FitPending {
  /** The node. */
  readonly node: string;
  /** The scheduler's reasons, as in the FailedScheduling event: `Insufficient memory`, `Too many pods`. */
  readonly reason: string;
  /** The numbers behind it: `memory: requests 512Mi, 100Mi free of 15Gi`. */
  readonly detail: string;
  /** Why preemption does not help: `No preemption victims found for incoming pod`, or the reasons that remain. */
  readonly preemption: string;
}

/** A daemon pod the API server refuses to create for a node. */
export interface FitRejection {
  /** The node. */
  readonly node: string;
  /** The admission or validation message. */
  readonly reason: string;
}

/** Per node, what happens to the daemon pod after the controller creates it. */
export interface DaemonSetFit {
  /** Nodes where the pod fits as the node is. */
  readonly runs: string[];
  /** Nodes where the pod fits only by preempting lower-priority pods. */
  readonly preempts: FitPreemption[];
  /** Nodes where the pod stays Pending. */
  readonly pending: FitPending[];
  /** Nodes where admission refuses the pod (FailedCreate, no pod at all). */
  readonly rejected: FitRejection[];
}

/** Pods a daemon evicts on one node. */
export interface NodePreemption {
  /** The DaemonSet id. */
  readonly daemonSet: string;
  /** The evicted pods, `namespace/name`. */
  readonly victims: string[];
}

/** What the daemons reserve on a set of nodes. */
export interface DaemonCost {
  /** The node class (`node.kubernetes.io/instance-type`, else os/arch), or `cluster`. */
  readonly nodeClass: string;
  /** Nodes in the class. */
  readonly nodes: number;
  /** CPU requested by the daemon pods that get a place (run or preempt), in cores. */
  readonly cpuCores: number;
  /** Memory requested by those pods, in GiB. */
  readonly memoryGiB: number;
  /** Allocatable CPU of the nodes, in cores. */
  readonly allocatableCores: number;
  /** Allocatable memory of the nodes, in GiB. */
  readonly allocatableGiB: number;
  /** cpuCores / allocatableCores in percent. */
  readonly cpuPercent: number;
  /** memoryGiB / allocatableGiB in percent. */
  readonly memoryPercent: number;
}

/** The pods of the pod list that the plan counts. */
export interface PodsSummary {
  /** Where the pod list came from. */
  readonly source: string;
  /** Pods bound to a node of the inventory, counted against its room. */
  readonly counted: number;
  /** Pods nominated to a node and not yet bound. */
  readonly nominated: number;
  /** Pods in phase Succeeded or Failed (the scheduler ignores them). */
  readonly terminated: number;
  /** Pods neither bound nor nominated. */
  readonly unscheduled: number;
  /** Pods of the planned DaemonSets themselves, left out (the plan places them afresh). */
  readonly replaced: number;
  /** Pods bound to nodes that are not in the inventory. */
  readonly onOtherNodes: number;
}

/** How much of one node resource the daemons request. */
export interface ResourceUse {
  /** The resource name. */
  readonly resource: string;
  /** Summed requests of every daemon that lands on the node (CPU in millicores, memory in bytes). */
  readonly requested: number;
  /** The node's allocatable amount (0 when the node does not have the resource). */
  readonly allocatable: number;
  /** requested / allocatable in percent, one decimal (100 when the node has none of a requested resource). */
  readonly percent: number;
}

/** A daemon pod that does not fit its node and stays Pending. */
export interface PendingPod {
  /** The DaemonSet id. */
  readonly daemonSet: string;
  /** The scheduler's reasons: `Insufficient cpu`, `Too many pods`, `node(s) didn't have free ports for the requested pod ports`. */
  readonly reason: string;
  /** The numbers behind them: `cpu: requests 500m, 120m free of 3920m`. */
  readonly detail: string;
  /** Why preemption does not help. */
  readonly preemption: string;
}

/** The daemons and their cost on one node. */
export interface NodePlan {
  /** The node name. */
  readonly name: string;
  /**
   * The `kubernetes.io/os` label.
   * @default - not labelled
   */
  readonly os?: string;
  /**
   * The `kubernetes.io/arch` label.
   * @default - not labelled
   */
  readonly arch?: string;
  /** True for control-plane (or master) nodes. */
  readonly controlPlane: boolean;
  /** The DaemonSets that land on the node. */
  readonly daemonSets: string[];
  /** CPU requested by those daemons. */
  readonly cpu: ResourceUse;
  /** Memory requested by those daemons. */
  readonly memory: ResourceUse;
  /** Pod slots those daemons take. */
  readonly pods: ResourceUse;
  /** Other requested resources (ephemeral-storage, GPUs, hugepages). */
  readonly extended: ResourceUse[];
  /** Daemon pods that do not fit (in scheduling order: higher priority first, then namespace/name) and stay Pending. */
  readonly pending: PendingPod[];
  /** The node class the cost summary groups the node in. */
  readonly nodeClass: string;
  /** Pods of the pod list on the node before the daemons (terminated and replaced daemon pods left out). */
  readonly existingPods: number;
  /** Pods the daemons evict here. */
  readonly preemptions: NodePreemption[];
  /** What is left after the daemons that get a place: cpu, memory, pods and any other resource a daemon requests. */
  readonly left: ResourceAmount[];
}

/** Two daemons that want the same host port on the same nodes. */
export interface HostPortClash {
  /** The two DaemonSet ids. */
  readonly daemonSets: string[];
  /** Their clashing ports, in the same order: `9100/TCP`. */
  readonly hostPorts: string[];
  /** The nodes where both land, in inventory order. */
  readonly nodeNames: string[];
}

/** A problem the planner calls out. */
export interface PlanProblem {
  /** How bad it is. */
  readonly severity: ProblemSeverity;
  /** What kind of problem. */
  readonly kind: ProblemKind;
  /**
   * The DaemonSet concerned.
   * @default - the whole input
   */
  readonly daemonSet?: string;
  /** One line, plain words. */
  readonly message: string;
}

/** What the DaemonSet controller and the scheduler will do with these daemons on this cluster. */
export interface PlanReport {
  /** Where the node inventory came from. */
  readonly inventory: string;
  /** Nodes in the inventory. */
  readonly nodeCount: number;
  /** One entry per DaemonSet, in input order. */
  readonly daemonSets: DaemonSetPlan[];
  /** One entry per node, in inventory order. */
  readonly nodes: NodePlan[];
  /** Host-port clashes between daemons. */
  readonly hostPortClashes: HostPortClash[];
  /** Problems, errors first. */
  readonly problems: PlanProblem[];
  /** What the daemons reserve, for the whole cluster and per node class. */
  readonly cost: DaemonCost[];
  /**
   * The pod list the plan counted.
   * @default - no pod list: nodes are planned empty
   */
  readonly pods?: PodsSummary;
}
