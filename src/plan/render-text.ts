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
  out.push('', ...nodeSection(report));
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

function nodeSection(report: PlanReport): string[] {
  const use = (u: ResourceUse) => `${formatQuantity(u.requested, u.resource)}/${formatQuantity(u.allocatable, u.resource)} ${u.percent}%`;
  const row = (p: NodeProfile, first: string) => {
    const n = p.plan;
    const kind = [n.os, n.arch, n.controlPlane ? 'control-plane' : ''].filter(Boolean).join('/');
    return [first, kind, String(n.daemonSets.length), use(n.cpu), use(n.memory), use(n.pods),
      n.extended.map(use).map((s, i) => `${n.extended[i].resource} ${s}`).join(', ') || '-',
      n.pending.map(x => `${x.daemonSet} (${x.reason})`).join('; ') || '-'];
  };
  const header = ['Daemons', 'CPU requested', 'Memory requested', 'Pods', 'Other', 'Pending'];
  if (report.nodes.length <= PROFILE_THRESHOLD) {
    const rows = report.nodes.map(n => row({ plan: n, nodeNames: [n.name] }, n.name));
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
