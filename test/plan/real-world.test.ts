import { readdirSync, readFileSync } from 'fs';
import { parse } from 'yaml';
import { daemon, fixture, SAMPLE_16 } from './helpers';
import { DaemonPlanner, NodeInventory, PlanReport } from '../../src/plan';
import { ExistingPods, SkipReason } from '../../src/plan/report';

// Real node dumps and real DaemonSets from public repositories (fixtures/real-world/SOURCES.md).
const dsFile = (name: string) => fixture('real-world', 'daemonsets', name);
const nodesFile = (name: string) => fixture('real-world', 'nodes', name);
const allDaemonSets = readdirSync(fixture('real-world', 'daemonsets')).filter(f => f.endsWith('.yaml')).sort();
const allInventories = readdirSync(fixture('real-world', 'nodes')).filter(f => f.endsWith('.json')).sort();

function plan(inventory: string, ...daemonSets: string[]): PlanReport {
  const planner = new DaemonPlanner(NodeInventory.fromFile(inventory));
  for (const ds of daemonSets) planner.addFile(dsFile(ds));
  return planner.plan();
}

describe('real-world input', () => {
  test.each(allInventories)('%s loads', (file) => {
    const raw = JSON.parse(readFileSync(nodesFile(file), 'utf-8'));
    expect(NodeInventory.fromFile(nodesFile(file)).nodeNames).toEqual(raw.items.map((n: any) => n.metadata.name));
  });

  test.each(allDaemonSets)('%s plans against every inventory', (file) => {
    for (const inventory of [...allInventories.map(nodesFile), SAMPLE_16]) {
      const report = plan(inventory, file);
      expect(report.daemonSets).toHaveLength(1);
      const d = report.daemonSets[0];
      expect(d.desiredNumberScheduled + d.skips.reduce((n, s) => n + s.nodeNames.length, 0)).toBe(report.nodeCount);
    }
  });
});

describe('ground truth: real placements (SOURCES.md)', () => {
  test('EKS cluster-info dump: kube-proxy and aws-node had desiredNumberScheduled 2', () => {
    const report = plan(nodesFile('nodes-eks-clusterinfo-dump.json'), 'ds-kube-proxy-eks.yaml', 'ds-aws-node.yaml');
    const recorded = parse(readFileSync(dsFile('ds-kube-proxy-eks.yaml'), 'utf-8')).status.desiredNumberScheduled;
    expect(recorded).toBe(2);
    expect(daemon(report, 'kube-proxy').desiredNumberScheduled).toBe(recorded);
    expect(daemon(report, 'aws-node').desiredNumberScheduled).toBe(2);
  });

  test('kind (sonobuoy): kube-proxy runs on all 3 nodes, the master-tainted control plane and the NotReady worker included', () => {
    const report = plan(nodesFile('nodes-sonobuoy-kind.json'), 'ds-kube-proxy-eks.yaml');
    expect(daemon(report, 'kube-proxy').nodeNames).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
  });
});

describe('real DaemonSets on real clusters', () => {
  test('OpenShift: the NVIDIA device plugin tolerates only its GPU taint, so it misses the 3 masters (pods there stay, misscheduled)', () => {
    const d = daemon(plan(nodesFile('nodes-openshift-aws.json'), 'ds-nvidia-device-plugin.yaml'), 'nvidia-device-plugin-daemonset');
    expect(d.desiredNumberScheduled).toBe(3);
    expect(d.skips.map(s => [s.detail, s.existingPods, s.nodeNames.length])).toEqual([
      ['taint node-role.kubernetes.io/master:NoSchedule', ExistingPods.KEPT_MISSCHEDULED, 3],
    ]);
  });

  test('OpenShift: fluent-bit tolerates the master taint and runs everywhere', () => {
    expect(daemon(plan(nodesFile('nodes-openshift-aws.json'), 'ds-fluent-bit.yaml'), 'fluent-bit').desiredNumberScheduled).toBe(6);
  });

  test('EKS arm64 with a dedicated taint: the datadog agent (tolerations: null) lands nowhere; kube-proxy (tolerates all) everywhere', () => {
    const report = plan(nodesFile('nodes-honeycomb-eks-arm64.json'), 'ds-datadog-agent.yaml', 'ds-kube-proxy-eks.yaml');
    expect(daemon(report, 'datadog').skips.map(s => s.detail)).toEqual(['taint type=hound:NoSchedule']);
    expect(daemon(report, 'kube-proxy').desiredNumberScheduled).toBe(2);
  });

  test('the GKE driver installer needs a GKE accelerator label: an rke2 GPU node does not have one', () => {
    const d = daemon(plan(nodesFile('nodes-edgexr-rke2-gpu.json'), 'ds-gke-nvidia-driver-installer.yaml'), 'nvidia-driver-installer');
    expect(d.skips).toEqual([{
      reason: SkipReason.NODE_AFFINITY,
      detail: 'nodeAffinity cloud.google.com/gke-accelerator Exists',
      existingPods: ExistingPods.DELETED,
      nodeNames: ['nori'],
    }]);
  });

  test('sample-16: flannel (Exists:NoSchedule, affinity os In [linux]) skips the Windows node by affinity and the ingress node by NoExecute', () => {
    const d = daemon(plan(SAMPLE_16, 'ds-kube-flannel.yaml'), 'kube-flannel-ds');
    expect(d.skips.map(s => [s.detail, s.existingPods])).toEqual([
      ['taint dedicated=ingress:NoExecute', ExistingPods.EVICTED],
      ['nodeAffinity kubernetes.io/os In [linux]', ExistingPods.DELETED],
    ]);
    expect(d.hostPorts).toEqual(['8081/TCP']);
  });

  test('sample-16: node-exporter and aws-node requests, host ports and priority', () => {
    const report = plan(SAMPLE_16, 'ds-node-exporter.yaml', 'ds-aws-node.yaml');
    const exporter = daemon(report, 'node-exporter');
    expect(exporter.requests).toEqual([{ resource: 'cpu', amount: 112 }, { resource: 'memory', amount: 200 * 2 ** 20 }]);
    expect(exporter.hostPorts).toEqual(['9100/TCP']);
    expect(exporter.priority).toBe(2_000_000_000);
    expect(daemon(report, 'aws-node').hostPorts).toEqual(['61678/TCP', '8162/TCP']);
    expect(report.hostPortClashes).toEqual([]);
  });
});
