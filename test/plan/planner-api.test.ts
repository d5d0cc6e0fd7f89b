import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { clusterPod, daemon, SAMPLE_16 } from './helpers';
import { DaemonPlanner, NodeInventory, PlanFormat, PlanRenderer } from '../../src/plan';
import { ProblemKind } from '../../src/plan/report';

/** A chart with two DaemonSets, a PriorityClass and a node-local Service, written with the L1 API objects. */
function agents(app: App = Testing.app()): Chart {
  const chart = new Chart(app, 'node-agents', { namespace: 'kube-system' });
  const daemonSet = (name: string, pod: Partial<k8s.PodSpec>) => new k8s.KubeDaemonSet(chart, name, {
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [], ...pod } },
      updateStrategy: { rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('10%') } },
    },
  });
  const requests = (cpu: string, memory: string) => ({ requests: { cpu: k8s.Quantity.fromString(cpu), memory: k8s.Quantity.fromString(memory) } });
  daemonSet('metrics', {
    containers: [{ name: 'exporter', image: 'example.com/exporter:1.0.0', ports: [{ containerPort: 9100 }], resources: requests('20m', '32Mi') }],
    hostNetwork: true,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ operator: 'Exists' }],
    priorityClassName: 'system-node-critical',
  });
  daemonSet('traces', {
    containers: [{ name: 'agent', image: 'example.com/traces:1.0.0', resources: requests('50m', '64Mi') }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    priorityClassName: 'traces',
  });
  new k8s.KubePriorityClass(chart, 'traces-priority', { metadata: { name: 'traces' }, value: 1000 });
  new k8s.KubeService(chart, 'traces-service', {
    metadata: { name: 'traces' },
    spec: { selector: { app: 'traces' }, internalTrafficPolicy: 'Local', ports: [{ port: 8126 }] },
  });
  return chart;
}

const inventory = NodeInventory.fromFile(SAMPLE_16);

describe('DaemonPlanner from code', () => {
  test('plans the DaemonSets of a chart, reading its PriorityClass and Service', () => {
    const report = new DaemonPlanner(inventory).addChart(agents()).plan();
    expect(report.daemonSets.map(d => [d.id, d.desiredNumberScheduled])).toEqual([
      ['kube-system/metrics', 15], // tolerates everything; not on the Windows node
      ['kube-system/traces', 9],
    ]);
    const traces = report.daemonSets[1];
    expect(traces.source).toMatch(/^chart node-agents \$\[\d+\]$/);
    expect(traces.priority).toBe(1000);
    expect(traces.services).toEqual(['kube-system/traces']);
    expect(daemon(report, 'metrics').hostPorts).toEqual(['9100/TCP']);
    expect(report.problems.map(p => p.kind)).toContain(ProblemKind.MISSES_CONTROL_PLANE);
  });

  test('an app: every chart', () => {
    const app = Testing.app();
    agents(app);
    expect(new DaemonPlanner(inventory).addApp(app).plan().daemonSets).toHaveLength(2);
  });

  test('the same objects from YAML text give the same plan as from the chart', () => {
    const app = Testing.app();
    const chart = agents(app);
    const fromChart = new DaemonPlanner(inventory).addChart(chart).plan();
    const fromYaml = new DaemonPlanner(inventory).addText(app.synthYaml(), 'app.yaml').plan();
    const strip = (r: typeof fromChart) => ({ ...r, daemonSets: r.daemonSets.map(d => ({ ...d, source: '' })) });
    expect(strip(fromYaml)).toEqual(strip(fromChart));
  });

  test('planFiles: the one call that reads files and renders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-api-'));
    const app = Testing.app();
    agents(app);
    writeFileSync(join(dir, 'agents.yaml'), app.synthYaml());
    const text = DaemonPlanner.planFiles(SAMPLE_16, [join(dir, 'agents.yaml')]);
    expect(text).toMatch(/^Plan: 2 DaemonSets on 16 nodes/);
    const json = JSON.parse(DaemonPlanner.planFiles(SAMPLE_16, [join(dir, 'agents.yaml')], PlanFormat.JSON));
    expect(json.daemonSets.map((d: any) => d.desiredNumberScheduled)).toEqual([15, 9]);
  });

  test('a busy cluster: an App with its LimitRange, planned against the pods already there (pods given as a file and as text)', () => {
    const app = Testing.app();
    const chart = agents(app);
    new k8s.KubeLimitRange(chart, 'defaults', { metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: k8s.Quantity.fromString('1') } }] } });
    const names = inventory.nodeNames;
    const pods = { kind: 'List', items: names.map(n => clusterPod(`app-${n}`, { node: n, cpu: '1', memory: '1Gi', priority: 2000 })) };
    const dir = mkdtempSync(join(tmpdir(), 'plan-api-pods-'));
    writeFileSync(join(dir, 'pods.json'), JSON.stringify(pods));
    const fromFile = new DaemonPlanner(inventory).addApp(app).addPodsFile(join(dir, 'pods.json')).plan();
    const fromText = new DaemonPlanner(inventory).addApp(app).addPodsText(JSON.stringify(pods), join(dir, 'pods.json')).plan();
    expect(fromText).toEqual(fromFile);
    expect(fromFile.pods).toMatchObject({ counted: 16, terminated: 0 });
    const traces = daemon(fromFile, 'traces');
    // traces requests 50m (its own), so the LimitRange default does not apply; its priority (1000) is below the apps' 2000.
    expect(traces.requests.find(r => r.resource === 'cpu')!.amount).toBe(50);
    expect(traces.fit.runs.length + traces.fit.pending.length).toBe(traces.desiredNumberScheduled);
    expect(traces.fit.preempts).toEqual([]);
    const metrics = daemon(fromFile, 'metrics');
    expect(metrics.fit.runs.length + metrics.fit.preempts.length + metrics.fit.pending.length).toBe(metrics.desiredNumberScheduled);
    expect(fromFile.cost[0].nodeClass).toBe('cluster');
  });

  test('the inventory keeps only what planning needs', () => {
    expect(inventory.nodeCount).toBe(16);
    expect(inventory.nodeNames[13]).toBe('ip-10-0-0-13.windows.internal');
    expect(inventory.source).toBe(SAMPLE_16);
  });
});

