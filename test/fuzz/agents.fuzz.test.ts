import * as fc from 'fast-check';
import { hardwareRngRefresherProps, logCollectorProps, metricsExporterProps } from './arbitraries';
import { constructId, FUZZ_TIMEOUT, ConstructKind, ConstructSpec, FuzzCase, namespace, runProperty, runsFor } from './harness';

// Agent fuzzing: LogCollector, MetricsExporter and HardwareRngRefresher with random props (their own and
// `overrides`) and the edge values. The same oracle as NodeDaemon's (harness.ts): valid objects,
// or the library's own error naming a prop of the agent that the configuration sets.

function single(kind: ConstructKind, props: fc.Arbitrary<any>): fc.Arbitrary<FuzzCase> {
  return fc.tuple(constructId, props, namespace).map(([id, p, ns]) => new FuzzCase([{ kind, id, props: p }], ns, false));
}

/** One to three agents of any kind in one chart, with every rule on (their suppressions apply). */
const withRules = fc.tuple(
  fc.array(fc.oneof(
    logCollectorProps(1, 16).map(props => ({ kind: 'LogCollector' as ConstructKind, props })),
    metricsExporterProps(1, 16).map(props => ({ kind: 'MetricsExporter' as ConstructKind, props })),
    hardwareRngRefresherProps(1, 16).map(props => ({ kind: 'HardwareRngRefresher' as ConstructKind, props })),
  ), { minLength: 1, maxLength: 3 }),
  namespace,
).map(([list, ns]) => new FuzzCase(list.map((c, i): ConstructSpec => ({ ...c, id: `agent${i}` })), ns, true));

describe.each([
  // Sparse configurations (a few props) weighted over dense ones, so that about half synthesize.
  ['LogCollector', single('LogCollector', fc.oneof({ arbitrary: logCollectorProps(1, 12), weight: 3 }, logCollectorProps())), 0.13],
  ['MetricsExporter', single('MetricsExporter', fc.oneof({ arbitrary: metricsExporterProps(1, 10), weight: 2 }, metricsExporterProps())), 0.1],
  ['HardwareRngRefresher', single('HardwareRngRefresher', fc.oneof({ arbitrary: hardwareRngRefresherProps(1, 8), weight: 2 }, hardwareRngRefresherProps())), 0.1],
] as Array<[string, fc.Arbitrary<FuzzCase>, number]>)('%s', (title, arb, share) => {
  test('synth gives valid objects or an error naming the prop (API-server rules and schema)', () => {
    const tally = runProperty(title, arb, runsFor(share));
    // Both outcomes occur: the generators are neither stuck on errors nor on valid input.
    expect(tally.synthesized).toBeGreaterThan(tally.total * 0.1);
    expect(tally.rejected).toBeGreaterThan(tally.total * 0.1);
  }, FUZZ_TIMEOUT);
});

test('agents together with the security, best-practice and cross-object rules on', () => {
  const tally = runProperty('agents, every rule on', withRules, runsFor(0.15));
  expect(tally.synthesized).toBeGreaterThan(tally.total * 0.05);
  expect(tally.rejected).toBeGreaterThan(tally.total * 0.05);
  expect([...tally.reasons.keys()].some(r => /^(SEC|BP|XO)/.test(r))).toBe(true);
}, FUZZ_TIMEOUT);
