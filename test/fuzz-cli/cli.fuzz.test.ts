import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { execute } from '../../src/cli/main';
import { Random, randomDaemonSets, randomNodes } from '../plan/random-cluster';

// The planner and the validate CLI on random node inventories and random or mangled YAML/JSON: a clear
// answer (exit 0 or 1) or a clear one-line error (exit 2), never a crash, a stack trace or an internal error.

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_CLI_RUNS ?? 300);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
  console.log(`cli fuzz: seed ${SEED}, ${RUNS} runs per property (FUZZ_SEED / FUZZ_CLI_RUNS)`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A JSON path mutation: replace, delete or retype one value somewhere in the document. */
function mangle(doc: any, r: Random, replacement: unknown): any {
  const copy = JSON.parse(JSON.stringify(doc));
  const containers: { parent: any; key: string | number }[] = [];
  const walk = (node: any) => {
    if (node === null || typeof node !== 'object') return;
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      containers.push({ parent: node, key });
      walk(node[key]);
    }
  };
  walk(copy);
  if (!containers.length) return replacement;
  const { parent, key } = containers[r.int(0, containers.length - 1)];
  if (r.chance(0.5) && !Array.isArray(parent)) delete parent[key];
  else parent[key] = replacement;
  return copy;
}

function expectCleanOutcome(argv: string[]): void {
  const { exitCode, stderr } = execute(argv);
  expect([0, 1, 2]).toContain(exitCode);
  expect(stderr).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
  if (exitCode === 2) {
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^cdk8s-daemons: /);
  }
}

const outcomes = { plan: new Map<number, number>(), validate: new Map<number, number>() };

test('plan: random and mangled inventories and DaemonSets give an answer or a one-line error', () => {
  const junk = fc.jsonValue({ maxDepth: 2 });
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), junk, junk, fc.boolean(), fc.boolean(),
    (seed, junkA, junkB, mangleNodes, mangleDaemons) => {
      const r = new Random(seed);
      const nodes = randomNodes(r);
      const daemons = randomDaemonSets(r, nodes.length);
      const fr = new Random(seed + 7919);
      const inventory = { apiVersion: 'v1', kind: 'List', items: nodes };
      writeFileSync(join(dir, 'nodes.json'), JSON.stringify(mangleNodes ? mangle(inventory, fr, junkA) : inventory));
      const docs = mangleDaemons ? daemons.map((d, i) => (i === 0 ? mangle(d, fr, junkB) : d)) : daemons;
      writeFileSync(join(dir, 'ds.yaml'), docs.map(d => stringify(d)).join('---\n'));
      const argv = ['plan', '--nodes', join(dir, 'nodes.json'), '--format', 'json', join(dir, 'ds.yaml')];
      expectCleanOutcome(argv);
      const code = execute(argv).exitCode;
      outcomes.plan.set(code, (outcomes.plan.get(code) ?? 0) + 1);
    }), { seed: SEED, numRuns: RUNS });
  // Both outcomes occur: the generator is not stuck on errors or on valid input.
  expect(outcomes.plan.get(0)).toBeGreaterThan(0);
  expect(outcomes.plan.get(2)).toBeGreaterThan(0);
});

test('validate: random and mangled manifests give findings or a one-line error', () => {
  const forms = fc.oneof(fc.constant('yaml'), fc.constant('json'), fc.constant('raw'));
  fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.jsonValue({ maxDepth: 2 }), forms, fc.string({ maxLength: 40 }),
    (seed, junk, form, raw) => {
      const r = new Random(seed);
      const daemons = randomDaemonSets(r, 5);
      const fr = new Random(seed + 7919);
      const docs = daemons.map((d, i) => (i === 0 ? mangle(d, fr, junk) : d));
      const text = form === 'json' ? JSON.stringify(docs[0]) : form === 'yaml' ? docs.map(d => stringify(d)).join('---\n') : `${stringify(docs[0])}${raw}`;
      writeFileSync(join(dir, 'm.yaml'), text);
      const argv = ['validate', join(dir, 'm.yaml')];
      expectCleanOutcome(argv);
      const code = execute(argv).exitCode;
      outcomes.validate.set(code, (outcomes.validate.get(code) ?? 0) + 1);
    }), { seed: SEED, numRuns: RUNS });
  expect(outcomes.validate.get(1)).toBeGreaterThan(0);
  expect(outcomes.validate.get(2)).toBeGreaterThan(0);
});
