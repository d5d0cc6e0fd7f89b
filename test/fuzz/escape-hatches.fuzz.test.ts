import * as fc from 'fast-check';
import { hardenedNodeDaemonProps, metricsExporterProps } from './arbitraries';
import { FUZZ_TIMEOUT, FuzzCase, namespace, runProperty, runsFor } from './harness';
import { hatches } from './hatches';

// The escape hatches: JSON patches on the rendered objects, hand-written ApiObjects of every kind the
// strict schemas cover, and Include, on top of a daemon. The same differential oracle (harness.ts): what
// synthesizes passes the shipped validation and the reference; what is refused is refused by the
// reference too, or by a documented library rule (PATCH: a patch the L1 mapping dropped).

const daemonWithHatches = fc.tuple(hardenedNodeDaemonProps(20), namespace, hatches('NodeDaemon'))
  .map(([props, ns, hs]) => new FuzzCase([{ kind: 'NodeDaemon', id: 'fuzz', props }], ns, false, hs));

const agentWithHatches = fc.tuple(metricsExporterProps(1, 16), hatches('MetricsExporter'))
  .map(([props, hs]) => new FuzzCase([{ kind: 'MetricsExporter', id: 'fuzz', props }], 'kube-system', false, hs));

test('NodeDaemon with JSON patches, raw ApiObjects and Include', () => {
  const tally = runProperty('escape hatches on NodeDaemon', daemonWithHatches, runsFor(0.1));
  expect(tally.synthesized).toBeGreaterThan(tally.total * 0.3);
  expect(tally.rejected).toBeGreaterThan(tally.total * 0.1);
  // Hand-written objects are really checked: some refusals name them.
  expect([...tally.reasons.keys()].some(r => r.startsWith('hatch:'))).toBe(true);
  expect(tally.reasons.get('PATCH') ?? 0).toBeGreaterThan(0);
}, FUZZ_TIMEOUT);

test('an agent with JSON patches, raw ApiObjects and Include', () => {
  const tally = runProperty('escape hatches on MetricsExporter', agentWithHatches, runsFor(0.05));
  expect(tally.synthesized).toBeGreaterThan(tally.total * 0.3);
  expect(tally.rejected).toBeGreaterThan(tally.total * 0.1);
}, FUZZ_TIMEOUT);
