import { daemonSet, inventoryOf, node, planOf, SAMPLE_16 } from './helpers';
import { NodeInventory } from '../../src/plan';
import { ProblemKind, ProblemSeverity } from '../../src/plan/report';

const sample = NodeInventory.fromFile(SAMPLE_16);
const kinds = (...objects: any[]) => planOf(sample, ...objects).problems.map(p => p.kind);
const linux = { nodeSelector: { 'kubernetes.io/os': 'linux' } };
const everything = { tolerations: [{ operator: 'Exists' }] };

describe('problems called out', () => {
  test('a daemon that lands on no node, with the main reasons', () => {
    const report = planOf(sample, daemonSet('nowhere', { nodeSelector: { feature: 'quantum' } }));
    expect(report.problems).toEqual([{
      severity: ProblemSeverity.ERROR,
      kind: ProblemKind.NO_NODES,
      daemonSet: 'kube-system/nowhere',
      message: 'kube-system/nowhere lands on none of the 16 nodes: nodeSelector feature=quantum (16 nodes)',
    }]);
  });

  test('a daemon that misses the control plane because of its taint', () => {
    const report = planOf(sample, daemonSet('agent', { ...linux, tolerations: [{ key: 'os', operator: 'Exists' }] }));
    expect(report.problems.map(p => [p.severity, p.kind, p.message])).toContainEqual([ProblemSeverity.WARNING, ProblemKind.MISSES_CONTROL_PLANE,
      'kube-system/agent misses 1 of 1 control-plane node (taint node-role.kubernetes.io/control-plane:NoSchedule): tolerate the taint if the daemon should run there']);
  });

  test('tolerating the control-plane taint, or selecting other nodes on purpose, is no problem', () => {
    const cp = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };
    expect(kinds(daemonSet('agent', { ...linux, tolerations: [cp] }))).not.toContain(ProblemKind.MISSES_CONTROL_PLANE);
    expect(kinds(daemonSet('agent', { nodeSelector: { 'example.com/pool': 'general' } }))).not.toContain(ProblemKind.MISSES_CONTROL_PLANE);
  });

  test('a daemon on Windows nodes that selects no operating system', () => {
    const report = planOf(sample, daemonSet('agent', everything));
    expect(report.problems.find(p => p.kind === ProblemKind.LANDS_ON_WINDOWS)?.message)
      .toBe('kube-system/agent runs on 1 Windows node (e.g. ip-10-0-0-13.windows.internal) although it selects no operating system: '
        + 'Linux images hang in ContainerCreating there; select kubernetes.io/os=linux');
    expect(kinds(daemonSet('agent', { ...everything, ...linux }))).not.toContain(ProblemKind.LANDS_ON_WINDOWS);
  });

  test('a daemon on virtual-kubelet nodes', () => {
    expect(kinds(daemonSet('agent', { ...everything, ...linux }))).toEqual([ProblemKind.LANDS_ON_VIRTUAL_NODES]);
  });

  test('a daemon that misses ARM nodes without selecting an architecture', () => {
    const report = planOf(sample, daemonSet('agent', { ...linux, nodeSelector: { 'example.com/pool': 'general' } }));
    expect(report.problems.map(p => p.kind)).toContain(ProblemKind.MISSES_ARM_NODES);
    expect(kinds(daemonSet('agent', { nodeSelector: { 'kubernetes.io/arch': 'amd64' } }))).not.toContain(ProblemKind.MISSES_ARM_NODES);
  });

  test('ARM nodes missed for reasons of their own (one is NotReady) are no coverage gap', () => {
    const inv = inventoryOf(node('amd'), node('arm-1', { labels: { 'kubernetes.io/arch': 'arm64' } }),
      node('arm-2', { labels: { 'kubernetes.io/arch': 'arm64' }, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] }));
    expect(planOf(inv, daemonSet('agent')).problems).toEqual([]);
    expect(planOf(inv, daemonSet('agent', { nodeSelector: { 'kubernetes.io/hostname': 'amd' } })).problems.map(p => p.message))
      .toEqual(['kube-system/agent misses all 2 ARM nodes (nodeSelector kubernetes.io/hostname=amd) although it selects no architecture']);
  });

  test('a control-plane node missed only because it is NotReady is no control-plane gap', () => {
    const cp = { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' };
    const inv = inventoryOf(node('worker'), node('cp', {
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
    }));
    expect(planOf(inv, daemonSet('agent', { tolerations: [cp] })).problems).toEqual([]);
  });

  test('a priorityClassName no object of the input defines and no system class', () => {
    const report = planOf(sample, daemonSet('agent', { ...linux, priorityClassName: 'agents' }));
    expect(report.problems[0]).toMatchObject({ severity: ProblemSeverity.ERROR, kind: ProblemKind.UNKNOWN_PRIORITY_CLASS });
    expect(report.problems[0].message).toContain('no PriorityClass with name agents was found');
    const defined = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'agents' }, value: 1000 };
    expect(kinds(daemonSet('agent', { ...linux, priorityClassName: 'agents' }), defined)).not.toContain(ProblemKind.UNKNOWN_PRIORITY_CLASS);
    expect(kinds(daemonSet('agent', { ...linux, priorityClassName: 'system-node-critical' }))).not.toContain(ProblemKind.UNKNOWN_PRIORITY_CLASS);
    expect(kinds(daemonSet('agent', { ...linux, priorityClassName: 'system-important' }))).toContain(ProblemKind.UNKNOWN_PRIORITY_CLASS);
  });

  test('a node-local Service whose daemons miss untainted nodes', () => {
    const inv = inventoryOf(node('amd', { labels: { 'kubernetes.io/arch': 'amd64' } }), node('arm', { labels: { 'kubernetes.io/arch': 'arm64' } }));
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: { selector: { app: 'agent' }, internalTrafficPolicy: 'Local', ports: [{ port: 80 }] },
    };
    const amd = daemonSet('agent-amd64', { nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
    amd.spec.template.metadata.labels = { app: 'agent', arch: 'amd64' };
    const arm = daemonSet('agent-arm64', { nodeSelector: { 'kubernetes.io/arch': 'arm64' } });
    arm.spec.template.metadata.labels = { app: 'agent', arch: 'arm64' };
    const one = planOf(inv, amd, service);
    expect(one.daemonSets[0].services).toEqual(['kube-system/agent']);
    expect(one.problems.map(p => p.message)).toEqual(['Service kube-system/agent (internalTrafficPolicy: Local) has no endpoint on 1 untainted node '
      + '(e.g. arm): kube-system/agent-amd64 misses them, and clients there get no answer']);
    expect(planOf(inv, amd, arm, service).problems).toEqual([]); // together the two daemons cover every node
  });

  test('the same DaemonSet twice', () => {
    expect(kinds(daemonSet('agent', linux), daemonSet('agent', linux))).toContain(ProblemKind.DUPLICATE_DAEMON_SET);
  });

  test('no DaemonSet at all', () => {
    expect(kinds({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([ProblemKind.NO_DAEMON_SETS]);
  });

  test('errors come first', () => {
    const report = planOf(sample, daemonSet('warned', everything), daemonSet('broken', { priorityClassName: 'nope', ...linux }));
    const severities = report.problems.map(p => p.severity);
    expect(severities[0]).toBe(ProblemSeverity.ERROR);
    expect(severities.lastIndexOf(ProblemSeverity.ERROR)).toBeLessThan(severities.indexOf(ProblemSeverity.WARNING));
  });
});
