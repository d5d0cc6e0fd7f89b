import * as kplus from 'cdk8s-plus-28';

/**
 * A rollout budget: a number of nodes or a percentage of the nodes the daemon runs on.
 * The DaemonSet controller rounds percentages up (at least one node when the percentage is above 0).
 */
export class Budget {
  /** A number of nodes. */
  public static count(nodes: number): Budget {
    return new Budget(nodes, undefined);
  }

  /** A percentage (0-100) of the nodes the daemon runs on, rounded up. */
  public static percent(percent: number): Budget {
    return new Budget(undefined, percent);
  }

  private constructor(
    /** The number of nodes, when given as a count. */
    public readonly nodes?: number,
    /** The percentage, when given as a percentage. */
    public readonly percentage?: number,
  ) {}

  /** True when the budget allows no node at all (0 or 0%). */
  public get isZero(): boolean {
    return (this.nodes ?? this.percentage) === 0;
  }

  /** The wire value: an int, or a string like "10%". */
  public toString(): string {
    return this.percentage !== undefined ? `${this.percentage}%` : `${this.nodes}`;
  }

  /** @internal */
  public _toKube(): kplus.k8s.IntOrString {
    return this.percentage !== undefined
      ? kplus.k8s.IntOrString.fromString(`${this.percentage}%`)
      : kplus.k8s.IntOrString.fromNumber(this.nodes!);
  }
}
