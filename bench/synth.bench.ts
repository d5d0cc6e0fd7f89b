// Synth performance: the same daemons (a third of each agent) built with this library, by hand with
// cdk8s-plus-28 plus JSON patches, and as raw ApiObjects from the finished JSON (the cdk8s floor).
// Each measurement is one `app.synth()` (construction, validation, YAML files) in a fresh process, so
// peak memory is its own.
import { execFileSync } from 'child_process';
import { join } from 'path';

const repo = join(__dirname, '..');

interface Measurement { readonly ms: number; readonly rssMiB: number; readonly objects: number }

function measure(way: 'library' | 'library-unchecked' | 'plus' | 'raw', charts: number, daemons: number): Measurement {
  const script = `
    const { App } = require('cdk8s');
    const w = require('./bench/fixtures/synth-workloads');
    const outdir = require('fs').mkdtempSync(require('os').tmpdir() + '/bench-synth-');
    const input = ${JSON.stringify(way)}.startsWith('library') ? undefined : w.finishedObjects(${charts}, ${daemons});
    global.gc && global.gc();
    const t = process.hrtime.bigint();
    const app = new App({ outdir });
    if (${JSON.stringify(way)} === 'library') w.buildWithLibrary(app, ${charts}, ${daemons});
    else if (${JSON.stringify(way)} === 'library-unchecked') w.buildWithLibrary(app, ${charts}, ${daemons}, false);
    else if (${JSON.stringify(way)} === 'plus') w.buildWithPlus(app, input);
    else w.buildRaw(app, input);
    app.synth();
    const objects = app.node.findAll().filter(c => require('cdk8s').ApiObject.isApiObject(c)).length;
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, objects }));`;
  const out = execFileSync('npx', ['ts-node', '--transpile-only', '--project', 'tsconfig.json', '-e', script], {
    cwd: repo, encoding: 'utf-8', env: { ...process.env, NODE_OPTIONS: '--expose-gc --max-old-space-size=8192' }, maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(runs: Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
}

const sizes: [number, number, number][] = [[3, 30, 3], [30, 300, 3], [30, 3000, 1]];
console.log('| daemons (charts) | objects | this library | library, validation off | cdk8s-plus-28 + patches | raw ApiObjects | library / plus | library / raw | validation off / plus | peak RSS library / plus / raw |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const libraryTimes: number[] = [];
for (const [charts, daemons, runs] of sizes) {
  const lib = median(Array.from({ length: runs }, () => measure('library', charts, daemons)));
  const unchecked = median(Array.from({ length: runs }, () => measure('library-unchecked', charts, daemons)));
  const plus = median(Array.from({ length: runs }, () => measure('plus', charts, daemons)));
  const raw = median(Array.from({ length: runs }, () => measure('raw', charts, daemons)));
  libraryTimes.push(lib.ms);
  console.log(`| ${daemons} (${charts}) | ${lib.objects} / ${plus.objects} / ${raw.objects} | ${lib.ms.toFixed(0)} ms | ${unchecked.ms.toFixed(0)} ms | ${plus.ms.toFixed(0)} ms | ${raw.ms.toFixed(0)} ms | ${(lib.ms / plus.ms).toFixed(2)} | ${(lib.ms / raw.ms).toFixed(2)} | ${(unchecked.ms / plus.ms).toFixed(2)} | ${lib.rssMiB.toFixed(0)} / ${plus.rssMiB.toFixed(0)} / ${raw.rssMiB.toFixed(0)} MiB |`);
}
console.log(`\nlibrary synth time growth: 30 -> 300 daemons x${(libraryTimes[1] / libraryTimes[0]).toFixed(1)}, 300 -> 3,000 x${(libraryTimes[2] / libraryTimes[1]).toFixed(1)}`);
