import { FieldReader } from './fields';
import { PathSegment } from './input-error';
import { KNOWN } from './known-fields';
import { NodeTaint } from './node-parser';

/** A pod toleration, as the scheduler and the DaemonSet controller match it. */
export interface PodToleration {
  /** Empty matches every key (with operator Exists). */
  readonly key: string;
  /** `Equal` (also when empty) or `Exists`; anything else tolerates nothing. */
  readonly operator: string;
  readonly value: string;
  /** Empty matches every effect. */
  readonly effect: string;
  /** True for the tolerations the DaemonSet controller adds itself. */
  readonly implicit: boolean;
}

const implicit = (key: string, effect: string): PodToleration => ({ key, operator: 'Exists', value: '', effect, implicit: true });

/**
 * The tolerations the DaemonSet controller adds to every daemon pod (DSU `AddOrUpdateDaemonPodTolerations`),
 * in its order; network-unavailable only for hostNetwork pods. All are infinite (no tolerationSeconds).
 */
export const DEFAULT_TOLERATIONS: readonly PodToleration[] = [
  implicit('node.kubernetes.io/not-ready', 'NoExecute'),
  implicit('node.kubernetes.io/unreachable', 'NoExecute'),
  implicit('node.kubernetes.io/disk-pressure', 'NoSchedule'),
  implicit('node.kubernetes.io/memory-pressure', 'NoSchedule'),
  implicit('node.kubernetes.io/pid-pressure', 'NoSchedule'),
  implicit('node.kubernetes.io/unschedulable', 'NoSchedule'),
];

/** Added to the defaults for pods with `hostNetwork: true`. */
export const HOST_NETWORK_TOLERATION: PodToleration = implicit('node.kubernetes.io/network-unavailable', 'NoSchedule');

/** The template's tolerations plus the controller's. `tolerationSeconds` is read but plays no part. */
export function podTolerations(r: FieldReader, raw: unknown[], path: readonly PathSegment[], hostNetwork: boolean): PodToleration[] {
  const own = raw.map((t, i) => {
    const at = [...path, i];
    const tol = r.object(t, at, 'a toleration');
    r.knownFields(tol, KNOWN.toleration, at, 'a toleration');
    return {
      key: r.optString(tol, 'key', at) ?? '',
      operator: r.optString(tol, 'operator', at) ?? '',
      value: r.optString(tol, 'value', at) ?? '',
      effect: r.optString(tol, 'effect', at) ?? '',
      implicit: false,
    };
  });
  return [...own, ...DEFAULT_TOLERATIONS, ...(hostNetwork ? [HOST_NETWORK_TOLERATION] : [])];
}

/** `Toleration.ToleratesTaint` from k8s.io/api core/v1/toleration.go. */
export function tolerates(t: PodToleration, taint: NodeTaint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator === '' || t.operator === 'Equal') return t.value === taint.value;
  return false;
}

/**
 * The node's taints with effect NoSchedule or NoExecute that no toleration tolerates, in node order
 * (PreferNoSchedule never keeps a daemon away).
 */
export function untoleratedTaints(taints: readonly NodeTaint[], tolerations: readonly PodToleration[]): NodeTaint[] {
  const out: NodeTaint[] = [];
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some(t => tolerates(t, taint))) out.push(taint);
  }
  return out;
}