describe('rendering', () => {
  const report = new DaemonPlanner(inventory).addChart(agents()).plan();

  test('JSON is the report itself', () => {
    expect(JSON.parse(PlanRenderer.render(report, PlanFormat.JSON))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  test('text: a table of daemons, skip reasons, one row per node, rollouts and problems', () => {
    const text = PlanRenderer.toText(report);
    expect(text).toContain('kube-system/metrics  15');
    expect(text).toContain('taint node-role.kubernetes.io/control-plane:NoSchedule: 1 node (a running pod stays, misscheduled): ip-10-0-0-0.control-plane.internal');
    expect(text).toMatch(/ip-10-0-0-15\.small\.internal\s+linux\/amd64\s+2\s+70m\/1930m 3\.6%\s+96Mi\/1\.4Gi 6\.8%\s+2\/11 18\.2%/);
    expect(text).toContain('kube-system/metrics: maxUnavailable 10% -> 2 of 15 nodes; 8 waves of 2');
  });

  test('large inventories are shown as node profiles', () => {
    const many = NodeInventory.fromFile(join(__dirname, 'fixtures', 'mixed-300.json'));
    const text = PlanRenderer.toText(new DaemonPlanner(many).addChart(agents()).plan());
    expect(text).toMatch(/^Nodes \(300 in \d+ profiles: nodes with the same daemons and allocatable\)$/m);
    expect(text.length).toBeLessThan(20_000);
  });

  test('HTML carries the same numbers in data attributes', () => {
    const html = PlanRenderer.toHtml(report);
    expect(html).toContain('data-node-count="16"');
    expect(html).toContain('data-daemonset="kube-system/traces" data-desired="9"');
    const small = html.slice(html.indexOf('<div class="node" data-node="ip-10-0-0-15.small.internal">'));
    expect(small).toMatch(/^<div class="node"[^>]*>[^<]*<\/div><div class="bar" data-resource="cpu" data-requested="70" data-allocatable="1930" data-percent="3.6"/);
  });
});
