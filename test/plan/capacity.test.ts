import { daemon, daemonSet, inventoryOf, node, planOf } from './helpers';
import { DaemonPlanner } from '../../src/plan';
import { ProblemKind } from '../../src/plan/report';

const container = (name: string, resources: Record<string, any>, extra: Record<string, any> = {}) => ({ name, image: 'x', resources, ...extra });
const requesting = (cpu: string, memory: string) => ({ containers: [container('main', { requests: { cpu, memory } })] });
const small = () => inventoryOf(node('small', { allocatable: { 'cpu': '1', 'memory': '1Gi', 'pods': '3', 'ephemeral-storage': '10Gi' } }));

describe('per-node overhead', () => {
  test('sums the requests of every daemon landing on the node, against allocatable, in percent', () => {
    const report = planOf(small(), daemonSet('a', requesting('250m', '256Mi')), daemonSet('b', requesting('0.1', '128Mi')));
    const n = report.nodes[0];
    expect(n.daemonSets).toEqual(['kube-system/a', 'kube-system/b']);
    expect(n.cpu).toEqual({ resource: 'cpu', requested: 350, allocatable: 1000, percent: 35 });
    expect(n.memory).toEqual({ resource: 'memory', requested: 384 * 2 ** 20, allocatable: 2 ** 30, percent: 37.5 });
    expect(n.pods).toEqual({ resource: 'pods', requested: 2, allocatable: 3, percent: 66.7 });
    expect(n.pending).toEqual([]);
  });

  test('a limit without a request counts as the request (API defaulting)', () => {
    const report = planOf(small(), daemonSet('a', { containers: [container('main', { limits: { cpu: '200m', memory: '64Mi' }, requests: { memory: '32Mi' } })] }));
    expect(daemon(report, 'a').requests).toEqual([{ resource: 'memory', amount: 32 * 2 ** 20 }, { resource: 'cpu', amount: 200 }]);
  });

  test('pod requests: containers summed, the largest init container if bigger, sidecars added, RuntimeClass overhead added', () => {
    const pod = {
      initContainers: [
        container('big-init', { requests: { cpu: '900m' } }),
        container('sidecar', { requests: { cpu: '50m' } }, { restartPolicy: 'Always' }),
        container('late-init', { requests: { cpu: '100m' } }),
      ],
      containers: [container('one', { requests: { cpu: '100m' } }), container('two', { requests: { cpu: '200m' } })],
      runtimeClassName: 'kata',
    };
    const kata = { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'kata' }, handler: 'kata', overhead: { podFixed: { cpu: '10m' } } };
    // containers 300 + sidecar 50 = 350; init steps: 900, 50, 100+50 -> max 900; plus overhead 10.
    const inv = small();
    const planned = new DaemonPlanner(inv, { sidecarContainers: true }).addText(JSON.stringify({ kind: 'List', items: [daemonSet('a', pod), kata] }), 't.json').plan();
    expect(daemon(planned, 'a').requests).toEqual([{ resource: 'cpu', amount: 910 }]);
  });

  test('extended resources are listed per node; a node without them leaves the pod Pending', () => {
    const gpuPod = { containers: [container('main', { limits: { 'nvidia.com/gpu': '1' } })] };
    const report = planOf(inventoryOf(node('gpu', { allocatable: { 'cpu': '4', 'memory': '8Gi', 'pods': '10', 'nvidia.com/gpu': '1' } }),
      node('cpu-only')), daemonSet('gpu-agent', gpuPod));
    expect(report.nodes[0].extended).toEqual([{ resource: 'nvidia.com/gpu', requested: 1, allocatable: 1, percent: 100 }]);
    expect(report.nodes[0].pending).toEqual([]);
    expect(report.nodes[1].pending).toEqual([{
      daemonSet: 'kube-system/gpu-agent',
      reason: 'Insufficient nvidia.com/gpu',
      detail: 'nvidia.com/gpu: requests 1, the node has none',
      preemption: 'No preemption victims found for incoming pod',
    }]);
  });
});

describe('daemons that do not fit stay Pending', () => {
  test('higher priority first, then namespace/name; the scheduler\'s reason is given', () => {
    const report = planOf(small(),
      daemonSet('first', requesting('600m', '100Mi')),
      daemonSet('critical', { priorityClassName: 'system-node-critical', ...requesting('500m', '100Mi') }),
      daemonSet('last', requesting('100m', '100Mi')));
    const n = report.nodes[0];
    expect(n.cpu.requested).toBe(1200);
    expect(n.cpu.percent).toBe(120);
    expect(n.pending).toEqual([{
      daemonSet: 'kube-system/first',
      reason: 'Insufficient cpu',
      detail: 'cpu: requests 600m, 500m free of 1',
      preemption: 'No preemption victims found for incoming pod',
    }]);
    expect(report.problems).toEqual([expect.objectContaining({
      kind: ProblemKind.PENDING,
      daemonSet: 'kube-system/first',
      message: 'kube-system/first stays Pending on 1 node (cpu), e.g. small: Insufficient cpu (cpu: requests 600m, 500m free of 1); '
        + 'preemption: No preemption victims found for incoming pod',
    })]);
  });

  test('a PriorityClass of the input sets the order', () => {
    const report = planOf(small(),
      daemonSet('first', requesting('600m', '0')),
      daemonSet('second', { priorityClassName: 'agents', ...requesting('600m', '0') }),
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'agents' }, value: 1000 });
    expect(report.nodes[0].pending.map(p => p.daemonSet)).toEqual(['kube-system/first']);
    expect(daemon(report, 'second').priority).toBe(1000);
  });

  test('too many pods; equal-priority daemons are placed by namespace/name, not input order', () => {
    const report = planOf(small(), ...['d', 'c', 'b', 'a'].map(n => daemonSet(n)));
    expect(report.nodes[0].pending).toEqual([{ daemonSet: 'kube-system/d', reason: 'Too many pods', detail: 'pods: 3 of 3 taken', preemption: 'No preemption victims found for incoming pod' }]);
  });

  test('every resource that does not fit is named', () => {
    const report = planOf(small(), daemonSet('huge', requesting('2', '2Gi')));
    expect(report.nodes[0].pending[0]).toMatchObject({
      reason: 'Insufficient cpu, Insufficient memory',
      detail: 'cpu: requests 2, 1 free of 1; memory: requests 2Gi, 1Gi free of 1Gi',
      // Removing every lower-priority pod (there are none) cannot help either.
      preemption: 'No preemption victims found for incoming pod',
    });
  });

  test('sample-16: the small t3 node is the one that fills up', () => {
    const inv = inventoryOf(node('big', { allocatable: { cpu: '15890m', memory: '63436372Ki', pods: '234' } }),
      node('t3', { allocatable: { cpu: '1930m', memory: '1445636Ki', pods: '11' } }));
    const report = planOf(inv, daemonSet('a', requesting('1', '1Gi')), daemonSet('b', requesting('1', '512Mi')));
    expect(report.nodes.map(n => n.pending.length)).toEqual([0, 1]);
    expect(report.nodes[1].memory.percent).toBe(108.8);
  });
});
