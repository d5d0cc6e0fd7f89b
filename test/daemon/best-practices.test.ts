import { Chart, Testing } from 'cdk8s';
import { Exposure, NodeDaemon, NodeDaemonProps, Validations } from '../../src';
import { HARDENED as SHARED } from '../support/hardened';

// Security and best-practice rules through NodeDaemon: on by default, warnings (errors with strict: true),
// suppressible with a reason.

const HARDENED: NodeDaemonProps = { ...SHARED, exposure: Exposure.localService({ port: 8080 }) };

function strictChart(): Chart {
  const chart = new Chart(Testing.app(), 'node-agents', { namespace: 'kube-system' });
  Validations.configure(chart, { strict: true });
  return chart;
}


test('a hardened daemon passes every rule', () => {
  const chart = strictChart();
  new NodeDaemon(chart, 'agent', HARDENED);
  expect(Testing.synth(chart).map(o => o.kind)).toEqual(['DaemonSet', 'Service']);
});

test('a bare daemon synthesizes: its findings are warnings', () => {
  const chart = new Chart(Testing.app(), 'node-agents', { namespace: 'kube-system' });
  new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.2.3' });
  expect(Testing.synth(chart).map(o => o.kind)).toEqual(['DaemonSet']);
});

test('with strict: true a bare daemon fails with one error per finding, each naming the prop and the rule', () => {
  const chart = strictChart();
  new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.2.3' });
  let message = '';
  try {
    Testing.synth(chart);
  } catch (e) {
    message = (e as Error).message;
  }
  const rules = [...message.matchAll(/rule ((SEC|BP)[0-9]{3}), a warning made an error by strict: true\)/g)].map(m => m[1]).sort();
  expect(rules).toEqual(['BP002', 'BP003', 'BP004', 'BP005', 'BP006', 'SEC006', 'SEC007', 'SEC008', 'SEC009']);
  expect(message).toMatch(/\[node-agents\/agent\] 'readiness' not set: no readiness probe/);
  expect(message).toMatch(/\[node-agents\/agent\] 'resources' not set: no cpu request/);
  expect(message).toMatch(/\[node-agents\/agent\] 'priority' not set: no priority class/);
  expect(message).toMatch(/'security' \S*: root filesystem is writable .*Validations\.suppress\(scope, 'SEC007'/);
  expect(message).not.toMatch(/' null|' undefined/);
});

test('host namespaces name the host props', () => {
  const chart = strictChart();
  new NodeDaemon(chart, 'agent', { ...HARDENED, host: { pid: true, ipc: true } });
  expect(() => Testing.synth(chart)).toThrow(/'host\.pid' true: hostPID shares the node's namespace[^\n]*rule SEC004[\s\S]*'host\.ipc' true/);
});

describe('suppressions', () => {
  test('a suppression on the daemon silences that rule only', () => {
    const chart = strictChart();
    const daemon = new NodeDaemon(chart, 'agent', { ...HARDENED, host: { pid: true, ipc: true } });
    Validations.suppress(daemon, 'SEC004', 'reads host processes for per-process metrics');
    expect(() => Testing.synth(chart)).toThrow(/rule SEC005/);
    expect(() => Testing.synth(chart)).not.toThrow(/rule SEC004/);
  });

  test('a suppression on a parent scope applies to the daemons under it', () => {
    const chart = strictChart();
    Validations.suppress(chart, 'SEC004', 'all node agents here read host processes');
    new NodeDaemon(chart, 'agent', { ...HARDENED, host: { pid: true } });
    expect(Testing.synth(chart)).toHaveLength(2);
    expect(Validations.suppressionsOf(chart.node.findChild('agent'))).toEqual([
      { ruleId: 'SEC004', reason: 'all node agents here read host processes', path: 'node-agents' },
    ]);
  });

  test('API-server rules cannot be suppressed', () => {
    const chart = strictChart();
    expect(() => Validations.suppress(chart, 'DS005', 'I know better than the API server'))
      .toThrow(/\[node-agents\] 'ruleId' "DS005" cannot be suppressed/);
  });

  test('a suppression needs a written reason', () => {
    const chart = strictChart();
    expect(() => Validations.suppress(chart, 'SEC004', 'needed')).toThrow(/'reason' "needed" for SEC004 is too short/);
  });

  test('configure({ bestPractices: false }) switches the families off for a chart, API-server rules stay', () => {
    const chart = strictChart();
    Validations.configure(chart, { bestPractices: false });
    new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.2.3' });
    expect(Testing.synth(chart)).toHaveLength(1);
    new NodeDaemon(chart, 'broken', { image: 'example.com/agent:1.2.3', minReadySeconds: -1 });
    expect(() => Testing.synth(chart)).toThrow(/rule DS003/);
  });
});
