// Validation benchmarks: the cold cost of the strict-schema check in a chart synth, and rule throughput.
// Baselines measured in the same run: synth with the schema check off, and ajv compiling the schema at
// run time instead of loading the precompiled standalone validator.
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { Testing } from 'cdk8s';
import { benchChart } from './fixtures/daemon-chart';
import { validateDocuments } from '../src/validation/manifest-validation';
import { strictSchemaViolations } from '../src/validation/schema/strict-schema';

const repo = join(__dirname, '..');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** One cold synth of bench/fixtures' chart of 10 daemons in a fresh process; returns the synth time in ms. */
function coldSynth(schema: boolean): number {
  const script = `
    const { Testing } = require('cdk8s');
    const { Validations } = require('./src');
    const { benchChart } = require('./bench/fixtures/daemon-chart');
    const chart = benchChart(Testing.app(), 10);
    Validations.configure(chart, { schema: ${schema} });
    const t = process.hrtime.bigint();
    chart.toJson();
    console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const out = execFileSync('npx', ['ts-node', '--transpile-only', '--project', 'tsconfig.json', '-e', script], { cwd: repo, encoding: 'utf-8' });
  return Number(out.trim().split('\n').pop());
}

function objectsForThroughput(count: number): any[] {
  const base = benchChart(Testing.app(), 10).toJson();
  // Copies of the chart's objects, one copy per namespace, as in an app with many teams' agents.
  return Array.from({ length: count }, (_, i) => {
    const o = JSON.parse(JSON.stringify(base[i % base.length]));
    o.metadata.namespace = `team-${Math.floor(i / base.length)}`;
    return o;
  });
}

const runs = 5;
const off = median(Array.from({ length: runs }, () => coldSynth(false)));
const on = median(Array.from({ length: runs }, () => coldSynth(true)));

const objects = objectsForThroughput(10_000);
let t = process.hrtime.bigint();
for (const o of objects) strictSchemaViolations(o);
const schemaSeconds = Number(process.hrtime.bigint() - t) / 1e9;
t = process.hrtime.bigint();
const findings = validateDocuments(objects.map((object, index) => ({ file: 'bench.yaml', index, object })));
const allSeconds = Number(process.hrtime.bigint() - t) / 1e9;

// Baseline: compile the DaemonSet schema with ajv at run time (what a non-precompiled check pays cold).
t = process.hrtime.bigint();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const schema = JSON.parse(readFileSync(join(repo, 'schemas/k8s-1.28-strict/daemonset-apps-v1.json'), 'utf-8'));
delete schema.$schema;
ajv.compile(schema);
const compileMs = Number(process.hrtime.bigint() - t) / 1e6;

console.log('| measurement | value | baseline | ratio |');
console.log('|---|---|---|---|');
console.log(`| cold synth of a chart of 10 daemons, schema check on (median of ${runs}) | ${on.toFixed(0)} ms | ${off.toFixed(0)} ms with it off | +${(on - off).toFixed(0)} ms (${(on / off).toFixed(2)}x) |`);
console.log(`| strict schema, 10,000 objects | ${(objects.length / schemaSeconds).toFixed(0)} objects/s | - | - |`);
console.log(`| every rule family + cross-object, 10,000 objects | ${(objects.length / allSeconds).toFixed(0)} objects/s (${findings.length} findings) | - | - |`);
console.log(`| DaemonSet validator ready: ajv runtime compile (baseline) vs precompiled load | ${compileMs.toFixed(0)} ms | see cold synth | - |`);
console.log(`peak RSS: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
