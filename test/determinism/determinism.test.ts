import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import { HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter, NodeDaemon, Validations } from '../../src';

// GitOps hygiene: the same app gives byte-identical files in two separate processes, and a new image
// tag changes no selector and no object name (a DaemonSet's selector is immutable).

const repo = join(__dirname, '..', '..');

function synthInProcess(outdir: string): Map<string, string> {
  const result = spawnSync('npx', ['ts-node', '--transpile-only', '--project', 'examples/tsconfig.json', 'examples/main.ts', outdir], { cwd: repo, encoding: 'utf-8' });
  if (result.status !== 0) throw new Error(`examples/main.ts failed: ${result.stderr}`);
  return new Map(readdirSync(outdir).sort().map(f => [f, readFileSync(join(outdir, f), 'utf-8')]));
}

test('two processes synthesize byte-identical manifests', () => {
  const a = mkdtempSync(join(tmpdir(), 'determinism-a-'));
  const b = mkdtempSync(join(tmpdir(), 'determinism-b-'));
  try {
    const first = synthInProcess(a);
    const second = synthInProcess(b);
    expect(first.size).toBeGreaterThanOrEqual(2);
    expect([...second.entries()]).toEqual([...first.entries()]);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
}, 120_000);

function selectorsAndNames(build: (chart: Chart, image: string) => void, image: string): any {
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
  build(chart, image);
  return Testing.synth(chart).map(o => ({ kind: o.kind, name: o.metadata.name, selector: o.spec?.selector }));
}

test.each([
  ['NodeDaemon', (c: Chart, image: string) => new NodeDaemon(c, 'agent', { image })],
  ['LogCollector', (c: Chart, image: string) => new LogCollector(c, 'logs', { image, output: LogOutput.stdout() })],
  ['MetricsExporter', (c: Chart, image: string) => new MetricsExporter(c, 'metrics', { image })],
  ['HardwareRngRefresher', (c: Chart, image: string) => new HardwareRngRefresher(c, 'rng', { image, nodeSelector: { feature: 'hw-rng' } })],
])('%s: a new image tag changes no selector and no object name', (_name, build) => {
  const configure = (c: Chart, image: string) => {
    // Only the selector and name behaviour is under test here.
    Validations.configure(c, { bestPractices: false });
    build(c, image);
  };
  const before = selectorsAndNames(configure, 'example.com/agent:1.0.0');
  const after = selectorsAndNames(configure, 'example.com/agent:2.0.0');
  expect(after).toEqual(before);
  expect(before.some((o: any) => o.kind === 'DaemonSet' && o.selector)).toBe(true);
});
