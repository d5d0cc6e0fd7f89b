import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { clusterPod, daemonSet, fixture, podList, SAMPLE_16 } from './helpers';
import { colourStats, decodePng } from './png';
import { DaemonPlanner, NodeInventory, PlanRenderer, PlanReport } from '../../src/plan';
import { ExistingPods } from '../../src/plan/report';

// The HTML report in a real headless Chromium (Debian's `chromium` package): the page renders (a
// screenshot with real content), and every number in the page equals the JSON report.
const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'plan-html-'));

function chromium(...args: string[]): string {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  const result = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars',
    `--user-data-dir=${mkdtempSync(join(dir, 'profile-'))}`, '--window-size=1400,1000', ...args], { encoding: 'utf-8', timeout: 90_000, maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`chromium failed (${result.status ?? result.signal}): ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

/** Every element with data-* attributes in the DOM Chromium dumped: its tag and attributes. */
function dataElements(dom: string): Array<{ tag: string; attrs: Record<string, string> }> {
  const out: Array<{ tag: string; attrs: Record<string, string> }> = [];
  for (const m of dom.matchAll(/<([a-z0-9]+)(\s[^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[2].matchAll(/([a-z-]+)="([^"]*)"/g)) attrs[a[1]] = a[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    if (Object.keys(attrs).some(k => k.startsWith('data-'))) out.push({ tag: m[1], attrs });
  }
  return out;
}

let report: PlanReport;
let dom: string;
let png: Buffer;

beforeAll(() => {
  const planner = new DaemonPlanner(NodeInventory.fromFile(SAMPLE_16));
  for (const f of ['ds-node-exporter.yaml', 'ds-aws-node.yaml', 'ds-kube-flannel.yaml', 'ds-fluent-bit.yaml', 'ds-nvidia-device-plugin.yaml']) {
    planner.addFile(fixture('real-world', 'daemonsets', f));
  }
  const heavy = daemonSet('heavy', { containers: [{ name: 'main', image: 'x', ports: [{ containerPort: 9100, hostPort: 9100 }], resources: { requests: { cpu: '1800m', memory: '1Gi' } } }] });
  planner.addText(JSON.stringify(heavy), 'heavy.json');
  // A busy cluster: the critical exporter preempts application pods on the nodes they fill; a daemon the
  // API server refuses (a LimitRange maximum) gets no pod at all.
  const names = JSON.parse(readFileSync(SAMPLE_16, 'utf-8')).items.map((n: any) => n.metadata.name) as string[];
  const pods = names.slice(0, 4).map((n, i) => clusterPod(`batch-${i}`, { namespace: i % 2 ? 'payments' : 'batch', node: n, cpu: '60', memory: '1Ti' }));
  const exporter = daemonSet('critical-exporter', { priorityClassName: 'system-node-critical', containers: [{ name: 'm', image: 'x', resources: { requests: { cpu: '50m' } } }] });
  const refused = daemonSet('refused', { containers: [{ name: 'm', image: 'x', resources: { limits: { cpu: '4' } } }] });
  const limits = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'caps', namespace: 'kube-system' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' } }] } };
  planner.addText(JSON.stringify({ kind: 'List', items: [exporter, refused, limits] }), 'busy.json');
  const podsFile = join(dir, 'pods.json');
  writeFileSync(podsFile, podList(...pods));
  planner.addPodsFile(podsFile);
  report = planner.plan();
  const page = join(dir, 'plan.html');
  writeFileSync(page, PlanRenderer.toHtml(report));
  const shot = join(dir, 'plan.png');
  chromium(`--screenshot=${shot}`, `file://${page}`);
  png = readFileSync(shot);
  dom = chromium('--dump-dom', `file://${page}`);
}, 180_000);

