import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { daemonSet, node, clusterPod, podList, priorityClass } from './helpers';
import { execute } from '../../src/cli/main';

// cdk8s-daemons plan --pods / --objects / --feature-gates / --fail-on pending|preempts.
const dir = mkdtempSync(join(tmpdir(), 'plan-busy-cli-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const nodes = write('nodes.json', JSON.stringify({ kind: 'List', items: ['a', 'b'].map(n => node(n, { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } })) }));
const pods = write('pods.json', podList(clusterPod('web-a', { node: 'a', cpu: '1900m' }), clusterPod('web-b', { node: 'b', cpu: '1900m', namespace: 'payments' })));
const requesting = (name: string, extra: Record<string, any> = {}) => daemonSet(name, { containers: [{ name: 'm', image: 'x', resources: { requests: { cpu: '200m' } } }], ...extra });
const lowDaemon = write('low.json', JSON.stringify(requesting('logs')));
const highDaemon = write('high.json', JSON.stringify(requesting('metrics', { priorityClassName: 'agents' })));
const objects = write('cluster.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [priorityClass('agents', 100000)] }));

describe('cdk8s-daemons plan on a busy cluster', () => {
  test('--pods: Pending daemon pods in text, and --fail-on pending trips', () => {
    const r = execute(['plan', '--nodes', nodes, '--pods', pods, '--fail-on', 'pending', lowDaemon]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('kube-system/logs stays Pending on 2 nodes (cpu)');
    expect(r.stdout).toContain('kube-system/logs: Pending on 2 nodes: Insufficient cpu (e.g. cpu: requests 200m, 100m free of 2); preemption: No preemption victims found for incoming pod: a, b');
    expect(r.stderr).toBe('cdk8s-daemons: plan: --fail-on pending: 1 DaemonSets on 2 nodes, 1 errors, 0 warnings, 2 daemon pods pending or refused, 0 preempting\n');
    expect(execute(['plan', '--nodes', nodes, '--pods', pods, '--fail-on', 'preempts', lowDaemon]).exitCode).toBe(0);
  });

  test('--objects: the PriorityClass from the cluster lets the daemon preempt; --fail-on preempts trips; JSON has the fit', () => {
    const r = execute(['plan', '--nodes', nodes, '--pods', pods, '--objects', objects, '--format', 'json', '--fail-on', 'pending,preempts', highDaemon]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.daemonSets[0].priority).toBe(100000);
    expect(report.daemonSets[0].fit).toEqual({
      runs: [],
      preempts: [{ node: 'a', victims: ['apps/web-a'], pdbViolations: 0, gracePeriodSeconds: 30 }, { node: 'b', victims: ['payments/web-b'], pdbViolations: 0, gracePeriodSeconds: 30 }],
      pending: [],
      rejected: [],
    });
    expect(report.problems.map((p: any) => p.message)).toContain('kube-system/metrics preempts 2 pods on 2 nodes, 1 of them in namespace apps, 1 in namespace payments; '
      + 'it starts after the victims\' grace period (up to 30s)');
    expect(report.cost[0]).toMatchObject({ nodeClass: 'cluster', nodes: 2, cpuCores: 0.4, allocatableCores: 4, cpuPercent: 10 });
  });

  test('--feature-gates SidecarContainers=true counts sidecars next to the containers', () => {
    const sidecar = write('sidecar.json', JSON.stringify(daemonSet('mesh', {
      initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } }],
      containers: [{ name: 'm', image: 'x', resources: { requests: { cpu: '50m' } } }],
    })));
    const cpu = (args: string[]) => JSON.parse(execute(['plan', '--nodes', nodes, '--format', 'json', ...args, sidecar]).stdout).daemonSets[0].requests;
    expect(cpu(['--feature-gates', 'SidecarContainers=true'])).toEqual([{ resource: 'cpu', amount: 100 }]);
    expect(cpu([])).toEqual([{ resource: 'cpu', amount: 50 }]);
  });

  test.each([
    [['--pods', join(dir, 'missing.json')], /^cdk8s-daemons: .*missing\.json: \$: no such file$/],
    [['--pods', write('bad-pods.json', '{"items": [{"metadata": }]}')], /^cdk8s-daemons: .*bad-pods\.json: line 1, column 25: malformed JSON: .+$/],
    [['--pods', nodes], /^cdk8s-daemons: .*nodes\.json: \$\.items\[0\]\.kind: expected a Pod, found kind "Node"$/],
    [['--feature-gates', 'InPlacePodVerticalScaling=true'], /^cdk8s-daemons: plan: --feature-gates: the planner models only SidecarContainers=true\|false, not "InPlacePodVerticalScaling=true"$/],
  ])('bad input %#: one line, exit 2', (args, pattern) => {
    const r = execute(['plan', '--nodes', nodes, ...args, lowDaemon]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(pattern);
  });
});
