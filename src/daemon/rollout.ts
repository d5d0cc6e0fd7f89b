import * as kplus from 'cdk8s-plus-28';
import { Budget } from './budget';

/** Options of a delete-first rolling update. */
export interface RollingUpdateOptions {
  /**
   * How many nodes may be without a ready daemon pod during the update.
   *
   * The default is the `rollout` default of every daemon: one node at a time (the Kubernetes default)
   * takes hours on a large cluster, and the controller rounds 10% up, so small clusters still update one
   * node at a time.
   * @default Budget.percent(10)
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetSpec
   */
  readonly maxUnavailable?: Budget;

  /**
   * How many nodes may run an extra (new) pod next to the old one. The API server accepts a non-zero
   * value only when maxUnavailable is 0: use `Rollout.surge()` for that.
   * @default - not rendered (0)
   */
  readonly maxSurge?: Budget;
}

/** Options of a create-first (surge) rolling update. */
export interface SurgeOptions {
  /**
   * How many nodes may run the new pod next to the old one at once.
   * `maxUnavailable: 0` is rendered explicitly, because apps/v1 would otherwise default it to 1
   * and reject the object.
   */
  readonly maxSurge: Budget;
}

/** The DaemonSet update strategy kinds. */
export enum RolloutKind {
  /** Replace pods node by node, deleting the old pod first (or creating first with maxSurge). */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Replace a pod only when someone deletes it. */
  ON_DELETE = 'OnDelete',
}

/**
 * How a DaemonSet replaces its pods when the template changes (`spec.updateStrategy`).
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 */
export class Rollout {
  /**
   * Delete-first rolling update: at most `maxUnavailable` nodes (10% by default) are without a ready daemon at once.
   *
   * With no arguments this is the default rollout of every daemon.
   */
  public static rollingUpdate(options: RollingUpdateOptions = {}): Rollout {
    return new Rollout(RolloutKind.ROLLING_UPDATE, options.maxUnavailable ?? Budget.percent(10), options.maxSurge);
  }

  /**
   * Create-first rolling update: the new pod starts next to the old one, which is deleted once the new
   * pod is available. Not for daemons with hostPort or hostNetwork ports: the surge pod cannot bind
   * the port and the rollout stalls.
   */
  public static surge(options: SurgeOptions): Rollout {
    return new Rollout(RolloutKind.ROLLING_UPDATE, Budget.count(0), options.maxSurge);
  }

  /** Pods are replaced only when deleted by hand (or by a node drain). */
  public static onDelete(): Rollout {
    return new Rollout(RolloutKind.ON_DELETE, undefined, undefined);
  }

  private constructor(
    /** The strategy type. */
    public readonly kind: RolloutKind,
    /** maxUnavailable, for rolling updates. */
    public readonly maxUnavailable?: Budget,
    /** maxSurge, for rolling updates that surge. */
    public readonly maxSurge?: Budget,
  ) {}

  /** True when the strategy creates a new pod next to the old one (maxSurge above 0). */
  public get surges(): boolean {
    return this.kind === RolloutKind.ROLLING_UPDATE && this.maxSurge !== undefined && !this.maxSurge.isZero;
  }

  /** @internal */
  public _toKube(): kplus.k8s.DaemonSetUpdateStrategy {
    if (this.kind === RolloutKind.ON_DELETE) return { type: 'OnDelete' };
    return {
      type: 'RollingUpdate',
      rollingUpdate: {
        maxUnavailable: this.maxUnavailable?._toKube(),
        maxSurge: this.maxSurge?._toKube(),
      },
    };
  }
}
