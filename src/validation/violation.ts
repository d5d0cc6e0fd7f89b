/** One broken API-server rule in a rendered object. */
export interface Violation {
  /** Stable rule ID, e.g. `DS006`. */
  readonly ruleId: string;
  /** JSON path of the offending field inside the object, e.g. `spec.updateStrategy.rollingUpdate.maxSurge`. */
  readonly path: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong, in the API server's words where it has them. */
  readonly problem: string;
  /** What would be valid. */
  readonly valid: string;
}

/** A rule over one rendered Kubernetes object (plain JSON, as written to YAML). */
export interface ObjectRule {
  readonly id: string;
  /** The kinds it applies to. */
  readonly kinds: string[];
  /** One line: what the API server enforces and where. */
  readonly description: string;
  check(obj: any): Violation[];
}

/** Collects violations under one rule ID; keeps rule code short. */
export class ViolationSink {
  public readonly found: Violation[] = [];
  constructor(private readonly ruleId: string) {}
  public add(path: string, value: unknown, problem: string, valid: string): void {
    this.found.push({ ruleId: this.ruleId, path, value, problem, valid });
  }
  /** Adds a violation when `problem` (from a name check) is defined. */
  public check(path: string, value: unknown, problem: string | undefined, valid: string): void {
    if (problem !== undefined) this.add(path, value, problem, valid);
  }
}

export function rule(id: string, kinds: string[], description: string, body: (obj: any, sink: ViolationSink) => void): ObjectRule {
  return {
    id,
    kinds,
    description,
    check(obj: any): Violation[] {
      const sink = new ViolationSink(id);
      body(obj, sink);
      return sink.found;
    },
  };
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The pod spec inside a workload or a Pod, with its JSON path. */
export function podSpecOf(obj: any): { spec: any; path: string } | undefined {
  if (obj?.kind === 'Pod') return obj.spec ? { spec: obj.spec, path: 'spec' } : undefined;
  const spec = obj?.spec?.template?.spec;
  return spec ? { spec, path: 'spec.template.spec' } : undefined;
}

export const WORKLOAD_KINDS = ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Job', 'Pod'];
