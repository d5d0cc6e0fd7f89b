import { checkLabelMap } from './metadata-rules';
import { labelValue, qualifiedName } from './names';
import { isInt, ObjectRule, rule, ViolationSink } from './violation';

const PERCENT = /^[0-9]+%$/;

/** ValidateLabelSelector: matchLabels and matchExpressions syntax. */
export function checkLabelSelector(sink: ViolationSink, selector: any, path: string): void {
  checkLabelMap(sink, selector?.matchLabels, `${path}.matchLabels`);
  (selector?.matchExpressions ?? []).forEach((expr: any, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values: unknown[] = expr.values ?? [];
    sink.check(`${p}.key`, expr.key, qualifiedName(String(expr.key ?? '')), "a label key '[prefix/]name'");
    values.forEach((v, j) => sink.check(`${p}.values[${j}]`, v, labelValue(String(v)), 'valid label values'));
    if (expr.operator === 'In' || expr.operator === 'NotIn') {
      if (values.length === 0) sink.add(`${p}.values`, expr.values, "must be specified when `operator` is 'In' or 'NotIn'", 'one or more values');
    } else if (expr.operator === 'Exists' || expr.operator === 'DoesNotExist') {
      if (values.length > 0) sink.add(`${p}.values`, expr.values, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", 'no values');
    } else {
      sink.add(`${p}.operator`, expr.operator, 'not a valid selector operator', 'In, NotIn, Exists or DoesNotExist');
    }
  });
}

/** True when a label selector (matchLabels + matchExpressions) selects the given labels. */
export function selectorMatches(selector: any, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector?.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const expr of selector?.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    const values: string[] = expr.values ?? [];
    switch (expr.operator) {
      case 'In': if (!has || !values.includes(labels[expr.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[expr.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

export const DS001 = rule('DS001', ['DaemonSet'], 'spec.selector is non-empty, well-formed, and matches the pod template labels',
  (ds, sink) => {
    const selector = ds.spec?.selector;
    const labels = ds.spec?.template?.metadata?.labels ?? {};
    if (!selector) {
      // A nil selector selects nothing, so it never matches the template.
      sink.add('spec.template.metadata.labels', labels, '`selector` does not match template `labels`', 'a spec.selector that selects the template labels');
      return;
    }
    if (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
      sink.add('spec.selector', selector, 'empty selector is invalid for daemonset', 'at least one matchLabels entry or matchExpression');
      return;
    }
    const before = sink.found.length;
    checkLabelSelector(sink, selector, 'spec.selector');
    // The API server compares labels only when the selector parses.
    if (sink.found.length === before && !selectorMatches(selector, labels)) {
      sink.add('spec.template.metadata.labels', labels, '`selector` does not match template `labels`', 'template labels that the selector selects');
    }
  });

export const DS002 = rule('DS002', ['DaemonSet'], 'pod template restartPolicy is Always and activeDeadlineSeconds is not set',
  (ds, sink) => {
    const spec = ds.spec?.template?.spec ?? {};
    // An empty value is defaulted to Always.
    if (spec.restartPolicy !== undefined && spec.restartPolicy !== '' && spec.restartPolicy !== 'Always') {
      sink.add('spec.template.spec.restartPolicy', spec.restartPolicy, 'Unsupported value', '"Always"');
    }
    if (spec.activeDeadlineSeconds !== undefined) {
      sink.add('spec.template.spec.activeDeadlineSeconds', spec.activeDeadlineSeconds, 'activeDeadlineSeconds in DaemonSet is not Supported', 'leave it unset');
    }
  });

export const DS003 = rule('DS003', ['DaemonSet'], 'minReadySeconds and revisionHistoryLimit are integers >= 0',
  (ds, sink) => {
    for (const field of ['minReadySeconds', 'revisionHistoryLimit']) {
      const value = ds.spec?.[field];
      if (value !== undefined && (!isInt(value) || value < 0)) {
        sink.add(`spec.${field}`, value, 'must be greater than or equal to 0', 'a whole number >= 0');
      }
    }
  });

export const DS004 = rule('DS004', ['DaemonSet'], 'updateStrategy.type is RollingUpdate or OnDelete',
  (ds, sink) => {
    const type = ds.spec?.updateStrategy?.type;
    // An empty type is defaulted to RollingUpdate.
    if (type !== undefined && type !== '' && type !== 'RollingUpdate' && type !== 'OnDelete') {
      sink.add('spec.updateStrategy', type, 'Unsupported value', '"RollingUpdate", "OnDelete"');
    }
  });

/** Resolves an int-or-percent field to "is it zero", after checking its syntax. */
export function checkBudget(sink: ViolationSink, value: unknown, path: string): boolean {
  if (value === undefined) return true;
  if (typeof value === 'number') {
    if (!isInt(value) || value < 0) sink.add(path, value, 'must be greater than or equal to 0', 'a whole number >= 0 or a percentage like "10%"');
    return value === 0;
  }
  if (typeof value === 'string') {
    if (!PERCENT.test(value)) {
      sink.add(path, value, "a valid percent string must be a numeric string followed by an ending '%'", 'a percentage like "1%" or "93%"');
      return false;
    }
    const pct = parseInt(value, 10);
    if (pct > 100) sink.add(path, value, 'must not be greater than 100%', 'a percentage from 0% to 100%');
    return pct === 0;
  }
  sink.add(path, value, 'must be an integer or a percentage string', 'a whole number >= 0 or a percentage like "10%"');
  return false;
}

export const DS005 = rule('DS005', ['DaemonSet'], 'rollingUpdate maxUnavailable/maxSurge are ints >= 0 or percentages <= 100%, and exactly one is non-zero',
  (ds, sink) => {
    const strategy = ds.spec?.updateStrategy;
    if (strategy?.type === 'OnDelete' || !strategy?.rollingUpdate) return;
    const ru = strategy.rollingUpdate;
    const base = 'spec.updateStrategy.rollingUpdate';
    // apps/v1 defaults maxUnavailable to 1 and maxSurge to 0 when unset.
    const unavailableZero = ru.maxUnavailable === undefined ? false : checkBudget(sink, ru.maxUnavailable, `${base}.maxUnavailable`);
    const surgeZero = checkBudget(sink, ru.maxSurge, `${base}.maxSurge`);
    if (!unavailableZero && !surgeZero) {
      sink.add(`${base}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero', 'maxUnavailable 0 with maxSurge > 0 (surge), or maxSurge 0');
    }
    if (unavailableZero && surgeZero) {
      sink.add(`${base}.maxUnavailable`, ru.maxUnavailable, 'cannot be 0 when maxSurge is 0', 'maxUnavailable > 0, or maxSurge > 0');
    }
  });

export const DAEMONSET_RULES: ObjectRule[] = [DS001, DS002, DS003, DS004, DS005];
