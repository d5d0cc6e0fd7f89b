import { refSchedule } from './fit-reference';
import { randomBusyCase } from './random-busy';
import { Random, randomDaemonSets, randomNodes } from './random-cluster';
import { refClashes, refNode, refPlace, refWaves } from './reference';
import { DaemonPlanner, NodeInventory, PlanReport } from '../../src/plan';

// Property tests: the planner (node classes, caches, grouping) against the plain reference in reference.ts
// on random inventories and DaemonSets. Every case has its own seed; a failure names it, and
// PLAN_PROPERTY_SEED=<seed> replays from there.
const CASES = 250;
const BASE_SEED = Number(process.env.PLAN_PROPERTY_SEED ?? 20261123);

interface Case {
  seed: number;
  nodes: any[];
  daemonSets: any[];
  report: PlanReport;
}

function randomCase(seed: number): Case {
  const r = new Random(seed);
  const nodes = randomNodes(r);
  const daemonSets = randomDaemonSets(r, nodes.length);
  const inventory = NodeInventory.fromText(JSON.stringify({ kind: 'List', items: nodes }), `random-${seed}.json`);
  const report = new DaemonPlanner(inventory).addText(JSON.stringify({ kind: 'List', items: daemonSets }), `random-${seed}.json`).plan();
  return { seed, nodes, daemonSets, report };
}

/** Runs `check` on CASES random cases; a failure names its seed. */
function forAllCases(check: (c: Case) => void): void {
  for (let i = 0; i < CASES; i++) {
    const seed = BASE_SEED + i;
    let c: Case | undefined;
    try {
      c = randomCase(seed);
      check(c);
    } catch (e) {
      throw new Error(`property failed for seed ${seed} (replay: PLAN_PROPERTY_SEED=${seed}): ${(e as Error).message}`);
    }
  }
}

describe('planner = reference, on random clusters', () => {
  test(`placement: the same nodes run each daemon, skipped nodes with the same reason and fate (${CASES} cases)`, () => {
    forAllCases(({ nodes, daemonSets, report }) => {
      daemonSets.forEach((ds, i) => {
        const plan = report.daemonSets[i];
        const expected = nodes.map(n => ({ name: n.metadata.name, ...refPlace(ds, n) }));
        expect(plan.nodeNames).toEqual(expected.filter(e => e.runs).map(e => e.name));
        expect(plan.desiredNumberScheduled).toBe(plan.nodeNames.length);
        const actual = new Map<string, { reason: string; fate: string }>();
        for (const s of plan.skips) for (const n of s.nodeNames) actual.set(n, { reason: s.reason, fate: s.existingPods });
        for (const e of expected.filter(x => !x.runs)) expect([e.name, actual.get(e.name)]).toEqual([e.name, { reason: e.reason, fate: e.fate }]);
        expect(actual.size).toBe(expected.filter(e => !e.runs).length);
      });
    });
  });

  test(`capacity: per-node requests of the daemons landing there (${CASES} cases)`, () => {
    forAllCases(({ nodes, daemonSets, report }) => {
      nodes.forEach((n, i) => {
        const expected = refNode(n, daemonSets);
        const actual = report.nodes[i];
        expect({
          name: actual.name,
          daemonSets: actual.daemonSets,
          cpu: actual.cpu.requested,
          memory: actual.memory.requested,
          pods: actual.pods.requested,
        })
          .toEqual({ name: n.metadata.name, ...expected, pods: expected.daemonSets.length });
      });
    });
  });

  test(`host-port clashes: the same daemon pairs on the same nodes (${CASES} cases)`, () => {
    forAllCases(({ nodes, daemonSets, report }) => {
      const actual = new Set<string>();
      for (const c of report.hostPortClashes) {
        for (const n of c.nodeNames) actual.add(`${n}|${c.daemonSets.map(id => id.split('/')[1]).join('|')}`);
      }
      expect([...actual].sort()).toEqual(refClashes(nodes, daemonSets));
    });
  });

  test(`rollout: resolved budgets and waves (${CASES} cases)`, () => {
    forAllCases(({ daemonSets, report }) => {
      daemonSets.forEach((ds, i) => {
        const plan = report.daemonSets[i];
        const { maxUnavailable, maxSurge, waves } = plan.rollout;
        expect({ maxUnavailable, maxSurge, waves }).toEqual(refWaves(ds, plan.desiredNumberScheduled));
      });
    });
  });

  test('the random cases cover every outcome', () => {
    const seen = new Set<string>();
    for (let i = 0; i < CASES; i++) {
      const { report } = randomCase(BASE_SEED + i);
      for (const d of report.daemonSets) for (const s of d.skips) seen.add(`${s.reason}/${s.existingPods}`);
      if (report.hostPortClashes.length) seen.add('clash');
      if (report.nodes.some(n => n.pending.length)) seen.add('pending');
    }
    expect([...seen].sort()).toEqual(['NodeAffinity/Deleted', 'NodeName/Deleted', 'NodeSelector/Deleted', 'Taint/Evicted', 'Taint/KeptMisscheduled', 'clash', 'pending']);
  });
});

describe('busy nodes: planner = fit-reference.ts, on random busy clusters', () => {
  const BUSY_CASES = 400;
  test(`runs, preempts (victims in order) and pending (reason, preemption) per DaemonSet and node (${BUSY_CASES} cases)`, () => {
    const seen = new Set<string>();
    for (let i = 0; i < BUSY_CASES; i++) {
      const seed = BASE_SEED + 10_000 + i;
      try {
        const c = randomBusyCase(new Random(seed));
        const inventory = NodeInventory.fromText(JSON.stringify({ kind: 'List', items: c.nodes }), `busy-${seed}.json`);
        const report = new DaemonPlanner(inventory, { sidecarContainers: c.sidecars })
          .addText(JSON.stringify({ kind: 'List', items: [...c.daemonSets, ...c.objects] }), `busy-${seed}.json`)
          .addPodsText(JSON.stringify({ kind: 'List', items: c.pods }), `pods-${seed}.json`)
          .plan();
        const expected = refSchedule(c.nodes, c.daemonSets, c.pods, c.objects, c.sidecars);
        for (const d of report.daemonSets) {
          const ref = expected.get(d.name)!;
          expect({
            ds: d.name,
            runs: d.fit.runs,
            preempts: d.fit.preempts.map(p => ({ node: p.node, victims: p.victims })),
            pending: d.fit.pending.map(p => ({ node: p.node, reason: p.reason, preemption: p.preemption })),
          })
            .toEqual({ ds: d.name, ...ref });
          if (d.fit.runs.length) seen.add('runs');
          if (d.fit.preempts.length) seen.add('preempts');
          for (const p of d.fit.pending) seen.add(`pending:${p.preemption.startsWith('No') ? 'no-victims' : p.preemption.startsWith('not') ? 'never' : 'not-enough'}`);
          if (d.fit.preempts.some(p => p.victims.length > 1)) seen.add('several victims');
        }
      } catch (e) {
        throw new Error(`property failed for seed ${seed}: ${(e as Error).message}`);
      }
    }
    // The generator reaches every outcome (a fuzzer that finds nothing must at least have looked).
    expect([...seen].sort()).toEqual(['pending:never', 'pending:no-victims', 'pending:not-enough', 'preempts', 'runs', 'several victims']);
  });
});
