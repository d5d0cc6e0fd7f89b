import * as kplus from 'cdk8s-plus-28';

/** How a toleration matches a taint's value. */
export enum TolerationOperator {
  /** The taint's value must equal the toleration's value. */
  EQUAL = 'Equal',
  /** Any value (and, with no key, any taint). */
  EXISTS = 'Exists',
}

/** A toleration written field by field. */
export interface TolerationProps {
  /**
   * The taint key. Empty with `EXISTS` tolerates every taint.
   * @default - every key (requires operator EXISTS)
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value to match with `EQUAL`.
   * @default - empty
   */
  readonly value?: string;
  /**
   * The taint effect to match.
   * @default - every effect
   */
  readonly effect?: kplus.TaintEffect;
  /**
   * With effect NO_EXECUTE: how long the pod stays on a node after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/**
 * Lets daemon pods run on (or stay on) nodes with matching taints.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export class Toleration {
  /** Any field combination, rendered as given (the API-server rules are checked at synth). */
  public static of(props: TolerationProps): Toleration {
    return new Toleration(props);
  }

  /** Tolerates taints with this key and any value, for one effect or all. */
  public static exists(key: string, effect?: kplus.TaintEffect): Toleration {
    return new Toleration({ key, operator: TolerationOperator.EXISTS, effect });
  }

  /** Tolerates taints with this key and exactly this value. */
  public static equal(key: string, value: string, effect?: kplus.TaintEffect): Toleration {
    return new Toleration({ key, operator: TolerationOperator.EQUAL, value, effect });
  }

  /** Tolerates every taint with every effect (operator Exists, no key): the pod runs on every node. */
  public static everything(): Toleration {
    return new Toleration({ operator: TolerationOperator.EXISTS });
  }

  /**
   * Runs on control-plane nodes: `node-role.kubernetes.io/control-plane:NoSchedule`.
   * Clusters older than 1.25 use `Toleration.legacyMaster()` as well.
   */
  public static controlPlane(): Toleration {
    return Toleration.exists('node-role.kubernetes.io/control-plane', kplus.TaintEffect.NO_SCHEDULE);
  }

  /** The deprecated `node-role.kubernetes.io/master:NoSchedule` taint of older clusters. */
  public static legacyMaster(): Toleration {
    return Toleration.exists('node-role.kubernetes.io/master', kplus.TaintEffect.NO_SCHEDULE);
  }

  /**
   * Stays on a node for `seconds` after a NoExecute taint with this key appears, then is evicted.
   *
   * Not for `node.kubernetes.io/not-ready` or `node.kubernetes.io/unreachable`: the DaemonSet controller
   * replaces such a toleration with its own, which never expires, so the seconds never apply (rule BP008).
   */
  public static noExecuteFor(key: string, seconds: number): Toleration {
    return new Toleration({ key, operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_EXECUTE, tolerationSeconds: seconds });
  }

  private constructor(private readonly props: TolerationProps) {}

  /** The taint key, if any. */
  public get key(): string | undefined {
    return this.props.key;
  }

  /** The taint effect matched, if limited to one. */
  public get effect(): kplus.TaintEffect | undefined {
    return this.props.effect;
  }

  /** @internal */
  public _toKube(): kplus.k8s.Toleration {
    return {
      key: this.props.key,
      operator: this.props.operator,
      value: this.props.value,
      effect: this.props.effect,
      tolerationSeconds: this.props.tolerationSeconds,
    };
  }
}
