import { isObject } from '../plan/fields';

/** True when a LabelSelector (matchLabels and matchExpressions) selects an object with `labels`. */
export function selectorMatches(selector: unknown, labels: Record<string, unknown>): boolean {
  if (!isObject(selector)) return false;
  const matchLabels = isObject(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false; // selects nothing in a DaemonSet
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  return expressions.every((e: unknown) => {
    if (!isObject(e) || typeof e.key !== 'string') return false;
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In': return has && values.includes(labels[e.key]);
      case 'NotIn': return !has || !values.includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}
