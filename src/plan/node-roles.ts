import { NodeTaint } from './node-parser';

/** The labels that tell what kind of node this is. */
export const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];
export const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];
const CONTROL_PLANE_KEYS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];
export const ROLE_LABELS = [...OS_LABELS, ...ARCH_LABELS, ...CONTROL_PLANE_KEYS, 'type'];

/** What kind of node this is, for the problems the planner calls out. */
export interface NodeRoles {
  readonly os?: string;
  readonly arch?: string;
  /** A control-plane (or master) role label or taint. */
  readonly controlPlane: boolean;
  readonly windows: boolean;
  /** arm64 or 32-bit arm. */
  readonly arm: boolean;
  /** A virtual-kubelet node (`type: virtual-kubelet`). */
  readonly virtual: boolean;
  /** No NoSchedule or NoExecute taint: ordinary workloads (a Service's clients) can run here. */
  readonly untainted: boolean;
}

/** The roles of a node, from its labels and taints. */
export function nodeRoles(labels: Readonly<Record<string, string>>, taints: readonly NodeTaint[]): NodeRoles {
  const os = labels[OS_LABELS[0]] ?? labels[OS_LABELS[1]];
  const arch = labels[ARCH_LABELS[0]] ?? labels[ARCH_LABELS[1]];
  return {
    os,
    arch,
    controlPlane: CONTROL_PLANE_KEYS.some(k => k in labels) || taints.some(t => CONTROL_PLANE_KEYS.includes(t.key)),
    windows: os === 'windows',
    arm: arch !== undefined && arch.startsWith('arm'),
    virtual: labels.type === 'virtual-kubelet',
    untainted: !taints.some(t => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
  };
}
