import { checkBudget, checkLabelSelector, selectorMatches } from './daemonset-rules';
import { isInt, ObjectRule, rule } from './violation';

// Deployments (pkg/apis/apps/validation ValidateDeploymentSpec, ValidateDeploymentStrategy,
// ValidateRollingUpdateDeployment); the pod template goes through the POD rules.

export const DEP001 = rule('DEP001', ['Deployment'], 'a non-empty selector that matches the template; restartPolicy Always; strategy Recreate or RollingUpdate with budgets not both 0; progressDeadlineSeconds above minReadySeconds',
  (d, sink) => {
    const spec = d.spec ?? {};
    const selector = spec.selector;
    const labels = spec.template?.metadata?.labels ?? {};
    if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
      sink.add('spec.selector', selector, 'empty selector is invalid for deployment', 'at least one matchLabels entry or matchExpression');
    } else {
      const before = sink.found.length;
      checkLabelSelector(sink, selector, 'spec.selector');
      if (sink.found.length === before && !selectorMatches(selector, labels)) {
        sink.add('spec.template.metadata.labels', labels, '`selector` does not match template `labels`', 'template labels that the selector selects');
      }
    }
    const restart = spec.template?.spec?.restartPolicy;
    if (restart !== undefined && restart !== '' && restart !== 'Always') sink.add('spec.template.spec.restartPolicy', restart, 'Unsupported value', '"Always"');
    if (spec.template?.spec?.activeDeadlineSeconds !== undefined && spec.template?.spec?.activeDeadlineSeconds !== null) {
      sink.add('spec.template.spec.activeDeadlineSeconds', spec.template.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in ReplicaSet is not Supported', 'no activeDeadlineSeconds');
    }
    for (const field of ['replicas', 'minReadySeconds', 'revisionHistoryLimit']) {
      const v = spec[field];
      if (v !== undefined && v !== null && (!isInt(v) || v < 0)) sink.add(`spec.${field}`, v, 'must be greater than or equal to 0', 'a whole number >= 0');
    }
    const deadline = spec.progressDeadlineSeconds;
    if (isInt(deadline) && deadline <= (isInt(spec.minReadySeconds) ? spec.minReadySeconds : 0)) {
      sink.add('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds', 'a deadline longer than minReadySeconds');
    }
    const strategy = spec.strategy;
    if (!strategy) return;
    if (strategy.type === 'Recreate') {
      if (strategy.rollingUpdate) sink.add('spec.strategy.rollingUpdate', strategy.rollingUpdate, "may not be specified when strategy `type` is 'Recreate'", 'no rollingUpdate with Recreate');
      return;
    }
    if (strategy.type !== undefined && strategy.type !== 'RollingUpdate') return;
    const ru = strategy.rollingUpdate ?? {};
    const base = 'spec.strategy.rollingUpdate';
    // apps/v1 defaults both to 25%.
    const unavailableZero = ru.maxUnavailable === undefined ? false : checkBudget(sink, ru.maxUnavailable, `${base}.maxUnavailable`);
    const surgeZero = ru.maxSurge === undefined ? false : checkBudget(sink, ru.maxSurge, `${base}.maxSurge`);
    if (unavailableZero && surgeZero) sink.add(`${base}.maxUnavailable`, ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0', 'maxUnavailable > 0, or maxSurge > 0');
  });

export const DEPLOYMENT_RULES: ObjectRule[] = [DEP001];
