import { UpdateStrategyType } from '../plan/report';

/** What applying the new manifests does to one object. */
export enum ChangeType {
  /** The API server refuses the update. The sync fails until the object is re-created or renamed. */
  REJECTED = 'rejected',
  /** A DaemonSet's pod template changed: its pods are replaced. */
  ROLLOUT = 'rollout',
  /** The object is gone from the new manifests: a pruning sync deletes it. */
  DELETED = 'deleted',
  /** The object is new. */
  CREATED = 'created',
  /** The object changes in place and nothing rolls. */
  UPDATED = 'updated',
}

/** How a DaemonSet's pods are replaced after a template change. */
export interface RolloutImpact {
  /** The update strategy of the new DaemonSet. */
  readonly strategy: UpdateStrategyType;
  /** True when a `checksum/*` annotation of the pod template changed: the config the pods read changed. */
  readonly configChanged: boolean;
  /**
   * The nodes the DaemonSet runs on, from the planner.
   * @default - not known (no node inventory given)
   */
  readonly nodeCount?: number;
  /**
   * The waves the rollout takes on those nodes (0 for OnDelete).
   * @default - not known (no node inventory given)
   */
  readonly waves?: number;
  /**
   * The least time the rollout takes, in seconds: waves times (probe delays plus minReadySeconds).
   * @default - not known (no node inventory given)
   */
  readonly minimumDurationSeconds?: number;
}

/** One object that differs between the old and the new manifests. */
export interface ObjectChange {
  /** The API group, `""` for the core group. */
  readonly group: string;
  /** The object's kind. */
  readonly kind: string;
  /**
   * The namespace (`default` for a namespaced object written without one).
   * @default - none: the kind is cluster-scoped
   */
  readonly namespace?: string;
  /** The object's name. */
  readonly name: string;
  /** What applying the change does. */
  readonly change: ChangeType;
  /** The fields that differ, like `spec.template.spec.containers[0].image` (empty for created and deleted objects). */
  readonly paths: string[];
  /** Why, in one or more sentences: the rule, its consequence, and for rejected changes the way out and its cost. */
  readonly reason: string;
  /**
   * For rollouts: the strategy and, with a node inventory, how long it takes.
   * @default - not a rollout
   */
  readonly rollout?: RolloutImpact;
}
