import { NodeProfile, nodeProfiles, PROFILE_THRESHOLD } from './node-profiles';
import { formatQuantity } from './quantity';
import { DaemonSetPlan, ExistingPods, PlanReport, ResourceUse, UpdateStrategyType } from './report';
import { count, duration, someNames, textTable } from './text-table';

const FATE: Record<ExistingPods, string> = {
  [ExistingPods.KEPT_MISSCHEDULED]: 'a running pod stays, misscheduled',
  [ExistingPods.EVICTED]: 'a running pod is evicted',
  [ExistingPods.DELETED]: 'a running pod is deleted',
};

/** The plan as readable text: daemons, skipped nodes, per-node cost, clashes, rollouts, problems. */
export function renderText(report: PlanReport): string {
  const out: string[] = [];
  const errors = report.problems.filter(p => p.severity === 'error').length;
  out.push(`Plan: ${count(report.daemonSets.length, 'DaemonSet')} on ${count(report.nodeCount, 'node')} (${report.inventory}); `
    + `${count(errors, 'error')}, ${count(report.problems.length - errors, 'warning')}`);
  out.push('', ...daemonTable(report.daemonSets));
  out.push('', 'Skipped nodes', ...skipLines(report.daemonSets));
  out.push('', ...fitSection(report));
  out.push('', ...nodeSection(report));
  out.push('', ...costSection(report));
  if (report.hostPortClashes.length) {
    out.push('', 'Host port clashes');
    for (const c of report.hostPortClashes) {
      out.push(`  ${c.daemonSets[0]} (${c.hostPorts[0]}) and ${c.daemonSets[1]} (${c.hostPorts[1]}) on ${count(c.nodeNames.length, 'node')}: ${someNames(c.nodeNames)}`);
    }
  }
  out.push('', 'Rollouts', ...rolloutLines(report.daemonSets));
  out.push('', report.problems.length ? `Problems (${report.problems.length})` : 'Problems: none');
  for (const p of report.problems) out.push(`  ${p.severity.padEnd(7)} ${p.message}`);
  return out.join('\n') + '\n';
}

function daemonTable(daemons: readonly DaemonSetPlan[]): string[] {
  const rows = daemons.map(d => {
    const req = (r: string) => {
      const amount = d.requests.find(x => x.resource === r)?.amount ?? 0;
      return amount ? formatQuantity(amount, r) : '-';
    };
    const skipped = d.skips.reduce((n, s) => n + s.nodeNames.length, 0);
    return [d.id, String(d.desiredNumberScheduled), String(skipped), String(d.misscheduledNodeCount), String(d.evictedNodeCount),
      req('cpu'), req('memory'), d.hostPorts.join(',') || (d.hostNetwork ? 'hostNetwork' : '-'), d.priorityClassName ?? '-'];
  });
  return textTable(['DaemonSet', 'Desired', 'Skipped', 'Misscheduled', 'Evicted', 'CPU/pod', 'Memory/pod', 'Host ports', 'Priority class'], rows);
}

function skipLines(daemons: readonly DaemonSetPlan[]): string[] {
  const out: string[] = [];
  for (const d of daemons) {
    if (!d.skips.length) {
      out.push(`  ${d.id}: runs on every node`);
      continue;
    }
    out.push(`  ${d.id}:`);
    for (const s of d.skips) {
      out.push(`    ${s.detail}: ${count(s.nodeNames.length, 'node')} (${FATE[s.existingPods]}): ${someNames(s.nodeNames)}`);
    }
  }
  return out;
}

/** Per daemon: where its pod runs, preempts, stays Pending or is refused, with the victims. */
function fitSection(report: PlanReport): string[] {
  const pods = report.pods;
  const out = [pods
    ? `Scheduling on busy nodes (${pods.source}: ${count(pods.counted, 'pod')} counted, ${pods.nominated} nominated, ${pods.terminated} terminated left out, `
      + `${pods.replaced} of the planned DaemonSets replaced, ${pods.unscheduled} unscheduled, ${pods.onOtherNodes} on other nodes)`
    : 'Scheduling (no pod list: nodes are empty but for the daemons)'];
  const rows = report.daemonSets.map(d => {
    const victims = d.fit.preempts.reduce((n, p) => n + p.victims.length, 0);
    return [d.id, String(d.priority), d.preemptionPolicy === 'Never' ? 'never' : 'lower', String(d.fit.runs.length),
      d.fit.preempts.length ? `${d.fit.preempts.length} (${count(victims, 'victim')})` : '0', String(d.fit.pending.length), String(d.fit.rejected.length)];
  });
  out.push(...textTable(['DaemonSet', 'Priority', 'Preempts', 'Runs', 'Preempting', 'Pending', 'Rejected'], rows).map(l => `  ${l}`));
  for (const d of report.daemonSets) {
    const f = d.fit;
    if (f.rejected.length) out.push(`  ${d.id}: refused at admission on ${count(f.rejected.length, 'node')}: ${f.rejected[0].reason}`);
    const pending = new Map<string, { nodes: string[]; detail: string; preemption: string }>();
    for (const p of f.pending) {
      const key = `${p.reason}\u0000${p.preemption}`;
      const g = pending.get(key) ?? { nodes: [], detail: p.detail, preemption: p.preemption };
      g.nodes.push(p.node);
      pending.set(key, g);
    }
    for (const [key, g] of pending) {
      out.push(`  ${d.id}: Pending on ${count(g.nodes.length, 'node')}: ${key.split('\u0000')[0]}${g.detail ? ` (e.g. ${g.detail})` : ''}; `
        + `preemption: ${g.preemption}: ${someNames(g.nodes)}`);
    }
    for (const p of f.preempts.slice(0, 5)) {
      out.push(`  ${d.id}: preempts on ${p.node}: ${someNames(p.victims, 5)}${p.pdbViolations ? ` (${p.pdbViolations} against a PDB)` : ''}; `
        + `grace period ${p.gracePeriodSeconds}s`);
    }
    if (f.preempts.length > 5) out.push(`  ${d.id}: preempts on ${f.preempts.length - 5} more nodes (--format json lists every victim)`);
    for (const n of d.admissionNotes) out.push(`  ${d.id}: admission: ${n}`);
  }
  return out;
}

