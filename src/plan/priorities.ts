import { DaemonSpec } from './daemonset-parser';
import { PriorityClassInfo } from './manifest-set';

/** The classes every cluster creates at bootstrap (scheduling/v1 helpers). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

/** A daemon's pod priority, and whether its class exists. */
export interface ResolvedPriority {
  readonly value: number;
  /** False when priorityClassName names no class of the input and no system class. */
  readonly known: boolean;
}

/**
 * Pod priority as the Priority admission plugin sets it: the named class's value; without a name, the
 * global default class of the input (the lowest value if several), else 0.
 */
export function resolvePriority(ds: DaemonSpec, classes: readonly PriorityClassInfo[]): ResolvedPriority {
  const name = ds.priorityClassName;
  if (name === undefined) {
    const defaults = classes.filter(c => c.globalDefault).map(c => c.value);
    return { value: defaults.length ? Math.min(...defaults) : 0, known: true };
  }
  const own = classes.find(c => c.name === name);
  if (own) return { value: own.value, known: true };
  if (Object.prototype.hasOwnProperty.call(SYSTEM_PRIORITY_CLASSES, name)) return { value: SYSTEM_PRIORITY_CLASSES[name], known: true };
  return { value: 0, known: false };
}
