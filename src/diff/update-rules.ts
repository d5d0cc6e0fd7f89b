import { ObjectIdentity } from './object-identity';
import { selectorMatches } from './selector-match';
import { serviceRejections } from './service-rules';
import { changedPaths, pathText } from './value-diff';
import { deleteCommand, wayOut } from './way-out';
import { isObject, JsonObject } from '../plan/fields';
import { planRollout } from '../plan/rollout-plan';

/** One reason the API server refuses an update. */
export interface Rejection {
  /** The fields at fault. */
  readonly paths: string[];
  /** The rule, as the API server words it, and the way out. */
  readonly reason: string;
}

/**
 * What the API server refuses when the object stored from `before` is updated to `after` (both in stored
 * form, update-rules.md sections 1 and 3-6). `afterRaw` is the new object as written, for the fields the
 * stored form drops.
 */
export function rejections(id: ObjectIdentity, before: JsonObject, after: JsonObject, afterRaw: JsonObject): Rejection[] {
  const key = `${id.group}/${id.kind}`;
  switch (key) {
    case 'apps/DaemonSet': return daemonSetRejections(id, before, after, afterRaw);
    case '/Service': return serviceRejections(id, before, after);
    case 'scheduling.k8s.io/PriorityClass': return priorityClassRejections(id, before, after);
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding': return bindingRejections(id, before, after);
    case '/ConfigMap':
    case '/Secret': return immutableDataRejections(id, before, after);
    default: return [];
  }
}

function spec(obj: JsonObject): JsonObject {
  return isObject(obj.spec) ? obj.spec : {};
}

function daemonSetRejections(id: ObjectIdentity, before: JsonObject, after: JsonObject, afterRaw: JsonObject): Rejection[] {
  const out: Rejection[] = [];
  const annotations = isObject(afterRaw.metadata) && isObject(afterRaw.metadata.annotations) ? afterRaw.metadata.annotations : {};
  // The stored value is always an integer, so a manifest with another value always sends it.
  const generation = annotations['deprecated.daemonset.template.generation'];
  if (generation !== undefined && !/^-?\d+$/.test(String(generation))) {
    out.push({
      paths: ['metadata.annotations["deprecated.daemonset.template.generation"]'],
      reason: `the API server cannot convert the annotation deprecated.daemonset.template.generation: ${JSON.stringify(generation)} (it must be an integer; the server owns it): leave it out of the manifest.`,
    });
  }
  const oldSelector = spec(before).selector;
  const newSelector = spec(after).selector;
  const selectorPaths = changedPaths(oldSelector, newSelector, ['spec', 'selector']).map(pathText);
  if (selectorPaths.length) {
    const template = isObject(spec(before).template) ? spec(before).template as JsonObject : {};
    const oldLabels = isObject(template.metadata) && isObject(template.metadata.labels) ? template.metadata.labels : {};
    const adopts = selectorMatches(newSelector, oldLabels);
    out.push({
      paths: selectorPaths,
      reason: `spec.selector: field is immutable. Way out: \`${deleteCommand(id, '--cascade=orphan')}\` before the sync, so the pods keep running without an owner; `
        + (adopts
          ? 'the new DaemonSet adopts them (its selector matches their labels) and replaces them per its updateStrategy. '
          : 'but the new selector does not match their labels, so they stay orphaned next to the new pods (delete them by hand; a host port they hold keeps the new pod Pending). ')
        + 'A new name instead: a pruning sync deletes the old DaemonSet and every node loses its pod at once.',
    });
  }
  // An unchanged object is not sent at all (kubectl apply finds nothing to patch), so it is not validated again.
  if (selectorPaths.length || changedPaths(before, after).length) out.push(...respecValidation(after));
  return out;
}

/**
 * The whole new spec is validated again on update (APPSV `ValidateDaemonSet`): the template labels must
 * match the (unchanged) selector, and the update strategy must be one the API server accepts (the
 * planner's strategy rules, kubernetes-rules.md section 1).
 */
function respecValidation(after: JsonObject): Rejection[] {
  const out: Rejection[] = [];
  const s = spec(after);
  const template = isObject(s.template) ? s.template : {};
  const labels = isObject(template.metadata) && isObject(template.metadata.labels) ? template.metadata.labels : {};
  if (isObject(s.selector) && !selectorMatches(s.selector, labels)) {
    out.push({
      paths: ['spec.template.metadata.labels'],
      reason: 'spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`: the template labels must keep matching the selector, which cannot change.',
    });
  }
  const strategy = isObject(s.updateStrategy) ? s.updateStrategy : {};
  const rolling = isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const budget = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? v : undefined);
  const { invalid } = planRollout({
    updateType: typeof strategy.type === 'string' ? strategy.type : 'RollingUpdate',
    maxUnavailable: budget(rolling.maxUnavailable),
    maxSurge: budget(rolling.maxSurge),
    minReadySeconds: 0,
    podReadySeconds: 0,
    usesHostPorts: false,
    hostNetwork: false,
  }, 1);
  for (const problem of invalid) out.push({ paths: ['spec.updateStrategy'], reason: `spec.updateStrategy: the API server rejects this strategy: ${problem}.` });
  return out;
}

function priorityClassRejections(id: ObjectIdentity, before: JsonObject, after: JsonObject): Rejection[] {
  const out: Rejection[] = [];
  if (before.value !== after.value) {
    out.push({ paths: ['value'], reason: `value: Forbidden: may not be changed in an update (${String(before.value)} -> ${String(after.value)}). ${wayOut(id)}` });
  }
  if (before.preemptionPolicy !== after.preemptionPolicy) {
    out.push({ paths: ['preemptionPolicy'], reason: `preemptionPolicy: field is immutable (${String(before.preemptionPolicy)} -> ${String(after.preemptionPolicy)}). ${wayOut(id)}` });
  }
  return out;
}

function bindingRejections(id: ObjectIdentity, before: JsonObject, after: JsonObject): Rejection[] {
  const paths = changedPaths(before.roleRef, after.roleRef, ['roleRef']).map(pathText);
  if (!paths.length) return [];
  const ref = (r: unknown) => (isObject(r) ? `${String(r.kind)} ${String(r.name)}` : 'none');
  return [{ paths, reason: `roleRef: cannot change roleRef (${ref(before.roleRef)} -> ${ref(after.roleRef)}). ${wayOut(id)}` }];
}

function immutableDataRejections(id: ObjectIdentity, before: JsonObject, after: JsonObject): Rejection[] {
  const out: Rejection[] = [];
  if (id.kind === 'Secret' && before.type !== after.type) {
    out.push({ paths: ['type'], reason: `type: field is immutable (${String(before.type)} -> ${String(after.type)}). ${wayOut(id)}` });
  }
  if (before.immutable !== true) return out;
  if (after.immutable !== true) {
    out.push({ paths: ['immutable'], reason: `immutable: Forbidden: field is immutable when \`immutable\` is set (it cannot be unset or set to false). ${wayOut(id)}` });
  }
  const dataKeys = id.kind === 'Secret' ? ['data'] : ['data', 'binaryData'];
  const paths = dataKeys.flatMap(k => changedPaths(before[k], after[k], [k])).map(pathText);
  if (paths.length) {
    out.push({ paths, reason: `data: Forbidden: field is immutable when \`immutable\` is set. ${wayOut(id)}` });
  }
  return out;
}