/** What the daemons that get a place reserve: the cluster, then each node class. */
function costSection(report: PlanReport): string[] {
  const rows = report.cost.map(c => [c.nodeClass, String(c.nodes), `${c.cpuCores} of ${c.allocatableCores}`, `${c.cpuPercent}%`,
    `${c.memoryGiB} of ${c.allocatableGiB}`, `${c.memoryPercent}%`]);
  return ['Reserved by the daemons (pods that run or preempt)',
    ...textTable(['Node class', 'Nodes', 'Cores', 'CPU share', 'GiB', 'Memory share'], rows).map(l => `  ${l}`)];
}

function nodeSection(report: PlanReport): string[] {
  const use = (u: ResourceUse) => `${formatQuantity(u.requested, u.resource)}/${formatQuantity(u.allocatable, u.resource)} ${u.percent}%`;
  const row = (p: NodeProfile, first: string) => {
    const n = p.plan;
    const kind = [n.os, n.arch, n.controlPlane ? 'control-plane' : ''].filter(Boolean).join('/');
    return [first, kind, String(n.daemonSets.length), use(n.cpu), use(n.memory), use(n.pods),
      n.extended.map(use).map((s, i) => `${n.extended[i].resource} ${s}`).join(', ') || '-',
      n.pending.map(x => `${x.daemonSet} (${x.reason})`).join('; ') || '-',
      n.preemptions.map(x => `${x.daemonSet} (${count(x.victims.length, 'victim')})`).join('; ') || '-',
      leftText(p)];
  };
  const header = ['Daemons', 'CPU requested', 'Memory requested', 'Pods', 'Other', 'Pending', 'Preempting', 'Left (cpu, memory, pods)'];
  if (report.nodes.length <= PROFILE_THRESHOLD) {
    const rows = report.nodes.map(n => row({ plan: n, nodeNames: [n.name], plans: [n] }, n.name));
    return [`Nodes (${report.nodes.length})`, ...textTable(['Node', 'Kind', ...header], rows)];
  }
  const profiles = nodeProfiles(report.nodes);
  const rows = profiles.map(p => row(p, `${p.nodeNames.length} x ${p.plan.name}`));
  return [`Nodes (${report.nodes.length} in ${count(profiles.length, 'profile')}: nodes with the same daemons and allocatable)`,
    ...textTable(['Nodes', 'Kind', ...header], rows)];
}

function rolloutLines(daemons: readonly DaemonSetPlan[]): string[] {
  const out: string[] = [];
  for (const d of daemons) {
    const r = d.rollout;
    if (r.strategy === UpdateStrategyType.ON_DELETE) {
      out.push(`  ${d.id}: OnDelete`);
    } else if (d.desiredNumberScheduled === 0) {
      out.push(`  ${d.id}: no nodes, nothing to roll out`);
    } else {
      const budget = r.maxSurge > 0
        ? `maxSurge ${r.maxSurgeSetting} -> ${r.maxSurge}`
        : `maxUnavailable ${r.maxUnavailableSetting} -> ${r.maxUnavailable}`;
      out.push(`  ${d.id}: ${budget} of ${count(d.desiredNumberScheduled, 'node')}; ${count(r.waves, 'wave')} of ${r.waveSize}; `
        + `each >= ${r.podReadySeconds + r.minReadySeconds}s (probes ${r.podReadySeconds}s + minReadySeconds ${r.minReadySeconds}s): `
        + `>= ${duration(r.minimumDurationSeconds)}`);
    }
    for (const w of r.warnings) out.push(`    ! ${w}`);
  }
  return out;
}

/** What is left on the node (or the range over a profile's nodes): `1.2 cpu, 3.4Gi, 40 pods`. */
function leftText(p: NodeProfile): string {
  const parts = ['cpu', 'memory', 'pods'].map(resource => {
    const amounts = p.plans.map(n => n.left.find(l => l.resource === resource)?.amount ?? 0);
    const lo = Math.min(...amounts);
    const hi = Math.max(...amounts);
    const f = (v: number) => formatQuantity(v, resource);
    return lo === hi ? f(lo) : `${f(lo)}..${f(hi)}`;
  });
  return `${parts[0]} cpu, ${parts[1]}, ${parts[2]} pods`;
}
