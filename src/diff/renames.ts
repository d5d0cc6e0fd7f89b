import { ManifestObject } from './manifest-objects';
import { describeIdentity } from './object-identity';
import { selectorMatches } from './selector-match';
import { storedForm } from './stored-form';
import { changedPaths, valueAt } from './value-diff';
import { deleteCommand } from './way-out';
import { isObject, JsonObject } from '../plan/fields';

/** A deleted and a created DaemonSet that run the same pods: one daemon under a new name. */
export interface Rename {
  readonly from: ManifestObject;
  readonly to: ManifestObject;
}

function podSpec(o: ManifestObject): unknown {
  return valueAt(storedForm(o.identity, o.object), ['spec', 'template', 'spec']);
}

/**
 * Pairs each deleted DaemonSet with the first created one whose stored pod spec is the same (labels
 * may differ: they usually carry the name). Each DaemonSet is in at most one pair.
 */
export function findRenames(deleted: readonly ManifestObject[], created: readonly ManifestObject[]): Rename[] {
  const isDaemonSet = (o: ManifestObject) => o.identity.group === 'apps' && o.identity.kind === 'DaemonSet';
  const candidates = created.filter(isDaemonSet).map(o => ({ o, spec: podSpec(o) }));
  const taken = new Set<ManifestObject>();
  const out: Rename[] = [];
  for (const from of deleted.filter(isDaemonSet)) {
    const spec = podSpec(from);
    const match = candidates.find(c => !taken.has(c.o) && changedPaths(spec, c.spec).length === 0);
    if (!match) continue;
    taken.add(match.o);
    out.push({ from, to: match.o });
  }
  return out;
}

function templateLabels(o: ManifestObject): Record<string, unknown> {
  const labels = valueAt(o.object, ['spec', 'template', 'metadata', 'labels']);
  return isObject(labels) ? labels : {};
}

/** Why a rename is not a rollout, and the way to make it one (update-rules.md sections 9 and 10). */
export function renameReasons(r: Rename, nodes?: number): { from: string; to: string } {
  const onNodes = nodes === undefined ? 'on every node' : `on every node (${nodes})`;
  const adopts = selectorMatches(valueAt(r.to.object, ['spec', 'selector']) as JsonObject, templateLabels(r.from));
  const orphan = `\`${deleteCommand(r.from.identity, '--cascade=orphan')}\` before the sync keeps the pods running`;
  const wayOut = adopts
    ? `${orphan}, and the new DaemonSet adopts them (its selector matches their labels) and replaces them rolling.`
    : `${orphan}, but the new selector does not match their labels: the new DaemonSet would not adopt them, so they would have to be deleted by hand.`;
  const gap = 'every node loses its pod at once, not rolling, while the new DaemonSet starts its own: a gap, or two pods per node (with one host port, the new pod stays Pending until the old one is gone).';
  return {
    from: `renamed to ${describeIdentity(r.to.identity)} (same pod spec): a pruning sync deletes this DaemonSet and its pods ${onNodes}: ${gap} Way out: keep the old name; or ${wayOut}`,
    to: `renamed from ${describeIdentity(r.from.identity)} (same pod spec): starts a pod ${onNodes} at once, not rolling, while the old DaemonSet's pods are deleted.`,
  };
}
