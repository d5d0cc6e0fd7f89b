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
  /** How they were matched: the same pod spec, or (when names inside it changed too) the same containers and images. */
  readonly match: string;
}

interface Shape {
  readonly o: ManifestObject;
  readonly spec: unknown;
  readonly containers: string;
}

function shapeOf(o: ManifestObject): Shape {
  const spec = valueAt(storedForm(o.identity, o.object), ['spec', 'template', 'spec']);
  const list = valueAt(spec, ['containers']);
  const containers = Array.isArray(list) ? list.map(c => [valueAt(c, ['name']), valueAt(c, ['image'])]) : [];
  return { o, spec, containers: JSON.stringify(containers) };
}

/**
 * Pairs each deleted DaemonSet with a created one whose stored pod spec is the same (labels may differ:
 * they usually carry the name), or failing that one with the same containers and images (a rename
 * usually renames the ServiceAccount and ConfigMap the pod spec names, too). Each DaemonSet is in at
 * most one pair.
 */
export function findRenames(deleted: readonly ManifestObject[], created: readonly ManifestObject[]): Rename[] {
  const isDaemonSet = (o: ManifestObject) => o.identity.group === 'apps' && o.identity.kind === 'DaemonSet';
  const candidates = created.filter(isDaemonSet).map(shapeOf);
  const olds = deleted.filter(isDaemonSet).map(shapeOf);
  const taken = new Set<ManifestObject>();
  const out: Rename[] = [];
  const pair = (same: (a: Shape, b: Shape) => boolean, match: string) => {
    for (const from of olds) {
      if (taken.has(from.o)) continue;
      const to = candidates.find(c => !taken.has(c.o) && same(from, c));
      if (!to) continue;
      taken.add(from.o);
      taken.add(to.o);
      out.push({ from: from.o, to: to.o, match });
    }
  };
  pair((a, b) => changedPaths(a.spec, b.spec).length === 0, 'same pod spec');
  pair((a, b) => a.containers !== '[]' && a.containers === b.containers, 'same containers and images');
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
    from: `renamed to ${describeIdentity(r.to.identity)} (${r.match}): a pruning sync deletes this DaemonSet and its pods ${onNodes}: ${gap} Way out: keep the old name; or ${wayOut}`,
    to: `renamed from ${describeIdentity(r.from.identity)} (${r.match}): starts a pod ${onNodes} at once, not rolling, while the old DaemonSet's pods are deleted.`,
  };
}
