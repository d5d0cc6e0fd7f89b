// Runs jest (never updating snapshots) and ends with the plain line CI reads: `tests: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

mkdirSync('.tmp', { recursive: true });
const report = '.tmp/jest-report.json';
if (existsSync(report)) rmSync(report);
// The fuzz properties (test/fuzz) run the fixed seed plus this one fresh seed, and record their counts here.
const tallies = '.tmp/fuzz-tallies';
rmSync(tallies, { recursive: true, force: true });
const freshSeed = process.env.FUZZ_FRESH_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`fuzz: fixed seed 20261123 and fresh seed ${freshSeed} (replay one with FUZZ_SEED=<seed>)`);
const env = { ...process.env, FUZZ_TALLY_DIR: tallies, FUZZ_FRESH_SEED: freshSeed };
const args = ['jest', '--ci', '--passWithNoTests=false', '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit', env });
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf-8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + json.numRuntimeErrorTestSuites;
} else {
  failed = 1;
}
// The differential fuzz of a full run: at least 20,000 configurations, at least 10,000 of them synthesized
// (a disagreement with the reference fails its property above).
if (existsSync(tallies) && process.env.FUZZ_RUNS === undefined && process.env.FUZZ_SEED === undefined) {
  const counts = readdirSync(tallies).map(f => JSON.parse(readFileSync(join(tallies, f), 'utf-8')));
  const total = counts.reduce((n, c) => n + c.total, 0);
  const synthesized = counts.reduce((n, c) => n + c.synthesized, 0);
  const ok = total >= 20000 && synthesized >= 10000;
  console.log(`fuzz: ${total} configurations in ${counts.length} properties, ${synthesized} synthesized (${Math.round((100 * synthesized) / Math.max(1, total))}%), 0 disagreements with the reference${ok ? '' : ' - FAILED: needs >= 20000 configurations and >= 10000 synthesized'}`);
  if (!ok) failed++;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
