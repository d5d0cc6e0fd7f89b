import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { execute } from '../../src/cli/main';
import { Random, randomDaemonSets } from '../plan/random-cluster';

// The diff command on the committed example manifests (every kind the library renders) and random
// DaemonSets, each side mangled at a random path with random JSON: an answer (exit 0 or 1) or a one-line
// error naming the file (exit 2), never a crash; and any input diffed against itself changes nothing.

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_CLI_RUNS ?? 100);
const manifests = parseAllDocuments(readFileSync(join(__dirname, '..', '..', 'manifests', 'cluster-agents.k8s.yaml'), 'utf-8')).map(d => d.toJS());
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fuzz-diff-'));
  console.log(`diff fuzz: seed ${SEED}, ${RUNS} runs (FUZZ_SEED / FUZZ_CLI_RUNS)`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replaces or deletes one value at a random path of a random object. */
function mangle(objects: any[], r: Random, replacement: unknown): any[] {
  const copy = JSON.parse(JSON.stringify(objects));
  const slots: { parent: any; key: string | number }[] = [];
  const walk = (node: any) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      slots.push({ parent: node, key });
      walk(node[key]);
    }
  };
  walk(copy[r.int(0, copy.length - 1)]);
  if (!slots.length) return copy;
  const { parent, key } = slots[r.int(0, slots.length - 1)];
  if (r.chance(0.4) && !Array.isArray(parent)) delete parent[key];
  else parent[key] = replacement;
  return copy;
}

function run(argv: string[]): { exitCode: number; stdout: string } {
  const { exitCode, stdout, stderr } = execute(argv);
  expect([0, 1, 2]).toContain(exitCode);
  expect(stderr).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
  if (exitCode === 2) {
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^cdk8s-daemons: \S+\.(yaml|json): /);
  }
  return { exitCode, stdout };
}

test('mangled manifests give an answer or a one-line error; self-diffs are empty', () => {
  const outcomes = new Map<string, number>();
  const count = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('old', 'new', 'both'), (seed, junkA, junkB, side) => {
      const r = new Random(seed);
      const base = [...manifests, ...randomDaemonSets(r, 5)];
      const old = side === 'new' ? base : mangle(base, r, junkA);
      const now = side === 'old' ? base : mangle(base, r, junkB);
      // One side as a YAML stream, the other as a JSON array (the fast path of the reader).
      const oldFile = join(dir, 'old.yaml');
      const newFile = join(dir, 'new.json');
      writeFileSync(oldFile, old.map(o => stringify(o)).join('---\n'));
      writeFileSync(newFile, JSON.stringify(now));
      const result = run(['diff', '--format', 'json', '--fail-on', 'rejected', oldFile, newFile]);
      if (result.exitCode === 2) {
        count('bad input');
        return;
      }
      const changes = JSON.parse(result.stdout).changes as any[];
      for (const c of changes) count(c.change);
      if (!changes.length) count('no change');
      expect(result.exitCode).toBe(changes.some(c => c.change === 'rejected') ? 1 : 0);
      // The same input on both sides: nothing changes.
      const self = run(['diff', '--format', 'json', newFile, newFile]);
      if (self.exitCode === 0) expect(JSON.parse(self.stdout).changes).toEqual([]);
    }), { seed: SEED, numRuns: RUNS });
  // The mangling reaches every outcome: bad input, refused updates, rollouts, in-place updates.
  for (const k of ['bad input', 'rejected', 'rollout', 'updated']) expect([k, (outcomes.get(k) ?? 0) > 0]).toEqual([k, true]);
});
