import { Testing } from 'cdk8s';
import { newChart, ofKind, single } from './util';
import { Exposure, NodeArch, NodeDaemon, NodeDaemonProps, Priority, RbacRules } from '../../src';

const IMAGE = 'example.com/trace-agent:1.4.2';

function synthDaemon(props: Partial<NodeDaemonProps> = {}): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'trace-agent', { image: IMAGE, ...props });
  return Testing.synth(chart);
}

/** Every object the daemon owns: exposure, config, rbac and a created PriorityClass. */
function fullDaemon(props: Partial<NodeDaemonProps>): any[] {
  return synthDaemon({
    exposure: Exposure.localService({ port: 8126 }),
    config: { files: { 'agent.yaml': 'apm_enabled: true\n' }, mountPath: '/etc/agent' },
    rbac: [RbacRules.readOnly('pods')],
    priority: Priority.create({ value: 1000000 }),
    ...props,
  });
}

describe('recommended labels', () => {
  test('are on every object and on the pod template', () => {
    const objects = fullDaemon({ partOf: 'observability' });
    const ds = single(objects, 'DaemonSet');
    const expected = {
      'app.kubernetes.io/name': 'trace-agent',
      'app.kubernetes.io/instance': ds.spec.selector.matchLabels['app.kubernetes.io/instance'],
      'app.kubernetes.io/version': '1.4.2',
      'app.kubernetes.io/component': 'node-daemon',
      'app.kubernetes.io/part-of': 'observability',
      'app.kubernetes.io/managed-by': 'cdk8s-daemons',
    };
    expect(objects.map(o => o.kind).sort()).toEqual(
      ['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet', 'PriorityClass', 'Service', 'ServiceAccount']);
    for (const obj of objects) {
      expect(obj.metadata.labels).toEqual(expected);
    }
    expect(ds.spec.template.metadata.labels).toEqual(expected);
  });

  test('the name label is the name prop when given', () => {
    const ds = single(synthDaemon({ name: 'datadog-agent' }), 'DaemonSet');
    expect(ds.metadata.name).toBe('datadog-agent');
    expect(ds.metadata.labels['app.kubernetes.io/name']).toBe('datadog-agent');
  });

  test('the version prop overrides the image tag', () => {
    const ds = single(synthDaemon({ version: '7.52.0' }), 'DaemonSet');
    expect(ds.metadata.labels['app.kubernetes.io/version']).toBe('7.52.0');
    expect(ds.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('7.52.0');
  });

  test('an image pinned by digest gives no version label', () => {
    const ds = single(synthDaemon({ image: `example.com/trace-agent@sha256:${'a'.repeat(64)}` }), 'DaemonSet');
    expect(ds.metadata.labels).not.toHaveProperty(['app.kubernetes.io/version']);
  });

  test('a registry port is not taken for a tag', () => {
    const ds = single(synthDaemon({ image: 'registry.example.com:5000/trace-agent' }), 'DaemonSet');
    expect(ds.metadata.labels).not.toHaveProperty(['app.kubernetes.io/version']);
  });

  test('labels go on the objects the daemon owns, not on the pods or the selector', () => {
    const objects = synthDaemon({ labels: { team: 'observability' }, exposure: Exposure.localService({ port: 8126 }) });
    const ds = single(objects, 'DaemonSet');
    const service = single(objects, 'Service');
    expect(ds.metadata.labels.team).toBe('observability');
    expect(service.metadata.labels.team).toBe('observability');
    expect(ds.spec.template.metadata.labels).not.toHaveProperty('team');
    expect(ds.spec.selector.matchLabels).not.toHaveProperty('team');
    expect(service.spec.selector).not.toHaveProperty('team');
  });

  test('podLabels go on the pod template only, not on the objects or the selector', () => {
    const objects = synthDaemon({ podLabels: { 'sidecar.istio.io/inject': 'false' }, exposure: Exposure.localService({ port: 8126 }) });
    const ds = single(objects, 'DaemonSet');
    const service = single(objects, 'Service');
    expect(ds.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(ds.metadata.labels).not.toHaveProperty(['sidecar.istio.io/inject']);
    expect(service.metadata.labels).not.toHaveProperty(['sidecar.istio.io/inject']);
    expect(ds.spec.selector.matchLabels).not.toHaveProperty(['sidecar.istio.io/inject']);
    expect(service.spec.selector).not.toHaveProperty(['sidecar.istio.io/inject']);
  });
});

describe('selector', () => {
  test('is only app.kubernetes.io/name and app.kubernetes.io/instance', () => {
    const objects = synthDaemon({ partOf: 'observability', exposure: Exposure.localService({ port: 8126 }) });
    const ds = single(objects, 'DaemonSet');
    expect(Object.keys(ds.spec.selector.matchLabels).sort()).toEqual(['app.kubernetes.io/instance', 'app.kubernetes.io/name']);
    expect(ds.spec.selector.matchLabels['app.kubernetes.io/name']).toBe('trace-agent');
    expect(ds.spec.selector).not.toHaveProperty('matchExpressions');
    expect(single(objects, 'Service').spec.selector).toEqual(ds.spec.selector.matchLabels);
  });

  test('distinct daemons in one chart get distinct selectors', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE });
    new NodeDaemon(chart, 'log-agent', { image: IMAGE });
    const [a, b] = ofKind(Testing.synth(chart), 'DaemonSet');
    expect(a.spec.selector.matchLabels).not.toEqual(b.spec.selector.matchLabels);
    expect(a.metadata.name).not.toBe(b.metadata.name);
  });
});

describe('a new image tag', () => {
  function namesAndSelectors(objects: any[]): any[] {
    return objects.map(o => ({
      kind: o.kind,
      name: o.metadata.name,
      selector: o.kind === 'DaemonSet' ? o.spec.selector : o.kind === 'Service' ? o.spec.selector : undefined,
    }));
  }

  test('changes no selector and no object name, only the version label', () => {
    const before = fullDaemon({ image: 'example.com/trace-agent:1.4.2' });
    const after = fullDaemon({ image: 'example.com/trace-agent:1.5.0' });
    expect(namesAndSelectors(after)).toEqual(namesAndSelectors(before));
    expect(single(before, 'DaemonSet').metadata.labels['app.kubernetes.io/version']).toBe('1.4.2');
    expect(single(after, 'DaemonSet').metadata.labels['app.kubernetes.io/version']).toBe('1.5.0');
    expect(single(after, 'DaemonSet').spec.template.spec.containers[0].image).toBe('example.com/trace-agent:1.5.0');
  });

  test('changes no selector and no name with per-architecture images', () => {
    const build = (tag: string) => fullDaemon({
      image: undefined,
      images: [
        { arch: NodeArch.AMD64, image: `example.com/trace-agent:${tag}` },
        { arch: NodeArch.ARM64, image: `example.com/trace-agent:${tag}` },
      ],
    });
    const before = build('1.4.2');
    const after = build('1.5.0');
    expect(ofKind(after, 'DaemonSet')).toHaveLength(2);
    expect(namesAndSelectors(after)).toEqual(namesAndSelectors(before));
  });
});