describe('the HTML report in headless Chromium', () => {
  test('the screenshot is not blank', () => {
    const pixels = decodePng(png);
    expect([pixels.width, pixels.height]).toEqual([1400, 1000]);
    const { distinct, dominantShare } = colourStats(pixels);
    expect(distinct).toBeGreaterThan(50); // text, the coverage colours and the bars
    expect(dominantShare).toBeLessThan(0.97);
  });

  test('the test data has every kind of cell', () => {
    const states = new Set(dataElements(dom).filter(e => e.attrs['data-state']).map(e => e.attrs['data-state']));
    expect([...states].sort()).toEqual(['evicted', 'excluded', 'misscheduled', 'pending', 'preempts', 'rejected', 'runs']);
  });

  test('the summary numbers equal the JSON', () => {
    const summary = dataElements(dom).find(e => e.attrs.id === 'summary')!.attrs;
    expect(Number(summary['data-node-count'])).toBe(report.nodeCount);
    expect(Number(summary['data-daemonset-count'])).toBe(report.daemonSets.length);
    expect(Number(summary['data-problem-count'])).toBe(report.problems.length);
    expect(Number(summary['data-error-count'])).toBe(report.problems.filter(p => p.severity === 'error').length);
  });

  test('every DaemonSet row equals the JSON', () => {
    const rows = dataElements(dom).filter(e => e.tag === 'tr' && e.attrs['data-desired'] !== undefined);
    expect(rows.map(r => r.attrs['data-daemonset'])).toEqual(report.daemonSets.map(d => d.id));
    report.daemonSets.forEach((d, i) => {
      const a = rows[i].attrs;
      expect([a['data-desired'], a['data-skipped'], a['data-misscheduled'], a['data-evicted'], a['data-waves'], a['data-max-unavailable'],
        a['data-max-surge'], a['data-min-duration']].map(Number)).toEqual([d.desiredNumberScheduled, d.skips.reduce((n, s) => n + s.nodeNames.length, 0),
        d.misscheduledNodeCount, d.evictedNodeCount, d.rollout.waves, d.rollout.maxUnavailable, d.rollout.maxSurge,
        d.rollout.minimumDurationSeconds]);
    });
  });

  test('every cell of the coverage matrix equals the JSON', () => {
    const elements = dataElements(dom);
    const rows = elements.filter(e => e.tag === 'tr' && e.attrs['data-nodes'] !== undefined);
    expect(rows.map(r => r.attrs['data-node'])).toEqual(report.nodes.map(n => n.name));
    const cells = elements.filter(e => e.tag === 'td' && e.attrs['data-state']);
    expect(cells).toHaveLength(report.nodes.length * report.daemonSets.length);
    report.nodes.forEach((n, i) => {
      report.daemonSets.forEach((d, j) => {
        const cell = cells[i * report.daemonSets.length + j].attrs;
        const skip = d.skips.find(s => s.nodeNames.includes(n.name));
        const placed = d.fit.rejected.length ? 'rejected' : n.pending.some(p => p.daemonSet === d.id) ? 'pending'
          : d.fit.preempts.some(p => p.node === n.name) ? 'preempts' : 'runs';
        const expected = d.nodeNames.includes(n.name)
          ? placed
          : skip!.existingPods === ExistingPods.KEPT_MISSCHEDULED ? 'misscheduled' : skip!.existingPods === ExistingPods.EVICTED ? 'evicted' : 'excluded';
        expect([n.name, cell['data-daemonset'], cell['data-state']]).toEqual([n.name, d.id, expected]);
      });
      expect(Number(rows[i].attrs['data-daemon-count'])).toBe(n.daemonSets.length);
    });
  });

  test('every preemption is listed with its victims, as in the JSON', () => {
    const rows = dataElements(dom).filter(e => e.tag === 'tr' && e.attrs['data-victims'] !== undefined);
    const expected = report.daemonSets.flatMap(d => d.fit.preempts.map(p => [d.id, p.node, p.victims.join(' '), String(p.gracePeriodSeconds)]));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map(r => [r.attrs['data-daemonset'], r.attrs['data-node'], r.attrs['data-victims'], r.attrs['data-grace']])).toEqual(expected);
  });

  test('the cost table equals the JSON', () => {
    const rows = dataElements(dom).filter(e => e.tag === 'tr' && e.attrs['data-node-class'] !== undefined);
    expect(rows.map(r => [r.attrs['data-node-class'], Number(r.attrs['data-nodes']), Number(r.attrs['data-cores']), Number(r.attrs['data-gib']),
      Number(r.attrs['data-cpu-percent']), Number(r.attrs['data-memory-percent'])]))
      .toEqual(report.cost.map(c => [c.nodeClass, c.nodes, c.cpuCores, c.memoryGiB, c.cpuPercent, c.memoryPercent]));
  });

  test('every overhead bar equals the JSON', () => {
    const bars = dataElements(dom).filter(e => e.attrs['data-resource']);
    expect(bars).toHaveLength(report.nodes.length * 3);
    report.nodes.forEach((n, i) => {
      [n.cpu, n.memory, n.pods].forEach((use, k) => {
        const a = bars[i * 3 + k].attrs;
        expect([a['data-resource'], Number(a['data-requested']), Number(a['data-allocatable']), Number(a['data-percent'])])
          .toEqual([use.resource, use.requested, use.allocatable, use.percent]);
      });
    });
  });
});
