/** What a pod does to lower-priority pods when it cannot be scheduled. */
export enum PreemptionPolicy {
  /** Evict lower-priority pods to make room (the Kubernetes default). */
  PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority',
  /** Wait in the queue without evicting anyone. */
  NEVER = 'Never',
}

/** A new PriorityClass owned by the daemon. */
export interface PriorityClassOptions {
  /**
   * The priority value. User-defined classes may not exceed 1000000000; higher values are reserved for
   * the system classes.
   */
  readonly value: number;
  /**
   * The PriorityClass name.
   * @default - generated from the daemon's path
   */
  readonly name?: string;
  /**
   * Preemption of lower-priority pods.
   * @default PreemptionPolicy.PREEMPT_LOWER_PRIORITY
   */
  readonly preemptionPolicy?: PreemptionPolicy;
  /**
   * Shown by `kubectl describe priorityclass`.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Whether pods without a priorityClassName get this class. At most one class in a cluster may be the default.
   * @default false
   */
  readonly globalDefault?: boolean;
}

/**
 * The scheduling priority of the daemon's pods (`priorityClassName`, and optionally a PriorityClass object).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
 */
export class Priority {
  /** A PriorityClass that exists in the cluster already, by name. */
  public static existing(name: string): Priority {
    return new Priority(name, undefined);
  }

  /** `system-node-critical` (2000001000): for daemons a node cannot work without (CNI, CSI, log shipping). */
  public static systemNodeCritical(): Priority {
    return new Priority('system-node-critical', undefined);
  }

  /** `system-cluster-critical` (2000000000): for add-ons the cluster cannot work without. */
  public static systemClusterCritical(): Priority {
    return new Priority('system-cluster-critical', undefined);
  }

  /** A new PriorityClass object, rendered next to the DaemonSet. */
  public static create(options: PriorityClassOptions): Priority {
    return new Priority(options.name, options);
  }

  private constructor(
    /** The class name, when known before synth. */
    public readonly className?: string,
    /** The options of a class this daemon creates. */
    public readonly createOptions?: PriorityClassOptions,
  ) {}
}
