// Busy-cluster planner benchmark: 1,500 / 15,000 / 65,000 nodes (make-inventory.mjs, seed 7) x 50
// DaemonSets x about 20 pods per node (300,000 pods at 15,000 nodes), the pods written as
// `kubectl get pods -A -o json` prints them. Each size is measured in its own process, so peak memory is
// its own; the baseline, JSON.parse of the pods file, runs in a process of its own too. Measured, never
// asserted. Run with `npm run bench` (or `node bench/run.mjs busy`).
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { writeBusyPods } from './fixtures/busy-pods';
import { fiftyDaemonSets } from './fixtures/fifty-daemonsets';
import { DaemonPlanner, NodeInventory, PlanReport } from '../src/plan';

const repo = join(__dirname, '..');
const generator = process.env.PLAN_BENCH_GENERATOR ?? join(repo, '..', 'shared', 'nodes', 'make-inventory.mjs');
const cacheDir = join(repo, '.tmp', 'plan-bench');
const SIZES = (process.env.PLAN_BUSY_SIZES ?? '1500,15000,65000').split(',').map(Number);
const PODS_PER_NODE = 20;
/** V8's longest string (0x1fffffe8 characters): a file longer than this cannot be read into one string. */
const MAX_STRING = 0x1fffffe8;
const gc = (global as any).gc as (() => void) | undefined;

interface Files { nodes: string; pods: string; compact?: string }

function files(nodes: number): Files {
  mkdirSync(cacheDir, { recursive: true });
  const inventory = join(cacheDir, `nodes-${nodes}-seed7.json`);
  if (!existsSync(inventory)) execFileSync(process.execPath, [generator, '--nodes', String(nodes), '--seed', '7', '--out', inventory]);
  const pods = join(cacheDir, `pods-${nodes}-seed7.json`);
  // The compact copy is only useful while it still fits in one string.
  const compact = nodes * PODS_PER_NODE * 1600 < MAX_STRING ? join(cacheDir, `pods-${nodes}-seed7.compact.json`) : undefined;
  if (!existsSync(pods) || (compact && !existsSync(compact))) {
    // Written under another name first, so an interrupted run leaves no half file behind for the next one.
    writeBusyPods(JSON.parse(readFileSync(inventory, 'utf-8')), `${pods}.partial`, PODS_PER_NODE, 7, compact && `${compact}.partial`);
    renameSync(`${pods}.partial`, pods);
    if (compact) renameSync(`${compact}.partial`, compact);
  }
  return { nodes: inventory, pods, compact };
}

function timed<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - t) / 1e6];
}

interface Measured {
  nodes: number;
  pods: number;
  load: number;
  manifests: number;
  podsRead: number;
  plan: number;
  planFirst: number;
  rssMiB: number;
  runs: number;
  preempts: number;
  victims: number;
  pending: number;
}

/** One size, in this (child) process. */
function measure(nodes: number, f: Files): Measured {
  const [inventory, load] = timed(() => NodeInventory.fromFile(f.nodes));
  const [planner, manifests] = timed(() => new DaemonPlanner(inventory).addText(fiftyDaemonSets(repo), 'bench.json'));
  const [, podsRead] = timed(() => planner.addPodsFile(f.pods));
  const [report, planFirst] = timed(() => planner.plan()) as [PlanReport, number];
  let plan = planFirst;
  for (let i = 0; i < (nodes >= 65_000 ? 1 : 3); i++) {
    gc?.();
    plan = Math.min(plan, timed(() => planner.plan())[1]);
  }
  const sum = (pick: (d: PlanReport['daemonSets'][number]) => number) => report.daemonSets.reduce((n, d) => n + pick(d), 0);
  return {
    nodes,
    pods: report.pods!.counted,
    load,
    manifests,
    podsRead,
    plan,
    planFirst,
    rssMiB: process.resourceUsage().maxRSS / 1024,
    runs: sum(d => d.fit.runs.length),
    preempts: sum(d => d.fit.preempts.length),
    victims: sum(d => d.fit.preempts.reduce((n, p) => n + p.victims.length, 0)),
    pending: sum(d => d.fit.pending.length),
  };
}

