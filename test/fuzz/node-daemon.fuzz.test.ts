import * as fc from 'fast-check';
import { hardenedNodeDaemonProps, nodeDaemonProps } from './arbitraries';
import { constructId, FUZZ_TIMEOUT, ConstructSpec, FuzzCase, namespace, runProperty, runsFor } from './harness';

// NodeDaemon fuzzing: random props of every kind (value types, containers, host access, config, RBAC,
// labels, images per architecture) with the edge values mixed in. Synth must either give objects
// that pass the strict Kubernetes 1.28 schema and every API-server rule, or fail with the library's own
// error naming a prop the configuration sets. See harness.ts for the exact oracle.

/** Sparse configurations (a few props) synthesize more often; dense ones reach more interactions. */
const anyProps = fc.oneof({ arbitrary: nodeDaemonProps(1, 20), weight: 3 }, { arbitrary: nodeDaemonProps(1, 4), weight: 1 });

const single = fc.tuple(constructId, anyProps, namespace)
  .map(([id, props, ns]) => new FuzzCase([{ kind: 'NodeDaemon', id, props }], ns, false));

/** One or two hardened daemons (they pass the security and best-practice rules) with random props on top. */
const withRules = fc.tuple(fc.array(hardenedNodeDaemonProps(24), { minLength: 1, maxLength: 2 }), namespace).map(([list, ns]) =>
  new FuzzCase(list.map((props, i): ConstructSpec => ({ kind: 'NodeDaemon', id: `fuzz${i || ''}`, props })), ns, true));

test('NodeDaemon: synth gives valid objects or an error naming the prop (API-server rules and schema)', () => {
  const tally = runProperty('NodeDaemon', single, runsFor(0.27));
  // Both outcomes occur: the generators are neither stuck on errors nor on valid input.
  expect(tally.synthesized).toBeGreaterThan(tally.total * 0.4);
  expect(tally.rejected).toBeGreaterThan(tally.total * 0.1);
}, FUZZ_TIMEOUT);

test('NodeDaemon with the security, best-practice and cross-object rules on', () => {
  const tally = runProperty('NodeDaemon, every rule on', withRules, runsFor(0.1));
  expect(tally.synthesized).toBeGreaterThan(tally.total * 0.05);
  expect(tally.rejected).toBeGreaterThan(tally.total * 0.05);
  // The rules really run: some rejections come from them.
  expect([...tally.reasons.keys()].some(r => /^(SEC|BP|XO)/.test(r))).toBe(true);
}, FUZZ_TIMEOUT);
