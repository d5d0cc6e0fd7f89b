// `cdk8s-daemons validate` (and `plan --nodes`) on big inputs, each run in a fresh process so that its
// time and peak memory are its own: 5,000 DaemonSets with distinct and with shared selectors (the
// cross-object rules grow with the groups, not the pairs), and a 15 MB YAML node inventory against the
// same nodes as JSON (the baseline, measured in the same run). Measured, never asserted.
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';

const repo = join(__dirname, '..');
const cacheDir = join(repo, '.tmp', 'validate-bench');
const generator = process.env.PLAN_BENCH_GENERATOR ?? join(repo, '..', 'shared', 'nodes', 'make-inventory.mjs');
const NODES = 6_300; // about 15 MB as kubectl get nodes -o yaml writes it
const DAEMONSETS = 5_000;

/** kubectl's block style: `- ` at the key's indent, YAML 1.1 quoting. */
const yaml = (value: unknown) => stringify(value, { version: '1.1', indentSeq: false, lineWidth: 0 });

function inventories(): { json: string; yaml: string } {
  mkdirSync(cacheDir, { recursive: true });
  const json = join(cacheDir, `nodes-${NODES}.json`);
  const yml = join(cacheDir, `nodes-${NODES}.yaml`);
  if (!existsSync(json)) execFileSync(process.execPath, [generator, '--nodes', String(NODES), '--seed', '7', '--out', json]);
  if (!existsSync(yml)) writeFileSync(yml, yaml(JSON.parse(readFileSync(json, 'utf-8'))));
  return { json, yaml: yml };
}

function daemonSet(i: number, selector: Record<string, string>): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: `agent-${i}`, namespace: 'agents', labels: { ...selector } },
    spec: {
      selector: { matchLabels: { ...selector } },
      template: {
        metadata: { labels: { ...selector } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          containers: [{ name: 'agent', image: `example.com/agent:1.${i % 10}`, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } } }],
        },
      },
    },
  };
}

function daemonSetFile(name: string, shared: boolean, format: 'yaml' | 'json'): string {
  const file = join(cacheDir, `${name}.${format}`);
  if (!existsSync(file)) {
    const items = Array.from({ length: DAEMONSETS }, (_, i) => daemonSet(i, shared ? { app: 'agent', tier: 'node' } : { app: `agent-${i}`, tier: 'node' }));
    writeFileSync(file, format === 'json' ? JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) : items.map(yaml).join('---\n'));
  }
  return file;
}

/** Runs one command line in a fresh process: its time (ms, the command alone), peak RSS (MiB) and a line of its output. */
function measure(argv: string[]): { ms: number; peakMiB: number; summary: string } {
  const script = `
    const { execute } = require('./src/cli/main');
    const t = process.hrtime.bigint();
    const r = execute(${JSON.stringify(argv)});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const out = (r.stdout + r.stderr).trim().split('\\n');
    console.log(JSON.stringify({ ms, peakMiB: process.resourceUsage().maxRSS / 1024, summary: (out.find(l => /^Plan:/.test(l)) ?? out[out.length - 1]).slice(0, 90), lines: out.length }));`;
  const out = execFileSync('npx', ['ts-node', '--transpile-only', '--project', 'tsconfig.json', '-e', script], { cwd: repo, encoding: 'utf-8', maxBuffer: 2 ** 30 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const mib = (file: string) => `${(statSync(file).size / 2 ** 20).toFixed(1)} MB`;
const inv = inventories();
const distinct = daemonSetFile('daemonsets-distinct', false, 'yaml');
const shared = daemonSetFile('daemonsets-shared', true, 'yaml');
const distinctJson = daemonSetFile('daemonsets-distinct', false, 'json');
const idle = measure(['--help']);

const rows: [string, string[], string?][] = [
  [`validate ${DAEMONSETS} DaemonSets, distinct selectors, JSON List (baseline)`, ['validate', '--no-best-practices', distinctJson]],
  [`validate ${DAEMONSETS} DaemonSets, distinct selectors, YAML (${mib(distinct)})`, ['validate', '--no-best-practices', distinct], 'baseline-ds'],
  [`validate ${DAEMONSETS} DaemonSets, one shared selector, YAML`, ['validate', '--no-best-practices', shared], 'baseline-ds'],
  [`validate ${NODES} nodes, JSON inventory (${mib(inv.json)}, baseline)`, ['validate', '--no-best-practices', inv.json]],
  [`validate ${NODES} nodes, YAML inventory (${mib(inv.yaml)})`, ['validate', '--no-best-practices', inv.yaml], 'baseline-nodes'],
  ['plan --nodes, JSON inventory (baseline)', ['plan', '--nodes', inv.json, distinctJson.replace('distinct', 'one')]],
  ['plan --nodes, YAML inventory', ['plan', '--nodes', inv.yaml, distinctJson.replace('distinct', 'one')], 'baseline-plan'],
];
writeFileSync(distinctJson.replace('distinct', 'one'), JSON.stringify(daemonSet(0, { app: 'one' })));

console.log('| measurement | time | peak RSS | vs baseline | last output line |');
console.log('|---|---|---|---|---|');
const baselines: Record<string, { ms: number; peakMiB: number }> = {};
rows.forEach(([title, argv, baseline]) => {
  const m = measure(argv);
  if (!baseline) baselines[argv[0] === 'plan' ? 'baseline-plan' : argv[argv.length - 1] === distinctJson ? 'baseline-ds' : 'baseline-nodes'] = m;
  const b = baseline ? baselines[baseline] : undefined;
  const ratio = b ? `${(m.ms / b.ms).toFixed(2)}x time, ${(m.peakMiB / b.peakMiB).toFixed(2)}x memory` : '-';
  console.log(`| ${title} | ${(m.ms / 1000).toFixed(2)} s | ${m.peakMiB.toFixed(0)} MiB | ${ratio} | ${m.summary.split(repo).join('.').replace(/\|/g, '\\|')} |`);
});
console.log(`\nA process that only prints --help peaks at ${idle.peakMiB.toFixed(0)} MiB (ts-node and the CLI's modules).`);
