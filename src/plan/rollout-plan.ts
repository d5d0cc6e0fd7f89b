import { RolloutPlan, UpdateStrategyType } from './report';

/** The inputs of a rollout plan, from the DaemonSet spec. */
export interface RolloutInput {
  readonly updateType: string;
  readonly maxUnavailable?: number | string;
  readonly maxSurge?: number | string;
  readonly minReadySeconds: number;
  readonly podReadySeconds: number;
  readonly usesHostPorts: boolean;
  readonly hostNetwork: boolean;
}

/** A rollout plan, plus the reasons the API server would reject the strategy. */
export interface RolloutResult {
  readonly plan: RolloutPlan;
  readonly invalid: string[];
  readonly stalls: boolean;
}

const PERCENT = /^[0-9]+%$/;

/** An IntOrString budget scaled to `n` nodes (DSU SurgeCount/UnavailableCount: percentages round up). */
export function scaleBudget(raw: number | string, n: number): { value: number; error?: string } {
  if (typeof raw === 'number') return raw >= 0 ? { value: raw } : { value: 0, error: 'must be greater than or equal to 0' };
  if (!PERCENT.test(raw)) return { value: 0, error: `"${raw}" is not an integer or a percentage like "10%"` };
  const p = Number(raw.slice(0, -1));
  const value = Math.ceil((p * n) / 100);
  return p > 100 ? { value, error: `"${raw}" must not be greater than 100%` } : { value };
}

function isZero(raw: number | string): boolean {
  return raw === 0 || (typeof raw === 'string' && PERCENT.test(raw) && Number(raw.slice(0, -1)) === 0);
}

/**
 * The rollout of a template change on `n` nodes (kubernetes-rules.md section 7): both budgets scaled
 * with round-up, maxUnavailable 1 when both are 0, waves = ceil(n / waveSize), and each wave taking at
 * least the pod's probe delays plus minReadySeconds.
 */
export function planRollout(input: RolloutInput, n: number): RolloutResult {
  const onDelete = input.updateType === 'OnDelete';
  const invalid: string[] = [];
  if (!onDelete && input.updateType !== 'RollingUpdate') {
    invalid.push(`updateStrategy.type "${input.updateType}" is not RollingUpdate or OnDelete`);
  }
  const rawUnavailable = input.maxUnavailable ?? 1;
  const rawSurge = input.maxSurge ?? 0;
  const unavailable = scaleBudget(rawUnavailable, n);
  const surge = scaleBudget(rawSurge, n);
  let maxUnavailable = unavailable.value;
  const maxSurge = surge.value;
  if (!onDelete) {
    if (unavailable.error) invalid.push(`maxUnavailable ${unavailable.error}`);
    if (surge.error) invalid.push(`maxSurge ${surge.error}`);
    if (!isZero(rawUnavailable) && !isZero(rawSurge)) {
      invalid.push('maxSurge may not be set when maxUnavailable is non-zero (maxUnavailable defaults to 1: set it to 0 to surge)');
    }
    if (isZero(rawUnavailable) && isZero(rawSurge)) invalid.push('maxUnavailable cannot be 0 when maxSurge is 0');
  }
  if (n > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const waveSize = onDelete ? 0 : maxSurge > 0 ? maxSurge : maxUnavailable;
  const waves = onDelete || n === 0 || waveSize === 0 ? 0 : Math.ceil(n / waveSize);
  const surging = !onDelete && !isZero(rawSurge);
  const stalls = surging && (input.usesHostPorts || input.hostNetwork);
  const warnings = invalid.map(i => `the API server rejects this strategy: ${i}`);
  if (stalls) {
    warnings.push(input.usesHostPorts
      ? 'maxSurge with host ports: the surge pod cannot bind the port the old pod holds and stays Pending, so the rollout stalls'
      : 'maxSurge with hostNetwork: the surge pod shares the node\'s network with the old pod and cannot bind its ports, so the rollout stalls');
  }
  if (onDelete) warnings.push('OnDelete: pods are replaced only when deleted (by hand or by a node drain)');
  return {
    invalid,
    stalls,
    plan: {
      strategy: onDelete ? UpdateStrategyType.ON_DELETE : UpdateStrategyType.ROLLING_UPDATE,
      maxUnavailableSetting: String(rawUnavailable),
      maxSurgeSetting: String(rawSurge),
      maxUnavailable,
      maxSurge,
      waveSize,
      waves,
      minReadySeconds: input.minReadySeconds,
      podReadySeconds: input.podReadySeconds,
      minimumDurationSeconds: waves * (input.podReadySeconds + input.minReadySeconds),
      warnings,
    },
  };
}
