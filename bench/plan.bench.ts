// Planner benchmarks: 1,500 / 15,000 / 65,000 nodes (from ../shared/nodes/make-inventory.mjs, seed 7) x 50
// DaemonSets (the 13 real ones of test/plan/fixtures/real-world plus 37 variants with selectors, affinity,
// tolerations, host ports and requests). Baseline: JSON.parse of the same inventory text.
// Measured, never asserted. Run with `npm run bench` (or `node bench/run.mjs plan`).
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { fiftyDaemonSets } from './fixtures/fifty-daemonsets';
import { DaemonPlanner, NodeInventory, PlanRenderer, PlanReport } from '../src/plan';

const repo = join(__dirname, '..');
const generator = process.env.PLAN_BENCH_GENERATOR ?? join(repo, '..', 'shared', 'nodes', 'make-inventory.mjs');
const cacheDir = join(repo, '.tmp', 'plan-bench');
const SIZES = (process.env.PLAN_BENCH_SIZES ?? '1500,15000,65000').split(',').map(Number);
const gc = (global as any).gc as (() => void) | undefined;

function inventoryFile(nodes: number): string {
  const file = join(cacheDir, `nodes-${nodes}-seed7.json`);
  if (!existsSync(file)) {
    if (!existsSync(generator)) throw new Error(`no inventory generator at ${generator} (set PLAN_BENCH_GENERATOR)`);
    mkdirSync(cacheDir, { recursive: true });
    execFileSync(process.execPath, [generator, '--nodes', String(nodes), '--seed', '7', '--out', file]);
  }
  return file;
}

function timed<T>(fn: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - t) / 1e6];
}

/** The fastest of `runs` runs (steady state, after JIT warm-up), and the first run, in ms; a collection before each. */
function best<T>(runs: number, fn: () => T): [T, number, number] {
  let result: [T, number] | undefined;
  let first = 0;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const r = timed(fn);
    if (i === 0) first = r[1];
    if (!result || r[1] < result[1]) result = r;
  }
  return [result![0], result![1], first];
}

interface Row {
  nodes: number;
  mb: number;
  read: number;
  parse: number;
  load: number;
  manifests: number;
  plan: number;
  planFirst: number;
  text: number;
  rssMb: number;
  problems: number;
}

const manifests = fiftyDaemonSets(repo);
const rows: Row[] = [];
for (const nodes of SIZES) {
  const file = inventoryFile(nodes);
  const runs = nodes >= 65_000 ? 3 : nodes >= 15_000 ? 6 : 12;
  let [text, read] = timed(() => readFileSync(file, 'utf-8'));
  const mb = Buffer.byteLength(text) / 2 ** 20;
  // The planner's own pipeline first, so peak RSS is measured before the JSON.parse baseline builds a full tree.
  const [inventory, load] = best(runs, () => NodeInventory.fromText(text, file));
  const [planner, manifestMs] = best(runs, () => new DaemonPlanner(inventory).addText(manifests, 'bench.json'));
  const [report, plan, planFirst] = best(runs, () => planner.plan()) as [PlanReport, number, number];
  const [, render] = best(runs, () => PlanRenderer.toText(report));
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const [, parseMs] = best(runs, () => JSON.parse(text).items.length);
  text = '';
  rows.push({ nodes, mb, read, parse: parseMs, load, manifests: manifestMs, plan, planFirst, text: render, rssMb, problems: report.problems.length });
  if (report.daemonSets.length !== 50 || report.nodeCount !== nodes) throw new Error('unexpected plan size');
}

const f = (n: number, d = 0) => n.toFixed(d);
console.log(`Best of several runs after JIT warm-up (plan's first, cold run in brackets); node ${process.version}, ${cpus().length} cores.\n`);
console.log('| nodes x DaemonSets | file MB | read | JSON.parse | load (parse + extract) | 50 manifests | plan (first run) | text render '
  + '| after read (load + manifests + plan) | plan / JSON.parse | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const afterRead = r.load + r.manifests + r.plan;
  console.log(`| ${r.nodes.toLocaleString('en')} x 50 | ${f(r.mb)} | ${f(r.read)} ms | ${f(r.parse)} ms | ${f(r.load)} ms | ${f(r.manifests)} ms | `
    + `${f(r.plan)} ms (${f(r.planFirst)} ms) | ${f(r.text)} ms | ${f(afterRead)} ms | ${f(r.plan / r.parse, 2)} | ${f(r.rssMb)} MiB |`);
}
console.log('\nScaling (ideal = the node ratio; the daemon count is fixed at 50):\n');
console.log('| step | nodes | plan | load | plan ns per node x daemon |');
console.log('|---|---|---|---|---|');
for (let i = 1; i < rows.length; i++) {
  const [a, b] = [rows[i - 1], rows[i]];
  console.log(`| ${a.nodes.toLocaleString('en')} -> ${b.nodes.toLocaleString('en')} | x${f(b.nodes / a.nodes, 2)} | x${f(b.plan / a.plan, 2)} | `
    + `x${f(b.load / a.load, 2)} | ${f((a.plan * 1e6) / (a.nodes * 50))} -> ${f((b.plan * 1e6) / (b.nodes * 50))} |`);
}
const at15k = rows.find(r => r.nodes === 15_000)!;
console.log(`\nTargets: 15,000 x 50 after read ${f(at15k.load + at15k.manifests + at15k.plan)} ms (< 1000 ms); `
  + `plan / JSON.parse ${rows.map(r => f(r.plan / r.parse, 2)).join(', ')} (<= 1); peak RSS at 65,000 ${f(rows[rows.length - 1].rssMb)} MiB (< 1024 MiB). `
  + 'Peak RSS is the process high-water mark after the planner pipeline of each size (before its JSON.parse baseline).');