/** JSON.parse of a file in a process of its own: read and parse times and peak memory, or why it cannot. */
function jsonParseBaseline(file: string): { read: number; parse: number; rssMiB: number } | string {
  const script = `
    const fs = require('fs');
    let t = process.hrtime.bigint();
    let text;
    try { text = fs.readFileSync(${JSON.stringify(file)}, 'utf-8'); } catch (e) { console.log(JSON.stringify({ error: e.code || e.message })); process.exit(0); }
    const read = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    const n = JSON.parse(text).items.length;
    const parse = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(JSON.stringify({ read, parse, n, rssMiB: process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=12000', '-e', script], { encoding: 'utf-8', maxBuffer: 2 ** 20 });
  if (r.status !== 0) return `fails (${(r.stderr.trim().split('\n').find(l => /Error|heap/.test(l)) ?? `exit ${r.status}`).slice(0, 80)})`;
  const out = JSON.parse(r.stdout);
  return out.error ? `cannot read into a string (${out.error})` : out;
}

if (process.env.BUSY_BENCH_CHILD) {
  const nodes = Number(process.env.BUSY_BENCH_CHILD);
  console.log(JSON.stringify(measure(nodes, files(nodes))));
} else {
  const f = (n: number, d = 0) => n.toFixed(d);
  type Baseline = ReturnType<typeof jsonParseBaseline>;
  const rows: Array<{ m: Measured; mb: number; compactMb?: number; pretty: Baseline; compact?: Baseline }> = [];
  for (const nodes of SIZES) {
    const fl = files(nodes);
    const child = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', __filename], {
      encoding: 'utf-8', env: { ...process.env, BUSY_BENCH_CHILD: String(nodes) }, maxBuffer: 2 ** 20,
    });
    if (child.status !== 0) throw new Error(`the ${nodes}-node run failed: ${child.stderr.slice(-2000)}`);
    const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as Measured;
    rows.push({
      m,
      mb: statSync(fl.pods).size / 2 ** 20,
      compactMb: fl.compact ? statSync(fl.compact).size / 2 ** 20 : undefined,
      pretty: jsonParseBaseline(fl.pods),
      compact: fl.compact ? jsonParseBaseline(fl.compact) : undefined,
    });
  }
  const base = (b: ReturnType<typeof jsonParseBaseline> | undefined) => (b === undefined ? '-' : typeof b === 'string' ? b : `${f(b.read + b.parse)} ms (${f(b.rssMiB)} MiB)`);
  console.log(`Each size in its own process; plan is the best of several runs after the first (in brackets); node ${process.version}, ${cpus().length} cores.\n`);
  console.log('| nodes x DaemonSets x pods | pods file | read + extract pods (stream) | nodes load | plan (first) | peak RSS | '
    + 'JSON.parse baseline: kubectl file | the same pods compact | runs / preempts (victims) / pending |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const m = r.m;
    console.log(`| ${m.nodes.toLocaleString('en')} x 50 x ${m.pods.toLocaleString('en')} | ${f(r.mb)} MB${r.compactMb ? ` (compact ${f(r.compactMb)} MB)` : ''} | `
      + `${f(m.podsRead)} ms | ${f(m.load)} ms | ${f(m.plan)} ms (${f(m.planFirst)} ms) | ${f(m.rssMiB)} MiB | ${base(r.pretty)} | ${base(r.compact)} | `
      + `${m.runs.toLocaleString('en')} / ${m.preempts.toLocaleString('en')} (${m.victims.toLocaleString('en')}) / ${m.pending.toLocaleString('en')} |`);
  }
  console.log('\nScaling (ideal = the node ratio; pods grow with the nodes, the daemon count is fixed at 50):\n');
  console.log('| step | nodes | pods read | plan | ns per pod read | plan ns per node x daemon |');
  console.log('|---|---|---|---|---|---|');
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1].m, rows[i].m];
    console.log(`| ${a.nodes.toLocaleString('en')} -> ${b.nodes.toLocaleString('en')} | x${f(b.nodes / a.nodes, 2)} | x${f(b.podsRead / a.podsRead, 2)} | `
      + `x${f(b.plan / a.plan, 2)} | ${f((a.podsRead * 1e6) / a.pods)} -> ${f((b.podsRead * 1e6) / b.pods)} | `
      + `${f((a.plan * 1e6) / (a.nodes * 50))} -> ${f((b.plan * 1e6) / (b.nodes * 50))} |`);
  }
  const at15k = rows.find(r => r.m.nodes === 15_000);
  if (at15k) {
    const c = at15k.compact;
    const parse = c && typeof c !== 'string' ? ` JSON.parse of the same pods, compact: ${f(c.read + c.parse)} ms, ${f(c.rssMiB)} MiB.` : '';
    console.log(`\nTargets at 15,000 x 50 x ${at15k.m.pods.toLocaleString('en')}: plan ${f(at15k.m.plan)} ms after the files are read (< 2000 ms); `
      + `peak RSS ${f(at15k.m.rssMiB)} MiB (< 1536 MiB); the pods file read and extracted as a stream in ${f(at15k.m.podsRead)} ms.${parse}`);
  }
}
