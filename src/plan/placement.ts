import { DaemonSpec } from './daemonset-parser';
import { NodeTaint } from './node-parser';
import { ExistingPods, SkipReason } from './report';
import { untoleratedTaints } from './tolerations';

/** Why a daemon is not on a node, and what happens to a pod already there. */
export interface Skip {
  readonly reason: SkipReason;
  readonly detail: string;
  readonly existingPods: ExistingPods;
}

/**
 * DSC `NodeShouldRunDaemonPod` for one daemon and one node: undefined when the daemon runs there
 * (shouldRun), otherwise the skip. Checks run in the controller's order: the template's nodeName, then
 * nodeSelector and required node affinity (a miss deletes existing pods), then taints with effect
 * NoSchedule or NoExecute against the pod's tolerations plus the controller's defaults. When only
 * NoSchedule taints are untolerated an existing pod keeps running (shouldContinueRunning) as misscheduled;
 * any untolerated NoExecute taint evicts it.
 */
export function placeDaemon(ds: DaemonSpec, name: string, labels: Readonly<Record<string, string>>, taints: readonly NodeTaint[]): Skip | undefined {
  if (ds.nodeName !== undefined && ds.nodeName !== name) {
    return { reason: SkipReason.NODE_NAME, detail: `nodeName ${ds.nodeName}`, existingPods: ExistingPods.DELETED };
  }
  const miss = ds.constraints.miss(name, labels);
  if (miss) {
    const reason = miss.reason === 'NodeSelector' ? SkipReason.NODE_SELECTOR : SkipReason.NODE_AFFINITY;
    return { reason, detail: miss.detail, existingPods: ExistingPods.DELETED };
  }
  const untolerated = untoleratedTaints(taints, ds.tolerations);
  if (untolerated.length === 0) return undefined;
  const evicts = untolerated.some(t => t.effect === 'NoExecute');
  return {
    reason: SkipReason.TAINT,
    detail: `${untolerated.length > 1 ? 'taints' : 'taint'} ${untolerated.map(t => t.text).join(', ')}`,
    existingPods: evicts ? ExistingPods.EVICTED : ExistingPods.KEPT_MISSCHEDULED,
  };
}
