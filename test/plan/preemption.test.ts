import { busyPlanOf, daemon, inventoryOf, node, clusterPod, priorityClass, requestingDaemon } from './helpers';
import { ProblemKind } from '../../src/plan/report';

// DefaultPreemption (scheduling-fit.md section 4) for daemon pods on busy nodes.
const four = () => inventoryOf(node('w1', { allocatable: { cpu: '4', memory: '16Gi', pods: '20' } }));
const critical = (name: string, cpu: string, extra: Record<string, any> = {}) => requestingDaemon(name, cpu, '0', { priorityClassName: 'agents', ...extra });
const agents = priorityClass('agents', 1000);
const pdb = (name: string, matchLabels: Record<string, string> | undefined, disruptionsAllowed?: number, disruptedPods?: Record<string, string>) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'apps' },
  spec: { ...(matchLabels ? { selector: { matchLabels } } : {}), minAvailable: 1 },
  ...(disruptionsAllowed !== undefined
    ? { status: { disruptionsAllowed, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, ...(disruptedPods ? { disruptedPods } : {}) } }
    : {}),
});

describe('who may be preempted', () => {
  test('the reprieve example: remove all lower pods, put them back from the highest priority down; b is the victim although c is lower', () => {
    const pods = [clusterPod('a', { node: 'w1', cpu: '1', priority: 100 }), clusterPod('b', { node: 'w1', cpu: '2', priority: 50 }), clusterPod('c', { node: 'w1', cpu: '1', priority: 10 })];
    const fit = daemon(busyPlanOf(four(), pods, [critical('agent', '2'), agents]), 'agent').fit;
    expect(fit.preempts).toEqual([{ node: 'w1', victims: ['apps/b'], pdbViolations: 0, gracePeriodSeconds: 30 }]);
    expect(fit.runs).toEqual([]);
  });

  test('equal priority is never preempted', () => {
    const pods = [clusterPod('peer', { node: 'w1', cpu: '4', priority: 1000 })];
    const fit = daemon(busyPlanOf(four(), pods, [critical('agent', '1'), agents]), 'agent').fit;
    expect(fit.pending).toEqual([{ node: 'w1', reason: 'Insufficient cpu', detail: 'cpu: requests 1, 0 free of 4', preemption: 'No preemption victims found for incoming pod' }]);
  });

  test('preemptionPolicy: Never (from the PriorityClass) never preempts', () => {
    const pods = [clusterPod('web', { node: 'w1', cpu: '4' })];
    const report = busyPlanOf(four(), pods, [critical('agent', '1'), priorityClass('agents', 1000, 'Never')]);
    expect(daemon(report, 'agent').preemptionPolicy).toBe('Never');
    expect(daemon(report, 'agent').fit.pending[0].preemption).toBe('not eligible due to preemptionPolicy=Never.');
  });

  test('when even removing every lower-priority pod is not enough, nothing is evicted and the pod stays Pending', () => {
    const pods = [clusterPod('peer', { node: 'w1', cpu: '3', priority: 1000 }), clusterPod('web', { node: 'w1', cpu: '1' })];
    const fit = daemon(busyPlanOf(four(), pods, [critical('agent', '2'), agents]), 'agent').fit;
    expect(fit.preempts).toEqual([]);
    expect(fit.pending).toEqual([{ node: 'w1', reason: 'Insufficient cpu', detail: 'cpu: requests 2, 0 free of 4', preemption: 'Insufficient cpu' }]);
  });

  test('victims are chosen from the least important: lower priority, then the later start (no startTime counts as now)', () => {
    const pods = [clusterPod('old', { node: 'w1', cpu: '2', startTime: '2026-01-01T00:00:00Z' }), clusterPod('new', { node: 'w1', cpu: '2', startTime: '2026-11-01T00:00:00Z' })];
    expect(daemon(busyPlanOf(four(), pods, [critical('agent', '1'), agents]), 'agent').fit.preempts[0].victims).toEqual(['apps/new']);
    const notStarted = [pods[1], clusterPod('pending-start', { node: 'w1', cpu: '2', startTime: null })];
    expect(daemon(busyPlanOf(four(), notStarted, [critical('agent', '1'), agents]), 'agent').fit.preempts[0].victims).toEqual(['apps/pending-start']);
  });

  test('a lower-priority pod holding the host port can be preempted', () => {
    const pods = [clusterPod('holder', { node: 'w1', hostPorts: [{ hostPort: 9100 }] })];
    const exporter = critical('exporter', '10m', { containers: [{ name: 'm', image: 'x', ports: [{ containerPort: 9100, hostPort: 9100 }] }] });
    expect(daemon(busyPlanOf(four(), pods, [exporter, agents]), 'exporter').fit.preempts[0].victims).toEqual(['apps/holder']);
  });

  test('the grace period of the victims is reported: the daemon pod starts no earlier', () => {
    const pods = [clusterPod('slow', { node: 'w1', cpu: '4', gracePeriod: 120 })];
    expect(daemon(busyPlanOf(four(), pods, [critical('agent', '1'), agents]), 'agent').fit.preempts[0].gracePeriodSeconds).toBe(120);
  });

  test('existing pods without spec.priority are priority 0 whatever their class name says', () => {
    const pods = [clusterPod('web', { node: 'w1', cpu: '4', priorityClassName: 'high' })];
    expect(daemon(busyPlanOf(four(), pods, [critical('agent', '1'), agents]), 'agent').fit.preempts[0].victims).toEqual(['apps/web']);
  });
});

