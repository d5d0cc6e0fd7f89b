import { busyPlanOf, daemon, inventoryOf, node, clusterPod, priorityClass, requestingDaemon } from './helpers';
import { ProblemKind } from '../../src/plan/report';

// NodeResourcesFit and NodePorts against the pods already on the node (scheduling-fit.md sections 2 and 3).
const worker = (name = 'w1', allocatable: Record<string, string> = { cpu: '2', memory: '4Gi', pods: '10' }) => node(name, { allocatable });

describe('allocatable minus the pods already there', () => {
  test('a daemon fits what is left, and the node reports what is left after it', () => {
    const report = busyPlanOf(inventoryOf(worker()), [clusterPod('web', { node: 'w1', cpu: '1500m', memory: '1Gi' })], [requestingDaemon('agent', '500m', '1Gi')]);
    expect(daemon(report, 'agent').fit).toEqual({ runs: ['w1'], preempts: [], pending: [], rejected: [] });
    expect(report.nodes[0].existingPods).toBe(1);
    expect(report.nodes[0].left).toEqual([{ resource: 'cpu', amount: 0 }, { resource: 'memory', amount: 2 * 2 ** 30 }, { resource: 'pods', amount: 8 }]);
  });

  test('the comparison is strictly greater: a request that exactly fills the free room fits, one millicore more does not', () => {
    const pods = [clusterPod('web', { node: 'w1', cpu: '1500m' })];
    expect(daemon(busyPlanOf(inventoryOf(worker()), pods, [requestingDaemon('agent', '500m', '0')]), 'agent').fit.runs).toEqual(['w1']);
    const over = daemon(busyPlanOf(inventoryOf(worker()), pods, [requestingDaemon('agent', '501m', '0')]), 'agent').fit;
    expect(over.pending).toEqual([{ node: 'w1', reason: 'Insufficient cpu', detail: 'cpu: requests 501m, 500m free of 2', preemption: 'No preemption victims found for incoming pod' }]);
  });

  test('every insufficient resource is a reason; the reasons are sorted as in the FailedScheduling histogram', () => {
    const pods = [clusterPod('web', { node: 'w1', cpu: '2', memory: '4Gi' })];
    const fit = daemon(busyPlanOf(inventoryOf(worker()), pods, [requestingDaemon('agent', '10m', '10Mi')]), 'agent').fit;
    expect(fit.pending[0].reason).toBe('Insufficient cpu, Insufficient memory');
  });

  test('Too many pods on a node whose pods are all tiny; a pod that requests nothing is still a pod', () => {
    const pods = Array.from({ length: 10 }, (_, i) => clusterPod(`tiny-${i}`, { node: 'w1', cpu: '1m' }));
    const report = busyPlanOf(inventoryOf(worker()), pods, [requestingDaemon('agent', '0', '0')]);
    expect(daemon(report, 'agent').fit.pending).toEqual([{ node: 'w1', reason: 'Too many pods', detail: 'pods: 10 of 10 taken', preemption: 'No preemption victims found for incoming pod' }]);
  });

  test('pods that terminated (Succeeded, Failed) do not count; terminating pods and Pending-but-bound pods do', () => {
    const big = { node: 'w1', cpu: '1', memory: '1Gi' };
    const pods = [clusterPod('done', { ...big, phase: 'Succeeded' }), clusterPod('crashed', { ...big, phase: 'Failed' }), clusterPod('deleting', { ...big, deleting: true }),
      clusterPod('starting', { ...big, phase: 'Pending' }), clusterPod('unbound', { cpu: '2', phase: 'Pending' })];
    const report = busyPlanOf(inventoryOf(worker()), pods, [requestingDaemon('agent', '1', '0')]);
    expect(report.pods).toMatchObject({ counted: 2, terminated: 2, unscheduled: 1 });
    expect(daemon(report, 'agent').fit.pending.map(p => p.reason)).toEqual(['Insufficient cpu']);
    const roomy = busyPlanOf(inventoryOf(worker()), pods.filter(p => p.metadata.name !== 'starting'), [requestingDaemon('agent', '1', '0')]);
    expect(daemon(roomy, 'agent').fit.runs).toEqual(['w1']);
  });

  test('pods nominated to the node count for pods of lower or equal priority only', () => {
    const nominated = clusterPod('waiting', { cpu: '2', priority: 1000, phase: 'Pending', nominatedNodeName: 'w1' });
    const low = busyPlanOf(inventoryOf(worker()), [nominated], [requestingDaemon('agent', '1', '0')]);
    expect(daemon(low, 'agent').fit.pending.map(p => p.reason)).toEqual(['Insufficient cpu']);
    const high = busyPlanOf(inventoryOf(worker()), [nominated], [requestingDaemon('agent', '1', '0', { priorityClassName: 'agents' }), priorityClass('agents', 5000)]);
    expect(daemon(high, 'agent').fit.runs).toEqual(['w1']);
    expect(high.pods).toMatchObject({ counted: 0, nominated: 1 });
  });

  test('extended resources are compared against allocatable, and count as 0 when the node does not list them', () => {
    const gpuNode = worker('gpu', { 'cpu': '8', 'memory': '32Gi', 'pods': '10', 'nvidia.com/gpu': '4' });
    const pods = [clusterPod('train', { node: 'gpu', requests: { 'nvidia.com/gpu': '4' } })];
    const agent = requestingDaemon('gpu-agent', '10m', '10Mi', {
      containers: [{ name: 'main', image: 'x', resources: { limits: { 'nvidia.com/gpu': '1' } } }],
    });
    const report = busyPlanOf(inventoryOf(gpuNode, worker('cpu-only')), pods, [agent]);
    expect(daemon(report, 'gpu-agent').fit.pending).toEqual([
      { node: 'gpu', reason: 'Insufficient nvidia.com/gpu', detail: 'nvidia.com/gpu: requests 1, 0 free of 4', preemption: 'No preemption victims found for incoming pod' },
      { node: 'cpu-only', reason: 'Insufficient nvidia.com/gpu', detail: 'nvidia.com/gpu: requests 1, the node has none', preemption: 'No preemption victims found for incoming pod' },
    ]);
  });

  test('the pods of the planned DaemonSets are left out (placed afresh); pods of other DaemonSets are ordinary pods', () => {
    const pods = [clusterPod('agent-x1', { namespace: 'kube-system', node: 'w1', cpu: '1', ownerDaemonSet: 'agent' }),
      clusterPod('other-x1', { namespace: 'kube-system', node: 'w1', cpu: '1', ownerDaemonSet: 'kube-proxy' })];
    const report = busyPlanOf(inventoryOf(worker()), pods, [requestingDaemon('agent', '1', '0')]);
    expect(report.pods).toMatchObject({ counted: 1, replaced: 1 });
    expect(daemon(report, 'agent').fit.runs).toEqual(['w1']);
  });

  test('pods bound to nodes outside the inventory are counted apart', () => {
    const report = busyPlanOf(inventoryOf(worker()), [clusterPod('elsewhere', { node: 'gone', cpu: '2' })], [requestingDaemon('agent', '1', '0')]);
    expect(report.pods).toMatchObject({ counted: 0, onOtherNodes: 1 });
  });

  test('a default-priority daemon on a packed node stays Pending, and the problem says why in a few words', () => {
    const inv = inventoryOf(...['a', 'b', 'c'].map(n => worker(n)));
    const pods = ['a', 'b'].map(n => clusterPod(`db-${n}`, { node: n, cpu: '100m', memory: '3900Mi' }));
    const report = busyPlanOf(inv, pods, [requestingDaemon('fluent-bit', '100m', '200Mi')]);
    expect(daemon(report, 'fluent-bit').fit.runs).toEqual(['c']);
    const problem = report.problems.find(p => p.kind === ProblemKind.PENDING)!;
    expect(problem.message).toMatch(/^kube-system\/fluent-bit stays Pending on 2 nodes \(memory\), e\.g\. a: Insufficient memory/);
  });
});

