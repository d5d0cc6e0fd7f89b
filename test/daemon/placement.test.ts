import { Testing } from 'cdk8s';
import { newChart, ofKind, podSpec, selects, single } from './util';
import { Exposure, NodeArch, NodeDaemon, NodeOs, NodePlacement, NodeRequirement } from '../../src';

const IMAGE = 'example.com/trace-agent:1.4.2';

describe('default placement', () => {
  test('pins Linux nodes with a nodeSelector and renders no affinity', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE });
    const spec = podSpec(Testing.synth(chart));
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec).not.toHaveProperty('affinity');
  });
});

describe('NodePlacement.anyNode()', () => {
  test('renders no nodeSelector and no affinity', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.anyNode() });
    const spec = podSpec(Testing.synth(chart));
    expect(spec).not.toHaveProperty('nodeSelector');
    expect(spec).not.toHaveProperty('affinity');
  });
});

describe('nodeSelector labels', () => {
  test('withLabels adds to the Linux selector', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.linux().withLabels({ pool: 'general', tier: 'edge' }) });
    expect(podSpec(Testing.synth(chart)).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'general', 'tier': 'edge' });
  });

  test('withArch pins kubernetes.io/arch', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.linux().withArch(NodeArch.ARM64) });
    expect(podSpec(Testing.synth(chart)).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' });
  });

  test('labeled() selects only the given labels', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.labeled({ feature: 'hw-rng' }) });
    expect(podSpec(Testing.synth(chart)).nodeSelector).toEqual({ feature: 'hw-rng' });
  });

  test('withOs pins kubernetes.io/os', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.anyNode().withOs(NodeOs.WINDOWS) });
    expect(podSpec(Testing.synth(chart)).nodeSelector).toEqual({ 'kubernetes.io/os': 'windows' });
  });
});

describe('required node affinity', () => {
  test('renders every operator in one term, in order', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      image: IMAGE,
      placement: NodePlacement.anyNode().withRequirements(
        NodeRequirement.in('topology.kubernetes.io/zone', 'eu-west-1a', 'eu-west-1b'),
        NodeRequirement.notIn('node.kubernetes.io/instance-type', 't3.micro'),
        NodeRequirement.exists('gpu'),
        NodeRequirement.doesNotExist('node-role.kubernetes.io/edge'),
        NodeRequirement.greaterThan('cpu-count', 4),
        NodeRequirement.lessThan('kernel-major', 7),
      ),
    });
    const spec = podSpec(Testing.synth(chart));
    expect(spec).not.toHaveProperty('nodeSelector');
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [
              { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a', 'eu-west-1b'] },
              { key: 'node.kubernetes.io/instance-type', operator: 'NotIn', values: ['t3.micro'] },
              { key: 'gpu', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/edge', operator: 'DoesNotExist' },
              { key: 'cpu-count', operator: 'Gt', values: ['4'] },
              { key: 'kernel-major', operator: 'Lt', values: ['7'] },
            ],
          }],
        },
      },
    });
  });

  test('keeps the nodeSelector next to the affinity', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.linux().withRequirements(NodeRequirement.exists('gpu')) });
    const spec = podSpec(Testing.synth(chart));
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] },
    ]);
  });
});

describe('excludingVirtualNodes()', () => {
  test('keeps off virtual-kubelet and EKS Fargate nodes', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE, placement: NodePlacement.linux().excludingVirtualNodes() });
    const spec = podSpec(Testing.synth(chart));
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{
      matchExpressions: [
        { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
        { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
      ],
    }]);
  });
});

describe('multi-arch images', () => {
  function synthMultiArch(): any[] {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      images: [
        { arch: NodeArch.AMD64, image: 'example.com/trace-agent:1.4.2-amd64' },
        { arch: NodeArch.ARM64, image: 'example.com/trace-agent:1.4.2-arm64' },
      ],
      exposure: Exposure.localService({ port: 8126 }),
    });
    return Testing.synth(chart);
  }

  test('renders one DaemonSet per architecture, each pinned by kubernetes.io/arch with its own image', () => {
    const [amd, arm] = ofKind(synthMultiArch(), 'DaemonSet');
    expect(amd.metadata.name).toMatch(/-amd64$/);
    expect(arm.metadata.name).toMatch(/-arm64$/);
    expect(amd.metadata.name).not.toBe(arm.metadata.name);
    expect(amd.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(arm.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' });
    expect(amd.spec.template.spec.containers[0].image).toBe('example.com/trace-agent:1.4.2-amd64');
    expect(arm.spec.template.spec.containers[0].image).toBe('example.com/trace-agent:1.4.2-arm64');
  });

  test('the selectors do not overlap', () => {
    const [amd, arm] = ofKind(synthMultiArch(), 'DaemonSet');
    expect(amd.spec.selector.matchLabels).not.toEqual(arm.spec.selector.matchLabels);
    expect(selects(amd.spec.selector.matchLabels, amd.spec.template.metadata.labels)).toBe(true);
    expect(selects(arm.spec.selector.matchLabels, arm.spec.template.metadata.labels)).toBe(true);
    expect(selects(amd.spec.selector.matchLabels, arm.spec.template.metadata.labels)).toBe(false);
    expect(selects(arm.spec.selector.matchLabels, amd.spec.template.metadata.labels)).toBe(false);
  });

  test('one Service selects the pods of both DaemonSets', () => {
    const objects = synthMultiArch();
    const service = single(objects, 'Service');
    const [amd, arm] = ofKind(objects, 'DaemonSet');
    expect(selects(service.spec.selector, amd.spec.template.metadata.labels)).toBe(true);
    expect(selects(service.spec.selector, arm.spec.template.metadata.labels)).toBe(true);
    expect(Object.values(service.spec.selector)).not.toContain('amd64');
    expect(Object.values(service.spec.selector)).not.toContain('arm64');
  });

  test('keeps the rest of the placement on each DaemonSet', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', {
      images: [
        { arch: NodeArch.AMD64, image: 'example.com/trace-agent:1.4.2-amd64' },
        { arch: NodeArch.ARM64, image: 'example.com/trace-agent:1.4.2-arm64' },
      ],
      placement: NodePlacement.anyNode().excludingVirtualNodes(),
    });
    const daemonSets = ofKind(Testing.synth(chart), 'DaemonSet');
    expect(daemonSets).toHaveLength(2);
    for (const ds of daemonSets) {
      expect(Object.keys(ds.spec.template.spec.nodeSelector)).toEqual(['kubernetes.io/arch']);
      expect(ds.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
        .toHaveLength(2);
    }
  });
});
