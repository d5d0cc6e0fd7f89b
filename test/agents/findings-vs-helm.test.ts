import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter, RngDeviceAccess } from '../../src';
import { validateDocuments } from '../../src/validation/manifest-validation';

// Security and best-practice findings (the kube-linter / Polaris checks) of each agent's default output,
// next to the Helm chart default it replaces and a widely used public manifest. The README carries this
// table; the test recomputes it, so the figures there cannot go stale.

const repo = join(__dirname, '..', '..');

/** SEC* and BP* rule IDs found on the DaemonSets of `objects`, ignoring any suppression. */
function findings(objects: any[]): string[] {
  const docs = objects.map((object, index) => ({ file: 'x', index, object }));
  return validateDocuments(docs)
    .filter(f => f.kind === 'DaemonSet' && /^(SEC|BP)/.test(f.ruleId))
    .map(f => f.ruleId)
    .sort();
}

function agentObjects(build: (chart: Chart) => void): any[] {
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
  build(chart);
  return Testing.synth(chart);
}

function fixture(...path: string[]): any[] {
  return Yaml.load(join(repo, 'test', 'fixtures', ...path));
}

/** `5: SEC003, SEC004, SEC010 x3`: the count, then each rule with how often it fired. */
/** A public DaemonSet manifest (test/plan/fixtures/real-world, sources in its SOURCES.md). */
function realWorld(file: string): any[] {
  return Yaml.load(join(repo, 'test', 'plan', 'fixtures', 'real-world', 'daemonsets', file));
}

function summary(ids: string[]): string {
  const counts = [...new Set(ids)].map(id => {
    const n = ids.filter(x => x === id).length;
    return n > 1 ? `${id} x${n}` : id;
  });
  return `${ids.length}: ${counts.join(', ') || 'none'}`;
}

test('the README shows the findings of each agent next to the chart default and a public manifest', () => {
  const logs = findings(agentObjects(c => new LogCollector(c, 'logs', { output: LogOutput.stdout() })));
  const metrics = findings(agentObjects(c => new MetricsExporter(c, 'metrics')));
  const rng = findings(agentObjects(c => new HardwareRngRefresher(c, 'rng', { image: 'example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' } })));
  const rngPlugin = findings(agentObjects(c => new HardwareRngRefresher(c, 'rng', {
    image: 'example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' }, deviceAccess: RngDeviceAccess.devicePlugin({ resource: 'smarter-devices/hwrng' }),
  })));
  const rows = [
    '| agent | this library: findings, each suppressed with a written reason | Helm chart default (reconstructed) | public manifest |',
    '|---|---|---|---|',
    `| LogCollector / fluent-bit | ${summary(logs)} | ${summary(findings(fixture('helm', 'fluent-bit-chart-default.yaml')))} | ${summary(findings(realWorld('ds-fluent-bit.yaml')))} (fluent-bit-kubernetes-logging) |`,
    `| MetricsExporter / node-exporter | ${summary(metrics)} | ${summary(findings(fixture('helm', 'node-exporter-chart-default.yaml')))} | ${summary(findings(realWorld('ds-node-exporter.yaml')))} (kube-prometheus) |`,
    `| HardwareRngRefresher / rngd | ${summary(rng)} | no chart | - |`,
    `| HardwareRngRefresher / rngd, device plugin | ${summary(rngPlugin)} | no chart | - |`,
  ].join('\n');
  const readme = readFileSync(join(repo, 'README.md'), 'utf-8');
  // On mismatch, paste the expected table into the README between the findings markers.
  expect(readme.slice(readme.indexOf('<!-- findings:start -->') + 24, readme.indexOf('<!-- findings:end -->')).trim()).toBe(rows);
  // The agents break fewer rules than the chart defaults they replace.
  expect(logs.length).toBeLessThan(findings(fixture('helm', 'fluent-bit-chart-default.yaml')).length);
  expect(metrics.length).toBeLessThan(findings(fixture('helm', 'node-exporter-chart-default.yaml')).length);
});
