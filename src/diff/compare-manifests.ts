import { ManifestObject, ManifestObjects } from './manifest-objects';
import { ChangeType, ObjectChange } from './object-change';
import { identityKey, ObjectIdentity } from './object-identity';
import { findRenames, renameReasons } from './renames';
import { daemonSetEffect } from './rollout-effect';
import { carryAllocatedValues } from './service-rules';
import { storedForm } from './stored-form';
import { rejections } from './update-rules';
import { changedPaths, pathText } from './value-diff';
import { DaemonSetPlan, PlanReport } from '../plan/report';

/** The planner's view of each side, when a node inventory was given. */
export interface SidePlans {
  readonly before?: PlanReport;
  readonly after?: PlanReport;
}

/** Every changed object, and how many are unchanged. */
export interface Comparison {
  readonly changes: ObjectChange[];
  readonly unchanged: number;
}

const ORDER = [ChangeType.REJECTED, ChangeType.ROLLOUT, ChangeType.DELETED, ChangeType.CREATED, ChangeType.UPDATED];

const isDaemonSet = (id: ObjectIdentity) => id.group === 'apps' && id.kind === 'DaemonSet';

function planOf(report: PlanReport | undefined, id: ObjectIdentity): DaemonSetPlan | undefined {
  return report?.daemonSets.find(d => d.name === id.name && (d.namespace ?? 'default') === id.namespace);
}

function change(o: ManifestObject, type: ChangeType, paths: string[], reason: string, extra: Partial<ObjectChange> = {}): ObjectChange {
  const { group, kind, namespace, name } = o.identity;
  return { group, kind, ...(namespace === undefined ? {} : { namespace }), name, change: type, paths, reason, ...extra };
}

/** Compares two manifest sets object by object (matched by group, kind, namespace and name). */
export function compareManifests(before: ManifestObjects, after: ManifestObjects, plans: SidePlans = {}): Comparison {
  const changes: ObjectChange[] = [];
  const created: ManifestObject[] = [];
  let unchanged = 0;
  for (const now of after.objects) {
    const old = before.get(identityKey(now.identity));
    if (!old) {
      created.push(now);
      continue;
    }
    const updated = compareObject(old, now, plans.after);
    if (updated) changes.push(updated);
    else unchanged++;
  }
  const deleted = before.objects.filter(o => !after.get(identityKey(o.identity)));
  const renames = findRenames(deleted, created);
  for (const r of renames) {
    const reasons = renameReasons(r, planOf(plans.before, r.from.identity)?.desiredNumberScheduled);
    changes.push(change(r.from, ChangeType.DELETED, [], reasons.from));
    changes.push(change(r.to, ChangeType.CREATED, [], reasons.to));
  }
  const renamed = new Set(renames.flatMap(r => [r.from, r.to]));
  for (const o of deleted.filter(d => !renamed.has(d))) changes.push(change(o, ChangeType.DELETED, [], deletedReason(o, plans.before)));
  for (const o of created.filter(c => !renamed.has(c))) changes.push(change(o, ChangeType.CREATED, [], createdReason(o, plans.after)));
  changes.sort(byTypeThenIdentity);
  return { changes, unchanged };
}

function compareObject(old: ManifestObject, now: ManifestObject, plan: PlanReport | undefined): ObjectChange | undefined {
  const id = now.identity;
  const before = storedForm(id, old.object);
  const after = storedForm(id, now.object);
  if (id.group === '' && id.kind === 'Service') carryAllocatedValues(before, after);
  const segments = changedPaths(before, after);
  const refused = rejections(id, before, after, now.object);
  if (!segments.length && !refused.length) return undefined;
  const paths = segments.map(pathText);
  if (refused.length) {
    const at = [...new Set(refused.flatMap(r => r.paths))];
    return change(now, ChangeType.REJECTED, [...at, ...paths.filter(p => !at.includes(p))], refused.map(r => r.reason).join(' '));
  }
  if (isDaemonSet(id)) {
    const effect = daemonSetEffect(before, after, segments, planOf(plan, id));
    return change(now, effect.change, paths, effect.reason, effect.rollout ? { rollout: effect.rollout } : {});
  }
  return change(now, ChangeType.UPDATED, paths, updatedReason(id, paths));
}

function updatedReason(id: ObjectIdentity, paths: string[]): string {
  if ((id.kind === 'ConfigMap' || id.kind === 'Secret') && id.group === '' && paths.some(p => /^(data|binaryData)\b/.test(p))) {
    return `changes in place. A ${id.kind} change never rolls a DaemonSet: mounted copies are updated by the kubelet after a delay (subPath mounts never), env values stay old until the pods restart.`;
  }
  if (id.kind === 'PriorityClass') return 'changes in place; running pods keep the priority they were admitted with.';
  return 'changes in place.';
}

function deletedReason(o: ManifestObject, plan: PlanReport | undefined): string {
  const id = o.identity;
  const prune = 'a pruning sync (kubectl apply --prune, Argo CD Prune, Flux prune, a Helm upgrade) deletes it; plain kubectl apply leaves it in place';
  if (isDaemonSet(id)) {
    const nodes = planOf(plan, id)?.desiredNumberScheduled;
    return `daemon gone: ${prune}. Deleted, its pods are deleted on every node${nodes === undefined ? '' : ` (${nodes})`} at once, not rolling.`;
  }
  if (id.group === '' && id.kind === 'Namespace') return `${prune}. Deleting a Namespace deletes every object in it, DaemonSets and their pods included.`;
  return `${prune}.`;
}

function createdReason(o: ManifestObject, plan: PlanReport | undefined): string {
  if (!isDaemonSet(o.identity)) return 'new object.';
  const nodes = planOf(plan, o.identity)?.desiredNumberScheduled;
  return `new DaemonSet: starts a pod on every eligible node${nodes === undefined ? '' : ` (${nodes})`} at once, not rolling.`;
}

function key(c: ObjectChange): string {
  return `${c.group}\u0000${c.kind}\u0000${c.namespace ?? ''}\u0000${c.name}`;
}

function byTypeThenIdentity(a: ObjectChange, b: ObjectChange): number {
  const order = ORDER.indexOf(a.change) - ORDER.indexOf(b.change);
  if (order) return order;
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

