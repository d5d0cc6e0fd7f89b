import { AdmittedPod } from './admission';
import { DaemonSpec } from './daemonset-parser';
import { selects, ServiceInfo } from './manifest-set';
import { NodeClass } from './node-classes';
import { ARCH_LABELS, NodeRoles, OS_LABELS } from './node-roles';
import { Skip } from './placement';
import { ResolvedPriority } from './priorities';
import { DaemonSetPlan, HostPortClash, PlanProblem, ProblemKind, ProblemSeverity, SkipReason } from './report';
import { RolloutResult } from './rollout-plan';

/** Everything the problem checks read. */
export interface ProblemContext {
  readonly daemons: readonly DaemonSpec[];
  readonly plans: readonly DaemonSetPlan[];
  readonly classes: readonly NodeClass[];
  readonly classSizes: readonly number[];
  /** outcome[class][daemon]: undefined when the daemon runs on the class's nodes. */
  readonly outcome: ReadonlyArray<ReadonlyArray<Skip | undefined>>;
  readonly hostPortClashes: readonly HostPortClash[];
  readonly rollouts: readonly RolloutResult[];
  readonly priorities: readonly ResolvedPriority[];
  readonly admitted: readonly AdmittedPod[];
  readonly services: readonly ServiceInfo[];
  readonly nodeCount: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const problem = (severity: ProblemSeverity) =>
  (kind: ProblemKind, message: string, daemonSet?: string): PlanProblem => ({ severity, kind, daemonSet, message });
const error = problem(ProblemSeverity.ERROR);
const warning = problem(ProblemSeverity.WARNING);

/** The problems of a plan, errors first, then in input order. */
export function findProblems(ctx: ProblemContext): PlanProblem[] {
  const out: PlanProblem[] = [];
  if (ctx.daemons.length === 0) out.push(error(ProblemKind.NO_DAEMON_SETS, 'the input holds no DaemonSet'));
  const seen = new Map<string, DaemonSpec>();
  ctx.daemons.forEach((d, i) => {
    const first = seen.get(d.id);
    if (first) out.push(error(ProblemKind.DUPLICATE_DAEMON_SET, `${d.id} is defined twice (${first.source}; ${d.source}): kubectl apply keeps only the last`, d.id));
    seen.set(d.id, d);
    out.push(...daemonProblems(ctx, d, ctx.plans[i], i));
  });
  out.push(...localServiceGaps(ctx));
  for (const clash of ctx.hostPortClashes) {
    const [a, b] = clash.daemonSets;
    out.push(error(ProblemKind.HOST_PORT_CLASH, `${a} (${clash.hostPorts[0]}) and ${b} (${clash.hostPorts[1]}) both take the host port on `
      + `${nodeList(clash.nodeNames)}: the second pod scheduled there stays Pending`));
  }
  return [...out.filter(p => p.severity === ProblemSeverity.ERROR), ...out.filter(p => p.severity !== ProblemSeverity.ERROR)];
}

function daemonProblems(ctx: ProblemContext, d: DaemonSpec, plan: DaemonSetPlan, i: number): PlanProblem[] {
  const out: PlanProblem[] = [];
  if (plan.desiredNumberScheduled === 0) {
    const reasons = [...plan.skips].sort((a, b) => b.nodeNames.length - a.nodeNames.length).slice(0, 3)
      .map(s => `${s.detail} (${plural(s.nodeNames.length, 'node')})`);
    out.push(error(ProblemKind.NO_NODES, `${d.id} lands on none of the ${plural(ctx.nodeCount, 'node')}${reasons.length ? `: ${reasons.join('; ')}` : ''}`, d.id));
  }
  if (!ctx.priorities[i].known) {
    out.push(error(ProblemKind.UNKNOWN_PRIORITY_CLASS, `${d.id}: priorityClassName "${d.priorityClassName}" is no PriorityClass of the input and no system class: `
      + `the API server rejects every pod ("no PriorityClass with name ${d.priorityClassName} was found")`, d.id));
  }
  out.push(...fitProblems(ctx, d, plan, i));
  const rollout = ctx.rollouts[i];
  for (const invalid of rollout.invalid) {
    out.push(error(ProblemKind.INVALID_UPDATE_STRATEGY, `${d.id}: the API server rejects the update strategy: ${invalid}`, d.id));
  }
  if (rollout.stalls) {
    const what = d.hostPorts.length ? `host ports ${d.hostPorts.map(p => p.text).join(', ')}` : 'hostNetwork';
    out.push(error(ProblemKind.SURGE_WITH_HOST_PORTS, `${d.id}: maxSurge ${rollout.plan.maxSurgeSetting} with ${what}: the surge pod cannot bind `
      + 'what the old pod holds on the same node, so the rollout stalls (kubernetes#106417); use maxUnavailable instead', d.id));
  }
  if (plan.desiredNumberScheduled > 0) out.push(...coverageProblems(ctx, d, i));
  return out;
}

/** Pods refused at admission, left Pending, or placed by evicting other pods; admission surprises. */
function fitProblems(ctx: ProblemContext, d: DaemonSpec, plan: DaemonSetPlan, i: number): PlanProblem[] {
  const out: PlanProblem[] = [];
  const fit = plan.fit;
  const admitted = ctx.admitted[i];
  if (admitted.rejection !== undefined && plan.desiredNumberScheduled > 0) {
    out.push(error(ProblemKind.REJECTED, `${d.id} gets no pod on ${plural(fit.rejected.length, 'node')}: the API server refuses it `
      + `(FailedCreate: ${admitted.rejection})`, d.id));
  }
  for (const w of admitted.notes.filter(n => !n.startsWith('LimitRange set'))) out.push(warning(ProblemKind.ADMISSION, `${d.id}: ${w}`, d.id));
  if (fit.pending.length) {
    const why = new Map<string, number>();
    for (const p of fit.pending) {
      const key = p.reason.split(', ').map(shortReason).join(', ');
      why.set(key, (why.get(key) ?? 0) + 1);
    }
    const causes = [...why].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const summary = causes.length === 1 ? causes[0][0] : causes.slice(0, 3).map(([k, n]) => `${k} on ${n}`).join(', ');
    const first = fit.pending[0];
    out.push(error(ProblemKind.PENDING, `${d.id} stays Pending on ${plural(fit.pending.length, 'node')} (${summary}), e.g. ${first.node}: `
      + `${first.reason}${first.detail ? ` (${first.detail})` : ''}; preemption: ${first.preemption}`, d.id));
  }
  if (fit.preempts.length) {
    const byNamespace = new Map<string, number>();
    let victims = 0;
    for (const p of fit.preempts) {
      for (const v of p.victims) {
        victims++;
        const ns = v.slice(0, v.indexOf('/'));
        byNamespace.set(ns, (byNamespace.get(ns) ?? 0) + 1);
      }
    }
    const top = [...byNamespace].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const where = top.length === 1 ? `all of them in namespace ${top[0][0]}`
      : top.slice(0, 3).map(([ns, n], k) => `${n} ${k === 0 ? 'of them ' : ''}in namespace ${ns}`).join(', ') + (top.length > 3 ? `, ${top.length - 3} more namespaces` : '');
    const grace = Math.max(...fit.preempts.map(p => p.gracePeriodSeconds));
    const pdb = fit.preempts.reduce((n, p) => n + p.pdbViolations, 0);
    out.push(warning(ProblemKind.PREEMPTS, `${d.id} preempts ${plural(victims, 'pod')} on ${plural(fit.preempts.length, 'node')}, ${where}`
      + `${pdb ? `; ${plural(pdb, 'victim')} against a PodDisruptionBudget` : ''}; it starts after the victims' grace period (up to ${grace}s)`, d.id));
  }
  return out;
}

/** `Insufficient memory` -> `memory`; the other reasons in a few words. */
function shortReason(reason: string): string {
  if (reason.startsWith('Insufficient ')) return reason.slice('Insufficient '.length);
  if (reason === 'Too many pods') return 'pod count';
  if (reason.includes('free ports')) return 'host port';
  if (reason.includes('affinity/selector')) return 'RuntimeClass nodeSelector';
  return reason;
}

/** Nodes of a kind the daemon misses or lands on, and Local Services with no endpoint on some nodes. */
function coverageProblems(ctx: ProblemContext, d: DaemonSpec, i: number): PlanProblem[] {
  const out: PlanProblem[] = [];
  const tally = (pick: (r: NodeRoles) => boolean, runs: boolean, only?: (s: Skip) => boolean) => {
    let total = 0;
    let hit = 0;
    const details = new Set<string>();
    let example: string | undefined;
    for (const c of ctx.classes) {
      if (!pick(c.roles)) continue;
      total += ctx.classSizes[c.id];
      const skip = ctx.outcome[c.id][i];
      if (runs ? skip !== undefined : skip === undefined || (only !== undefined && !only(skip))) continue;
      hit += ctx.classSizes[c.id];
      example = example ?? c.representative.name;
      if (skip) details.add(skip.detail);
    }
    return { total, hit, example, why: [...details].join('; ') };
  };
  // Missed because of the control-plane (or master) taint itself, not because the node is NotReady or the like.
  const cp = tally(r => r.controlPlane, false, s => s.reason === SkipReason.TAINT && s.detail.includes('node-role.kubernetes.io/'));
  if (cp.hit) {
    out.push(warning(ProblemKind.MISSES_CONTROL_PLANE, `${d.id} misses ${cp.hit} of ${plural(cp.total, 'control-plane node')} (${cp.why}): `
      + 'tolerate the taint if the daemon should run there', d.id));
  }
  const arm = tally(r => r.arm, false);
  if (arm.hit > 0 && arm.hit === arm.total && !ARCH_LABELS.some(k => d.constraints.constrains(k))) {
    out.push(warning(ProblemKind.MISSES_ARM_NODES, `${d.id} misses all ${plural(arm.total, 'ARM node')} (${arm.why}) `
      + 'although it selects no architecture', d.id));
  }
  const windows = tally(r => r.windows, true);
  if (windows.hit && !OS_LABELS.some(k => d.constraints.constrains(k))) {
    out.push(warning(ProblemKind.LANDS_ON_WINDOWS, `${d.id} runs on ${plural(windows.hit, 'Windows node')} (e.g. ${windows.example}) `
      + 'although it selects no operating system: Linux images hang in ContainerCreating there; select kubernetes.io/os=linux', d.id));
  }
  const virtual = tally(r => r.virtual, true);
  if (virtual.hit) {
    out.push(warning(ProblemKind.LANDS_ON_VIRTUAL_NODES, `${d.id} runs on ${plural(virtual.hit, 'virtual-kubelet node')} (e.g. ${virtual.example}), `
      + 'where a node agent has no node to work on', d.id));
  }
  return out;
}

/**
 * A Service with internalTrafficPolicy Local only answers a client from a daemon pod on the client's own
 * node: untainted nodes (where ordinary clients run) with none of the selected daemons get no answer.
 */
function localServiceGaps(ctx: ProblemContext): PlanProblem[] {
  const out: PlanProblem[] = [];
  for (const s of ctx.services) {
    if (s.internalTrafficPolicy !== 'Local') continue;
    const selected = ctx.daemons.filter(d => selects(s, d));
    if (!selected.length) continue;
    let missed = 0;
    let example: string | undefined;
    for (const c of ctx.classes) {
      if (!c.roles.untainted || selected.some(d => ctx.outcome[c.id][d.order] === undefined)) continue;
      missed += ctx.classSizes[c.id];
      example = example ?? c.representative.name;
    }
    if (missed) {
      out.push(warning(ProblemKind.LOCAL_SERVICE_GAP, `Service ${s.id} (internalTrafficPolicy: Local) has no endpoint on ${plural(missed, 'untainted node')} `
        + `(e.g. ${example}): ${selected.map(d => d.id).join(' and ')} ${selected.length > 1 ? 'miss' : 'misses'} them, and clients there get no answer`,
      selected.length === 1 ? selected[0].id : undefined));
    }
  }
  return out;
}

function nodeList(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.length} nodes (e.g. ${names[0]})`;
}
