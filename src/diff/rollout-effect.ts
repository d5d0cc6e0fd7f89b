import { ChangeType, RolloutImpact } from './object-change';
import { pathText, startsWith, valueAt } from './value-diff';
import { isObject, JsonObject } from '../plan/fields';
import { PathSegment } from '../plan/input-error';
import { DaemonSetPlan, UpdateStrategyType } from '../plan/report';

const TEMPLATE: PathSegment[] = ['spec', 'template'];
const NOT_ROLLING: PathSegment[][] = [['metadata'], ['spec', 'updateStrategy'], ['spec', 'minReadySeconds'], ['spec', 'revisionHistoryLimit']];

/** What an accepted DaemonSet update does to its pods. */
export interface DaemonSetEffect {
  readonly change: ChangeType;
  readonly reason: string;
  readonly rollout?: RolloutImpact;
}

/**
 * Any change of the stored pod template rolls every pod, per the new updateStrategy; other changes roll
 * nothing (update-rules.md section 2). `plan` is the planner's view of the new DaemonSet on the given nodes.
 */
export function daemonSetEffect(before: JsonObject, after: JsonObject, paths: readonly PathSegment[][], plan?: DaemonSetPlan): DaemonSetEffect {
  const templatePaths = paths.filter(p => startsWith(p, TEMPLATE));
  const strategy = strategyOf(after);
  if (templatePaths.length === 0) {
    const other = paths.filter(p => !NOT_ROLLING.some(prefix => startsWith(p, prefix)));
    const what = other.length ? 'the spec outside the pod template' : 'the DaemonSet\'s own metadata, updateStrategy, minReadySeconds or revisionHistoryLimit';
    let reason = `rolls nothing: only ${what} changed, and no pod is replaced.`;
    if (strategyOf(before).type === UpdateStrategyType.ON_DELETE && strategy.type === UpdateStrategyType.ROLLING_UPDATE) {
      reason += ' But OnDelete -> RollingUpdate: the controller now replaces every pod still on an older template, rolling.';
    }
    return { change: ChangeType.UPDATED, reason };
  }
  const configChanged = templatePaths.some(p => isChecksumAnnotation(p));
  const causes = describeCauses(before, after, templatePaths);
  const impact: RolloutImpact = plan
    ? {
      strategy: plan.rollout.strategy,
      configChanged,
      nodeCount: plan.desiredNumberScheduled,
      waves: plan.rollout.waves,
      minimumDurationSeconds: plan.rollout.minimumDurationSeconds,
    }
    : { strategy: strategy.type, configChanged };
  let how: string;
  if (strategy.type === UpdateStrategyType.ON_DELETE) {
    how = 'OnDelete: nothing rolls until pods are deleted (by hand or by a node drain); each replacement gets the new template.';
  } else {
    how = `every pod is replaced: RollingUpdate with maxUnavailable ${strategy.maxUnavailable}, maxSurge ${strategy.maxSurge}`;
    how += plan
      ? `, on ${plan.desiredNumberScheduled} nodes: ${plan.rollout.waves} waves of ${plan.rollout.waveSize}, ${plan.rollout.minimumDurationSeconds ? `at least ${duration(plan.rollout.minimumDurationSeconds)}` : 'no probe delay or minReadySeconds sets a least duration'}.`
      : ' (give --nodes for the waves and the duration).';
  }
  return { change: ChangeType.ROLLOUT, reason: `pod template changed (${causes.join('; ')}): ${how}`, rollout: impact };
}

function isChecksumAnnotation(p: readonly PathSegment[]): boolean {
  return startsWith(p, [...TEMPLATE, 'metadata', 'annotations']) && typeof p[4] === 'string' && p[4].startsWith('checksum/');
}

function describeCauses(before: JsonObject, after: JsonObject, paths: readonly PathSegment[][]): string[] {
  const causes: string[] = [];
  const checksums = paths.filter(isChecksumAnnotation).map(p => String(p[4]));
  if (checksums.length) causes.push(`config changed (${checksums.join(', ')})`);
  for (const p of paths) {
    if (isChecksumAnnotation(p)) continue;
    const container = /^(initContainers|containers|ephemeralContainers)$/.test(String(p[3])) && typeof p[4] === 'number' && p[0] === 'spec';
    if (container && p.length === 6 && p[5] === 'image') {
      const name = valueAt(after, [...p.slice(0, 5), 'name']) ?? valueAt(before, [...p.slice(0, 5), 'name']);
      causes.push(`image of container ${String(name)}: ${String(valueAt(before, p) ?? 'none')} -> ${String(valueAt(after, p) ?? 'none')}`);
    } else {
      causes.push(pathText(p));
    }
  }
  return causes;
}

function strategyOf(obj: JsonObject): { type: UpdateStrategyType; maxUnavailable: string; maxSurge: string } {
  const strategy = valueAt(obj, ['spec', 'updateStrategy']);
  const s = isObject(strategy) ? strategy : {};
  const rolling = isObject(s.rollingUpdate) ? s.rollingUpdate : {};
  return {
    type: s.type === 'OnDelete' ? UpdateStrategyType.ON_DELETE : UpdateStrategyType.ROLLING_UPDATE,
    maxUnavailable: String(rolling.maxUnavailable ?? 0),
    maxSurge: String(rolling.maxSurge ?? 0),
  };
}

/** 160 -> `2 min 40 s`. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const min = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (min < 60) return s ? `${min} min ${s} s` : `${min} min`;
  const h = Math.floor(min / 60);
  return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
}
