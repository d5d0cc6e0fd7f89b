import { DaemonSpec } from './daemonset-parser';
import { PriorityClassInfo } from './manifest-set';

/** The classes every cluster creates at bootstrap (scheduling/v1 helpers). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

const PREEMPT_LOWER = 'PreemptLowerPriority';

/** A daemon's pod priority and preemption policy, as Priority admission sets them. */
export interface ResolvedPriority {
  readonly value: number;
  /** `PreemptLowerPriority` or `Never`. */
  readonly preemptionPolicy: string;
  /** False when priorityClassName names no class of the input, no system class and no class an existing pod shows. */
  readonly known: boolean;
  /** Set when Priority admission refuses the pod: the API server's message. */
  readonly refusal?: string;
}

/**
 * Pod priority as the Priority admission plugin sets it (PRIO): the named class's value and
 * preemptionPolicy; without a name, the global default class of the input (the lowest value if several),
 * else 0 and PreemptLowerPriority. A class that is not in the input takes the value existing pods of that
 * class show (`observed`), else 0. A template `priority` or `preemptionPolicy` that differs from the
 * computed one is refused.
 */
export function resolvePriority(ds: DaemonSpec, classes: readonly PriorityClassInfo[], observed?: ReadonlyMap<string, number>): ResolvedPriority {
  const name = ds.priorityClassName;
  let value = 0;
  let policy = PREEMPT_LOWER;
  let known = true;
  if (name === undefined) {
    const defaults = classes.filter(c => c.globalDefault).sort((a, b) => a.value - b.value);
    if (defaults.length) ({ value, preemptionPolicy: policy } = defaults[0]);
  } else {
    const own = classes.find(c => c.name === name);
    if (own) ({ value, preemptionPolicy: policy } = own);
    else if (Object.prototype.hasOwnProperty.call(SYSTEM_PRIORITY_CLASSES, name)) value = SYSTEM_PRIORITY_CLASSES[name];
    else if (observed?.has(name)) value = observed.get(name)!;
    else known = false;
  }
  let refusal: string | undefined;
  const from = name === undefined ? '' : ' from the given PriorityClass name';
  if (ds.templatePriority !== undefined && ds.templatePriority !== value) {
    refusal = `the integer value of priority (${ds.templatePriority}) must not be provided in pod spec; priority admission controller computed ${value}${from}`;
  } else if (ds.templatePreemptionPolicy !== undefined && ds.templatePreemptionPolicy !== policy) {
    refusal = `the string value of PreemptionPolicy (${ds.templatePreemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy}${from}`;
  }
  return { value, preemptionPolicy: policy, known, refusal };
}