describe('PodDisruptionBudgets', () => {
  // Two equal pods, each enough room; the PDB decides which one is put back first.
  const pods = () => [clusterPod('a', { node: 'w1', cpu: '2', labels: { app: 'a' }, startTime: '2026-01-01T00:00:00Z' }),
    clusterPod('b', { node: 'w1', cpu: '2', labels: { app: 'b' }, startTime: '2026-02-01T00:00:00Z' })];

  test('without PDBs the later-started pod is the victim', () => {
    expect(daemon(busyPlanOf(four(), pods(), [critical('agent', '2'), agents]), 'agent').fit.preempts[0]).toMatchObject({ victims: ['apps/b'], pdbViolations: 0 });
  });

  test('PDB-violating pods are reprieved first, so the victim is the pod whose eviction the budget allows', () => {
    const objects = [critical('agent', '2'), agents, pdb('protect-b', { app: 'b' }, 0)];
    expect(daemon(busyPlanOf(four(), pods(), objects), 'agent').fit.preempts[0]).toMatchObject({ victims: ['apps/a'], pdbViolations: 0 });
  });

  test('a violation does not block preemption: it is counted', () => {
    const objects = [critical('agent', '4'), agents, pdb('protect-all', { app: 'a' }, 0), pdb('protect-b', { app: 'b' }, 0)];
    expect(daemon(busyPlanOf(four(), pods(), objects), 'agent').fit.preempts[0]).toMatchObject({ victims: ['apps/a', 'apps/b'], pdbViolations: 2 });
  });

  test('disruptionsAllowed is a budget: a PDB that allows one eviction leaves its pod non-violating', () => {
    const objects = [critical('agent', '2'), agents, pdb('both', { app: 'a' }, 1), pdb('b', { app: 'b' }, 1)];
    // Each PDB allows one: nobody violates, the order stays by start time.
    expect(daemon(busyPlanOf(four(), pods(), objects), 'agent').fit.preempts[0].victims).toEqual(['apps/b']);
  });

  test('one budget over both pods: the first in order uses the one allowed disruption, the second violates and is reprieved first', () => {
    const both = pods().map(p => ({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, tier: 'db' } } }));
    const fit = daemon(busyPlanOf(four(), both, [critical('agent', '2'), agents, pdb('db', { tier: 'db' }, 1)]), 'agent').fit;
    expect(fit.preempts[0]).toMatchObject({ victims: ['apps/a'], pdbViolations: 0 });
  });

  test('an empty selector matches nothing; a pod in disruptedPods is skipped; a PDB without status counts as 0', () => {
    expect(daemon(busyPlanOf(four(), pods(), [critical('agent', '2'), agents, pdb('empty', undefined, 0)]), 'agent').fit.preempts[0].victims).toEqual(['apps/b']);
    expect(daemon(busyPlanOf(four(), pods(), [critical('agent', '2'), agents, pdb('p', { app: 'b' }, 0, { b: '2026-11-30T00:00:00Z' })]), 'agent')
      .fit.preempts[0].victims).toEqual(['apps/b']);
    expect(daemon(busyPlanOf(four(), pods(), [critical('agent', '2'), agents, pdb('nostatus', { app: 'b' })]), 'agent').fit.preempts[0].victims).toEqual(['apps/a']);
  });
});

