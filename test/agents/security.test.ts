import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter, RngDeviceAccess, RngFeeder } from '../../src/agents';
import { NodeDaemon } from '../../src/daemon/node-daemon';
import { BEST_PRACTICE_RULES } from '../../src/validation/best-practice-rules';
import { SECURITY_RULES } from '../../src/validation/security-rules';
import { Validations } from '../../src/validation/validations';
import { newChart } from '../daemon/util';

// Every agent's output goes through the library's kube-linter/Polaris rules at synth. Here: the findings on
// the rendered workload are exactly the suppressions the agent makes (none missing, none needless), each
// suppression has a reason, and the README shows every reason.

const IMAGE = 'registry.example.com/rng-tools:5-4.1';
type Build = (chart: Chart) => Construct & { daemon: NodeDaemon };
const CASES: Array<[string, Build]> = [
  ['LogCollector', c => new LogCollector(c, 'logs', { output: LogOutput.loki({ host: 'loki' }) })],
  ['LogCollector, Docker nodes', c => new LogCollector(c, 'logs', { output: LogOutput.loki({ host: 'loki' }), dockerRuntime: true })],
  ['LogCollector, journal under /run', c => new LogCollector(c, 'logs', { output: LogOutput.loki({ host: 'loki' }), systemd: { path: '/run/log/journal' } })],
  ['MetricsExporter', c => new MetricsExporter(c, 'node-metrics')],
  ['MetricsExporter, pod network', c => new MetricsExporter(c, 'node-metrics', { hostNetwork: false })],
  ['HardwareRngRefresher', c => new HardwareRngRefresher(c, 'rng', { image: IMAGE, nodeSelector: { feature: 'hw-rng' } })],
  ['HardwareRngRefresher, device plugin', c => new HardwareRngRefresher(c, 'rng', {
    image: IMAGE, nodeSelector: { feature: 'hw-rng' }, deviceAccess: RngDeviceAccess.devicePlugin({ resource: 'smarter-devices/hwrng' }),
  })],
  ['HardwareRngRefresher, refresh loop', c => new HardwareRngRefresher(c, 'rng', {
    image: IMAGE, nodeSelector: { feature: 'hw-rng' }, feeder: RngFeeder.refreshLoop({ command: 'true', interval: Duration.seconds(5) }),
  })],
];

/** Rule IDs the security and best-practice rules find on the workloads, ignoring every suppression. */
function findings(objects: any[]): string[] {
  const rules = [...SECURITY_RULES, ...BEST_PRACTICE_RULES];
  const ids = objects.flatMap(obj => rules.filter(r => r.kinds.includes(obj.kind)).flatMap(r => r.check(obj)).map(v => v.ruleId));
  return [...new Set(ids)].sort();
}

describe.each(CASES)('%s', (_, build) => {
  const chart = newChart();
  const agent = build(chart);
  const objects = Testing.synth(chart);
  const suppressions = Validations.suppressionsOf(agent.daemon);

  test('synthesizes with the security and best-practice rules on', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  test('suppresses exactly the rules its workload breaks: none missing, none needless', () => {
    expect([...new Set(suppressions.map(s => s.ruleId))].sort()).toEqual(findings(objects));
  });

  test('every suppression is made on the agent construct and gives a reason', () => {
    for (const s of suppressions) {
      expect(s.path).toBe(agent.node.path);
      expect(s.reason.split(/\s+/).length).toBeGreaterThanOrEqual(8);
    }
  });

  test('the README lists every suppression with its reason', () => {
    const docs = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
    for (const s of suppressions) expect(docs).toContain(`| ${s.ruleId} | ${s.reason} |`);
  });
});

describe('what the agents fix instead of suppressing', () => {
  test('no agent needs SEC005, SEC007, SEC011 or BP001-BP004, BP006, BP007 suppressed, nor SEC001/SEC002/SEC008/SEC009 unless its container is privileged', () => {
    for (const [, build] of CASES) {
      const chart = newChart();
      const agent = build(chart);
      const objects = Testing.synth(chart);
      const privileged = objects.some(o => o.kind === 'DaemonSet' && o.spec.template.spec.containers.some((c: any) => c.securityContext?.privileged));
      const ids = Validations.suppressionsOf(agent.daemon).map(s => s.ruleId);
      for (const id of ['SEC005', 'SEC007', 'SEC011', 'BP001', 'BP002', 'BP003', 'BP004', 'BP006', 'BP007', ...privileged ? [] : ['SEC001', 'SEC002', 'SEC008', 'SEC009']]) {
        expect([agent.node.path, ids.includes(id) ? id : undefined]).toEqual([agent.node.path, undefined]);
      }
    }
  });
});
