import { Errors, isSet, map, whole } from './findings';
import { checkPodTemplate } from './pod';
import { checkSelector, intOrPercent, isEmptySelector, selects } from './selectors';

// DaemonSet (kubernetes-rules.md §1) and Deployment (APPSV ValidateDeploymentSpec, the same template rules).

function nonNegative(e: Errors, v: unknown): void {
  if (isSet(v) && (!whole(v) || v < 0)) e.invalid('must be greater than or equal to 0');
}

function selectorAndTemplate(spec: any, e: Errors, kind: string): void {
  const selector = spec.selector;
  const labels = map(spec.template?.metadata?.labels);
  if (isSet(selector) && isEmptySelector(selector)) {
    e.at('spec.selector').invalid(`empty selector is invalid for ${kind}`);
  } else {
    const before = e.list.length;
    if (isSet(selector)) checkSelector(e.at('spec.selector'), selector);
    if (e.list.length === before && !selects(selector, labels)) e.at('spec.template.metadata.labels').invalid('`selector` does not match template `labels`');
  }
  checkPodTemplate(spec.template, e.at('spec.template'));
  const pod = map(spec.template?.spec);
  if (isSet(pod.restartPolicy) && pod.restartPolicy !== 'Always') e.at('spec.template.spec.restartPolicy').unsupported(['Always']);
  if (isSet(pod.activeDeadlineSeconds)) e.at('spec.template.spec.activeDeadlineSeconds').forbidden('activeDeadlineSeconds in DaemonSet is not Supported');
}

export function checkDaemonSet(ds: any, e: Errors): void {
  const spec = map(ds.spec);
  selectorAndTemplate(spec, e, 'daemonset');
  nonNegative(e.at('spec.minReadySeconds'), spec.minReadySeconds);
  nonNegative(e.at('spec.templateGeneration'), spec.templateGeneration);
  nonNegative(e.at('spec.revisionHistoryLimit'), spec.revisionHistoryLimit);
  const strategy = map(spec.updateStrategy);
  const type = strategy.type || 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'OnDelete') {
    e.at('spec.updateStrategy').unsupported(['RollingUpdate', 'OnDelete']);
    return;
  }
  if (type === 'OnDelete') return;
  // apps/v1 defaults: maxUnavailable 1, maxSurge 0.
  const ru = map(strategy.rollingUpdate);
  const at = e.at('spec.updateStrategy.rollingUpdate');
  const unavailableZero = isSet(ru.maxUnavailable) ? intOrPercent(at.at('maxUnavailable'), ru.maxUnavailable) : false;
  const surgeZero = isSet(ru.maxSurge) ? intOrPercent(at.at('maxSurge'), ru.maxSurge) : true;
  if (!unavailableZero && !surgeZero) at.at('maxSurge').invalid('may not be set when maxUnavailable is non-zero');
  if (unavailableZero && surgeZero) at.at('maxUnavailable').required('cannot be 0 when maxSurge is 0');
}

export function checkDeployment(d: any, e: Errors): void {
  const spec = map(d.spec);
  if (!isSet(spec.selector)) e.at('spec.selector').required();
  selectorAndTemplate(spec, e, 'deployment');
  for (const f of ['replicas', 'minReadySeconds', 'revisionHistoryLimit']) nonNegative(e.at(`spec.${f}`), spec[f]);
  if (whole(spec.progressDeadlineSeconds) && spec.progressDeadlineSeconds <= (whole(spec.minReadySeconds) ? spec.minReadySeconds : 0)) {
    e.at('spec.progressDeadlineSeconds').invalid('must be greater than minReadySeconds');
  }
  const strategy = map(spec.strategy);
  if (strategy.type === 'Recreate') {
    if (isSet(strategy.rollingUpdate)) e.at('spec.strategy.rollingUpdate').forbidden("may not be specified when strategy `type` is 'Recreate'");
    return;
  }
  if (isSet(strategy.type) && strategy.type !== 'RollingUpdate') {
    e.at('spec.strategy.type').unsupported(['Recreate', 'RollingUpdate']);
    return;
  }
  // apps/v1 defaults both budgets to 25%.
  const ru = map(strategy.rollingUpdate);
  const at = e.at('spec.strategy.rollingUpdate');
  const unavailableZero = isSet(ru.maxUnavailable) ? intOrPercent(at.at('maxUnavailable'), ru.maxUnavailable) : false;
  const surgeZero = isSet(ru.maxSurge) ? intOrPercent(at.at('maxSurge'), ru.maxSurge) : false;
  if (unavailableZero && surgeZero) at.at('maxUnavailable').invalid('may not be 0 when `maxSurge` is 0');
}
