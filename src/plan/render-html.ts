import { NodeProfile, nodeProfiles, PROFILE_THRESHOLD } from './node-profiles';
import { formatQuantity } from './quantity';
import { ExistingPods, PlanReport, ResourceUse } from './report';
import { duration } from './text-table';

/** One cell of the coverage matrix. */
type CellState = 'runs' | 'preempts' | 'pending' | 'rejected' | 'misscheduled' | 'evicted' | 'excluded';

const CELL: Record<CellState, { mark: string; label: string }> = {
  runs: { mark: '&#9679;', label: 'runs' },
  preempts: { mark: '&#9650;', label: 'runs by preempting pods there' },
  pending: { mark: '!', label: 'lands but does not fit: Pending' },
  rejected: { mark: '&#8856;', label: 'refused at admission: no pod (FailedCreate)' },
  misscheduled: { mark: '&#9675;', label: 'skipped (NoSchedule taint): a running pod stays, misscheduled' },
  evicted: { mark: '&#215;', label: 'skipped (NoExecute taint): a running pod is evicted' },
  excluded: { mark: '&#183;', label: 'skipped (nodeName, nodeSelector or affinity)' },
};

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2530;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
table{border-collapse:collapse}th,td{padding:3px 8px;border-bottom:1px solid #e3e7ee;text-align:left;white-space:nowrap}
td.num{text-align:right}.matrix td{text-align:center;font-weight:bold;width:22px}
.matrix thead th.ds{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;max-height:220px}
.runs{background:#cdebd3;color:#1c6b33}.pending{background:#f6c4c0;color:#9b1c12}.preempts{background:#fbd3a6;color:#8a4200}
.rejected{background:#3d2b2b;color:#fff}.misscheduled{background:#fbeab2;color:#7a5b00}
.evicted{background:#e4d4f4;color:#5b2a86}.excluded{background:#f1f3f6;color:#9aa3af}
li.error{color:#9b1c12}li.warning{color:#7a5b00}
.bars{display:grid;grid-template-columns:max-content 1fr 1fr 1fr;gap:4px 14px;align-items:center}
.bar{position:relative;height:16px;background:#eef1f5;border-radius:3px;min-width:160px}
.fill{position:absolute;left:0;top:0;bottom:0;border-radius:3px;background:#3b82c4}.fill.over{background:#d2412f}
.bar span{position:relative;padding-left:6px;font-size:12px}.legend span{margin-right:14px;padding:1px 6px}
`;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A self-contained HTML page: problems, a table of daemons, a node-by-daemon coverage matrix and
 * per-node overhead bars. Every number sits in a `data-*` attribute, so the page can be checked
 * against the JSON report. Large clusters are shown as node profiles (nodes that plan alike).
 */
export function renderHtml(report: PlanReport): string {
  const errors = report.problems.filter(p => p.severity === 'error').length;
  const rows = report.nodes.length <= PROFILE_THRESHOLD
    ? report.nodes.map(n => ({ plan: n, nodeNames: [n.name], plans: [n] }))
    : nodeProfiles(report.nodes);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>DaemonSet plan: ${esc(report.inventory)}</title><style>${STYLE}</style></head>
<body>
<h1>DaemonSet plan</h1>
<p id="summary" data-node-count="${report.nodeCount}" data-daemonset-count="${report.daemonSets.length}" data-problem-count="${report.problems.length}" data-error-count="${errors}">
${report.daemonSets.length} DaemonSets on ${report.nodeCount} nodes from <code>${esc(report.inventory)}</code>: ${errors} errors, ${report.problems.length - errors} warnings.</p>
${problemList(report)}
${daemonTable(report)}
${matrix(report, rows)}
${preemptionList(report)}
${costTable(report)}
${bars(rows)}
</body></html>
`;
}

function problemList(report: PlanReport): string {
  if (!report.problems.length) return '<h2>Problems</h2><p id="problems">None.</p>';
  const items = report.problems.map(p => `<li class="${p.severity}" data-kind="${p.kind}"${p.daemonSet ? ` data-daemonset="${esc(p.daemonSet)}"` : ''}>`
    + `<b>${p.severity}</b> ${esc(p.message)}</li>`);
  return `<h2>Problems</h2><ul id="problems">${items.join('\n')}</ul>`;
}

function daemonTable(report: PlanReport): string {
  const rows = report.daemonSets.map(d => {
    const r = d.rollout;
    const skipped = d.skips.reduce((n, s) => n + s.nodeNames.length, 0);
    return `<tr data-daemonset="${esc(d.id)}" data-desired="${d.desiredNumberScheduled}" data-skipped="${skipped}" `
      + `data-misscheduled="${d.misscheduledNodeCount}" data-evicted="${d.evictedNodeCount}" data-waves="${r.waves}" `
      + `data-max-unavailable="${r.maxUnavailable}" data-max-surge="${r.maxSurge}" data-min-duration="${r.minimumDurationSeconds}">`
      + `<td>${esc(d.id)}</td><td class="num">${d.desiredNumberScheduled}</td><td class="num">${skipped}</td>`
      + `<td class="num">${d.misscheduledNodeCount}</td><td class="num">${d.evictedNodeCount}</td>`
      + `<td>${esc(d.hostPorts.join(', ') || (d.hostNetwork ? 'hostNetwork' : '-'))}</td>`
      + `<td>${r.strategy === 'OnDelete' ? 'OnDelete' : `${r.waves} waves of ${r.waveSize}, &ge; ${duration(r.minimumDurationSeconds)}`}</td></tr>`;
  });
  return '<h2>DaemonSets</h2><table id="daemonsets"><thead><tr><th>DaemonSet</th><th>Desired</th><th>Skipped</th><th>Misscheduled</th>'
    + `<th>Evicted</th><th>Host ports</th><th>Rollout</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** The state of every daemon on the nodes shown (one per row). */
function cellStates(report: PlanReport, shown: ReadonlySet<string>): Map<string, CellState>[] {
  return report.daemonSets.map(d => {
    const states = new Map<string, CellState>();
    const mark = (names: readonly string[], state: CellState) => {
      for (const n of names) if (shown.has(n)) states.set(n, state);
    };
    mark(d.nodeNames, 'runs');
    for (const s of d.skips) {
      mark(s.nodeNames, s.existingPods === ExistingPods.KEPT_MISSCHEDULED ? 'misscheduled'
        : s.existingPods === ExistingPods.EVICTED ? 'evicted' : 'excluded');
    }
    return states;
  });
}

function matrix(report: PlanReport, rows: readonly NodeProfile[]): string {
  const states = cellStates(report, new Set(rows.map(p => p.plan.name)));
  const head = report.daemonSets.map(d => `<th class="ds" data-daemonset="${esc(d.id)}" title="${esc(d.id)}">${esc(d.name)}</th>`).join('');
  const body = rows.map(p => {
    const n = p.plan;
    const pending = new Set(n.pending.map(x => x.daemonSet));
    const preempting = new Set(n.preemptions.map(x => x.daemonSet));
    const cells = report.daemonSets.map((d, i) => {
      let state = states[i].get(n.name) ?? 'excluded';
      if (state === 'runs' && d.fit.rejected.length) state = 'rejected';
      else if (state === 'runs' && pending.has(d.id)) state = 'pending';
      else if (state === 'runs' && preempting.has(d.id)) state = 'preempts';
      return `<td class="${state}" data-daemonset="${esc(d.id)}" data-state="${state}" title="${esc(`${d.id} on ${n.name}: ${CELL[state].label}`)}">${CELL[state].mark}</td>`;
    }).join('');
    const label = p.nodeNames.length > 1 ? `${p.nodeNames.length} &#215; ${esc(n.name)}` : esc(n.name);
    return `<tr data-node="${esc(n.name)}" data-nodes="${p.nodeNames.length}" data-daemon-count="${n.daemonSets.length}"><th>${label}</th>${cells}</tr>`;
  });
  const legend = (Object.keys(CELL) as CellState[]).map(s => `<span class="${s}">${CELL[s].mark} ${CELL[s].label}</span>`).join('');
  const what = rows.length === report.nodes.length ? 'one row per node' : `one row per node profile (${rows.length} profiles of ${report.nodes.length} nodes)`;
  return `<h2>Coverage</h2><p class="legend">${legend}</p><p>${what}</p>`
    + `<table id="coverage" class="matrix"><thead><tr><th>Node</th>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

const MAX_PREEMPTION_ROWS = 500;

/** Every node where a daemon preempts, with its victims (the first MAX_PREEMPTION_ROWS rows; the JSON has all). */
function preemptionList(report: PlanReport): string {
  const rows: string[] = [];
  let total = 0;
  for (const d of report.daemonSets) {
    for (const p of d.fit.preempts) {
      total++;
      if (rows.length >= MAX_PREEMPTION_ROWS) continue;
      rows.push(`<tr data-daemonset="${esc(d.id)}" data-node="${esc(p.node)}" data-victims="${esc(p.victims.join(' '))}" data-grace="${p.gracePeriodSeconds}">`
        + `<td>${esc(d.id)}</td><td>${esc(p.node)}</td><td>${esc(p.victims.join(', '))}</td><td class="num">${p.gracePeriodSeconds}s</td></tr>`);
    }
  }
  if (!total) return '<h2>Preemptions</h2><p id="preemptions">No daemon pod preempts.</p>';
  const more = total > rows.length ? `<p>The first ${rows.length} of ${total} preemptions; the JSON report lists all.</p>` : '';
  return `<h2>Preemptions</h2>${more}<table id="preemptions"><thead><tr><th>DaemonSet</th><th>Node</th><th>Victims</th><th>Grace period</th></tr></thead>`
    + `<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** What the daemons reserve, for the cluster and each node class. */
function costTable(report: PlanReport): string {
  const rows = report.cost.map(c => `<tr data-node-class="${esc(c.nodeClass)}" data-nodes="${c.nodes}" data-cores="${c.cpuCores}" data-gib="${c.memoryGiB}" `
    + `data-cpu-percent="${c.cpuPercent}" data-memory-percent="${c.memoryPercent}"><td>${esc(c.nodeClass)}</td><td class="num">${c.nodes}</td>`
    + `<td class="num">${c.cpuCores} / ${c.allocatableCores}</td><td class="num">${c.cpuPercent}%</td>`
    + `<td class="num">${c.memoryGiB} / ${c.allocatableGiB}</td><td class="num">${c.memoryPercent}%</td></tr>`);
  return '<h2>Reserved by the daemons</h2><table id="cost"><thead><tr><th>Node class</th><th>Nodes</th><th>Cores</th><th>CPU share</th>'
    + `<th>GiB</th><th>Memory share</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function bar(u: ResourceUse): string {
  const width = Math.min(u.percent, 100);
  const text = `${formatQuantity(u.requested, u.resource)} / ${formatQuantity(u.allocatable, u.resource)} (${u.percent}%)`;
  return `<div class="bar" data-resource="${esc(u.resource)}" data-requested="${u.requested}" data-allocatable="${u.allocatable}" data-percent="${u.percent}" `
    + `title="${esc(`${u.resource}: ${text}`)}"><div class="fill${u.percent > 100 ? ' over' : ''}" style="width:${width}%"></div><span>${u.resource} ${esc(text)}</span></div>`;
}

function bars(rows: readonly NodeProfile[]): string {
  const body = rows.map(p => {
    const n = p.plan;
    const label = p.nodeNames.length > 1 ? `${p.nodeNames.length} &#215; ${esc(n.name)}` : esc(n.name);
    return `<div class="node" data-node="${esc(n.name)}">${label}</div>${bar(n.cpu)}${bar(n.memory)}${bar(n.pods)}`;
  });
  return '<h2>Overhead per node</h2><p>What all daemons landing on a node request, against its allocatable resources.</p>'
    + `<div id="overhead" class="bars">\n${body.join('\n')}\n</div>`;
}