describe('daemons in scheduling order', () => {
  test('higher priority first, then namespace/name; a daemon may preempt another daemon\'s existing pod, never one placed before it', () => {
    const inv = inventoryOf(node('w1', { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } }));
    const pods = [clusterPod('kube-proxy-x', { namespace: 'kube-system', node: 'w1', cpu: '1500m', ownerDaemonSet: 'kube-proxy' })];
    const report = busyPlanOf(inv, pods, [
      requestingDaemon('b-low', '500m', '0'),
      requestingDaemon('node-exporter', '1500m', '0', { priorityClassName: 'system-node-critical' }),
      requestingDaemon('a-low', '500m', '0'),
    ]);
    expect(daemon(report, 'node-exporter').fit.preempts).toEqual([{ node: 'w1', victims: ['kube-system/kube-proxy-x'], pdbViolations: 0, gracePeriodSeconds: 30 }]);
    expect(daemon(report, 'a-low').fit.runs).toEqual(['w1']);
    expect(daemon(report, 'b-low').fit.pending[0].reason).toBe('Insufficient cpu');
    expect(report.nodes[0].pending.map(p => p.daemonSet)).toEqual(['kube-system/b-low']);
    expect(report.nodes[0].preemptions).toEqual([{ daemonSet: 'kube-system/node-exporter', victims: ['kube-system/kube-proxy-x'] }]);
  });

  test('lower-priority pods nominated to the node lose their nomination when a daemon preempts there', () => {
    const inv = inventoryOf(node('w1', { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } }));
    const pods = [clusterPod('web', { node: 'w1', cpu: '1' }), clusterPod('waiting', { cpu: '1', priority: 500, phase: 'Pending', nominatedNodeName: 'w1' })];
    const report = busyPlanOf(inv, pods, [critical('big', '1500m'), requestingDaemon('small', '500m', '0', { priorityClassName: 'mid' }), agents, priorityClass('mid', 100)]);
    expect(daemon(report, 'big').fit.preempts[0].victims).toEqual(['apps/web']);
    // With the nomination gone, only 'big' takes room: 500m left for 'small' (priority 100 < the nominee's 500, so it would have counted).
    expect(daemon(report, 'small').fit.runs).toEqual(['w1']);
  });

  test('system-node-critical daemons preempt their room; the problem line counts victims by namespace', () => {
    const inv = inventoryOf(...['a', 'b', 'c'].map(n => node(n, { allocatable: { cpu: '2', memory: '4Gi', pods: '10' } })));
    const pods = [
      clusterPod('pay-1', { namespace: 'payments', node: 'a', cpu: '1', memory: '2Gi' }), clusterPod('pay-2', { namespace: 'payments', node: 'a', cpu: '1', memory: '2Gi' }),
      clusterPod('web-1', { namespace: 'web', node: 'b', cpu: '2' }), clusterPod('ok', { namespace: 'web', node: 'c', cpu: '500m' }),
    ];
    const report = busyPlanOf(inv, pods, [requestingDaemon('node-exporter', '100m', '100Mi', { priorityClassName: 'system-node-critical' })]);
    const fit = daemon(report, 'node-exporter').fit;
    expect(fit.runs).toEqual(['c']);
    expect(fit.preempts.map(p => [p.node, p.victims])).toEqual([['a', ['apps/pay-2'].map(v => v.replace('apps', 'payments'))], ['b', ['web/web-1']]]);
    const problem = report.problems.find(p => p.kind === ProblemKind.PREEMPTS)!;
    expect(problem.message).toBe('kube-system/node-exporter preempts 2 pods on 2 nodes, 1 of them in namespace payments, 1 in namespace web; '
      + 'it starts after the victims\' grace period (up to 30s)');
  });
});
