import { busyPlanOf, clusterPod, daemon, daemonSet, inventoryOf, node, planOf, requestingDaemon } from './helpers';

// scheduling-fit.md section 5: each autoscaler bug as a test of the planner's answer.
const gpuPool = () => node('gpu-1', {
  labels: { 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'p4d.24xlarge' },
  taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }],
  allocatable: { 'cpu': '96', 'memory': '1000Gi', 'pods': '110', 'nvidia.com/gpu': '8' },
});

describe('the autoscaler pitfalls', () => {
  test('1 (karpenter #1749): a keyless Exists toleration tolerates every taint, so its requests count on tainted pools', () => {
    const report = planOf(inventoryOf(gpuPool()), requestingDaemon('everywhere', '100m', '128Mi', { tolerations: [{ operator: 'Exists' }] }));
    expect(daemon(report, 'everywhere').fit.runs).toEqual(['gpu-1']);
    expect(report.nodes[0].cpu.requested).toBe(100);
    expect(report.nodes[0].pods.requested).toBe(1);
  });

  test('2 (karpenter #2838): an instance-type requirement is matched against the node\'s actual labels; no label, no match', () => {
    const ds = requestingDaemon('typed', '10m', '0', {
      tolerations: [{ operator: 'Exists' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['p4d.24xlarge'] }] }] } } },
    });
    const report = planOf(inventoryOf(gpuPool(), node('unlabelled')), ds);
    expect(daemon(report, 'typed').nodeNames).toEqual(['gpu-1']);
  });

  test('3 (karpenter-provider-aws #3199): LimitRange defaults make the real overhead 1630m where the templates say 630m', () => {
    const lr = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'kube-system' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '1' } }] } };
    const report = planOf(inventoryOf(node('w', { allocatable: { cpu: '4', memory: '8Gi', pods: '20' } })),
      requestingDaemon('a', '315m', '0'), requestingDaemon('b', '315m', '0'), daemonSet('c'), lr);
    expect(report.nodes[0].cpu.requested).toBe(1630);
  });

  test('4 (karpenter-provider-aws #1573): a template with only limits requests its limits', () => {
    const report = planOf(inventoryOf(node('w')), daemonSet('limits', { containers: [{ name: 'm', image: 'x', resources: { limits: { cpu: '250m', memory: '256Mi' } } }] }));
    expect(report.nodes[0].cpu.requested).toBe(250);
    expect(report.nodes[0].memory.requested).toBe(256 * 2 ** 20);
  });

  test('5 (karpenter-provider-aws #6507): a workload pod on the node is usage, not DaemonSet overhead; GPUs compare against allocatable', () => {
    const training = clusterPod('train', { node: 'gpu-1', cpu: '4', requests: { 'nvidia.com/gpu': '8' } });
    const plugin = requestingDaemon('device-plugin', '50m', '64Mi', { tolerations: [{ operator: 'Exists' }] });
    const report = busyPlanOf(inventoryOf(gpuPool()), [training], [plugin]);
    const n = report.nodes[0];
    expect(n.extended).toEqual([]); // the daemons request no GPU
    expect(n.pods.requested).toBe(1); // one daemon pod, the workload is not one
    expect(n.existingPods).toBe(1);
    expect(n.left.find(l => l.resource === 'cpu')!.amount).toBe(96_000 - 4_000 - 50);
  });

  test('6 (autoscaler PR #7841): a system-node-critical daemon preempts its room; 7 (#9269): a default-priority one stays Pending', () => {
    const full = [clusterPod('app', { node: 'w', cpu: '3900m', memory: '1Gi', startTime: '2026-11-01T00:00:00Z' })];
    const inv = () => inventoryOf(node('w', { allocatable: { cpu: '4', memory: '8Gi', pods: '20' } }));
    const critical = busyPlanOf(inv(), full, [requestingDaemon('cni', '250m', '64Mi', { priorityClassName: 'system-node-critical' })]);
    expect(daemon(critical, 'cni').fit.preempts).toEqual([{ node: 'w', victims: ['apps/app'], pdbViolations: 0, gracePeriodSeconds: 30 }]);
    const plain = busyPlanOf(inv(), full, [requestingDaemon('logs', '250m', '64Mi')]);
    expect(daemon(plain, 'logs').fit.pending.map(p => p.reason)).toEqual(['Insufficient cpu']);
  });
});