describe('host ports', () => {
  const withPort = (port: Record<string, any>, pod0: Record<string, any> = {}) => daemonSetWithPort(port, pod0);
  function daemonSetWithPort(port: Record<string, any>, extra: Record<string, any>): any {
    return requestingDaemon('exporter', '10m', '10Mi', {
      containers: [{ name: 'main', image: 'x', ports: [{ containerPort: 9100, ...port }], resources: { requests: { cpu: '10m' } } }], ...extra,
    });
  }
  const reasonOn = (pods: any[], ds: any) => {
    const fit = daemon(busyPlanOf(inventoryOf(worker()), pods, [ds]), 'exporter').fit;
    return fit.runs.length ? 'runs' : fit.pending[0].reason;
  };
  const holder = (hostPort: number, extra: Record<string, any> = {}) => clusterPod('holder', { node: 'w1', hostPorts: [{ hostPort, ...extra }] });
  const PORTS = 'node(s) didn\'t have free ports for the requested pod ports';

  test('an existing pod holding the port keeps the daemon Pending', () => {
    expect(reasonOn([holder(9100)], withPort({ hostPort: 9100 }))).toBe(PORTS);
  });
  test('TCP and UDP on the same port do not conflict', () => {
    expect(reasonOn([holder(9100, { protocol: 'UDP' })], withPort({ hostPort: 9100 }))).toBe('runs');
  });
  test('two specific IPs do not conflict; 0.0.0.0 (or no IP) conflicts with any IP', () => {
    expect(reasonOn([holder(9100, { hostIP: '10.0.0.1' })], withPort({ hostPort: 9100, hostIP: '10.0.0.2' }))).toBe('runs');
    expect(reasonOn([holder(9100, { hostIP: '10.0.0.1' })], withPort({ hostPort: 9100 }))).toBe(PORTS);
    expect(reasonOn([holder(9100)], withPort({ hostPort: 9100, hostIP: '10.0.0.2' }))).toBe(PORTS);
    expect(reasonOn([holder(9100, { hostIP: '0.0.0.0' })], withPort({ hostPort: 9100, hostIP: '10.0.0.2' }))).toBe(PORTS);
  });
  test('"::" is one specific address, not a wildcard', () => {
    expect(reasonOn([holder(9100, { hostIP: '::' })], withPort({ hostPort: 9100, hostIP: '10.0.0.2' }))).toBe('runs');
  });
  test('a hostNetwork daemon holds its containerPort as a host port (pod defaulting)', () => {
    expect(reasonOn([holder(9100)], withPort({}, { hostNetwork: true }))).toBe(PORTS);
    expect(reasonOn([holder(9100)], withPort({}))).toBe('runs');
  });
  test('an existing hostNetwork pod holds its containerPorts', () => {
    const hostNet = clusterPod('hn', { node: 'w1' });
    hostNet.spec.hostNetwork = true;
    hostNet.spec.containers[0].ports = [{ containerPort: 9100 }];
    expect(reasonOn([hostNet], withPort({ hostPort: 9100 }))).toBe(PORTS);
  });
  test('NodePorts runs before NodeResourcesFit: a port conflict hides the resource reasons', () => {
    expect(reasonOn([holder(9100), clusterPod('big', { node: 'w1', cpu: '2' })], withPort({ hostPort: 9100 }))).toBe(PORTS);
  });
});
