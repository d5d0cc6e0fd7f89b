import * as kplus from 'cdk8s-plus-28';

/** Operators of a required node-affinity expression. */
export enum NodeOperator {
  /** The label exists and its value is one of the values. */
  IN = 'In',
  /** The label is absent, or its value is none of the values. */
  NOT_IN = 'NotIn',
  /** The label exists. */
  EXISTS = 'Exists',
  /** The label does not exist. */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's value is an integer greater than the value. */
  GT = 'Gt',
  /** The label's value is an integer less than the value. */
  LT = 'Lt',
}

/** CPU architectures, as in the `kubernetes.io/arch` node label. */
export enum NodeArch {
  /** x86-64. */
  AMD64 = 'amd64',
  /** 64-bit ARM. */
  ARM64 = 'arm64',
  /** IBM POWER little-endian. */
  PPC64LE = 'ppc64le',
  /** IBM Z. */
  S390X = 's390x',
}

/** Operating systems, as in the `kubernetes.io/os` node label. */
export enum NodeOs {
  /** Linux nodes. */
  LINUX = 'linux',
  /** Windows nodes. */
  WINDOWS = 'windows',
}

/** One expression of a required node-affinity term. */
export class NodeRequirement {
  /** The label's value is one of `values`. */
  public static in(key: string, ...values: string[]): NodeRequirement {
    return new NodeRequirement(key, NodeOperator.IN, values);
  }
  /** The label is absent or its value is none of `values`. */
  public static notIn(key: string, ...values: string[]): NodeRequirement {
    return new NodeRequirement(key, NodeOperator.NOT_IN, values);
  }
  /** The label exists, with any value. */
  public static exists(key: string): NodeRequirement {
    return new NodeRequirement(key, NodeOperator.EXISTS, []);
  }
  /** The label does not exist. */
  public static doesNotExist(key: string): NodeRequirement {
    return new NodeRequirement(key, NodeOperator.DOES_NOT_EXIST, []);
  }
  /** The label's integer value is greater than `value`. */
  public static greaterThan(key: string, value: number): NodeRequirement {
    return new NodeRequirement(key, NodeOperator.GT, [String(value)]);
  }
  /** The label's integer value is less than `value`. */
  public static lessThan(key: string, value: number): NodeRequirement {
    return new NodeRequirement(key, NodeOperator.LT, [String(value)]);
  }

  private constructor(
    /** The node label key. */
    public readonly key: string,
    /** The operator. */
    public readonly operator: NodeOperator,
    /** The values compared with. */
    public readonly values: string[],
  ) {}

  /** @internal */
  public _toKube(): kplus.k8s.NodeSelectorRequirement {
    return { key: this.key, operator: this.operator, values: this.values.length ? [...this.values] : undefined };
  }
}

/** The label that virtual-kubelet nodes (AKS virtual nodes and others) carry. */
const VIRTUAL_KUBELET = NodeRequirement.notIn('type', 'virtual-kubelet');
/** EKS Fargate "nodes" cannot run DaemonSet pods. */
const FARGATE = NodeRequirement.notIn('eks.amazonaws.com/compute-type', 'fargate');

/**
 * Which nodes a daemon may run on: a `nodeSelector` (exact labels) and required node-affinity
 * expressions (all must hold). Immutable: each `with*` method returns a new placement.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 */
export class NodePlacement {
  /** Every node (no selector at all). */
  public static anyNode(): NodePlacement {
    return new NodePlacement({}, []);
  }

  /** Linux nodes only (`kubernetes.io/os: linux`): Windows nodes cannot run Linux images. */
  public static linux(): NodePlacement {
    return NodePlacement.anyNode().withOs(NodeOs.LINUX);
  }

  /** Nodes that carry all of these labels. */
  public static labeled(labels: { [key: string]: string }): NodePlacement {
    return NodePlacement.anyNode().withLabels(labels);
  }

  private constructor(
    private readonly selector: { [key: string]: string },
    private readonly requirements: NodeRequirement[],
  ) {}

  /** Adds exact-match labels to the nodeSelector. */
  public withLabels(labels: { [key: string]: string }): NodePlacement {
    return new NodePlacement({ ...this.selector, ...labels }, this.requirements);
  }

  /** Pins the operating system (`kubernetes.io/os`). */
  public withOs(os: NodeOs): NodePlacement {
    return this.withLabels({ 'kubernetes.io/os': os });
  }

  /** Pins the CPU architecture (`kubernetes.io/arch`). */
  public withArch(arch: NodeArch): NodePlacement {
    return this.withLabels({ 'kubernetes.io/arch': arch });
  }

  /** Adds required node-affinity expressions. All must hold. */
  public withRequirements(...requirements: NodeRequirement[]): NodePlacement {
    return new NodePlacement(this.selector, [...this.requirements, ...requirements]);
  }

  /**
   * Keeps off virtual-kubelet nodes (`type=virtual-kubelet`) and EKS Fargate
   * (`eks.amazonaws.com/compute-type=fargate`), where DaemonSet pods stay Pending forever.
   */
  public excludingVirtualNodes(): NodePlacement {
    return this.withRequirements(VIRTUAL_KUBELET, FARGATE);
  }

  /** The nodeSelector labels. */
  public get nodeSelector(): { [key: string]: string } {
    return { ...this.selector };
  }

  /** The required node-affinity expressions. */
  public get nodeRequirements(): NodeRequirement[] {
    return [...this.requirements];
  }

  /** @internal */
  public _nodeSelector(): { [key: string]: string } | undefined {
    return Object.keys(this.selector).length ? { ...this.selector } : undefined;
  }

  /** @internal */
  public _affinity(): kplus.k8s.Affinity | undefined {
    if (this.requirements.length === 0) return undefined;
    return {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: this.requirements.map(r => r._toKube()) }],
        },
      },
    };
  }
}
