import { hostPortsOf, nodeSetsCanOverlap, XO001, XO002, XO003, XO004, XO005, XO006 } from '../../src/validation/cross-object-rules';

// Cross-object rules over a whole app's objects.

function ds(name: string, labels: Record<string, string>, spec: any = {}, namespace = 'kube-system'): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x:1' }], ...spec } } },
  };
}

function svc(name: string, selector: Record<string, string>, ports: any[], namespace = 'kube-system'): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector, ports } };
}

describe('XO001 overlapping selectors', () => {
  test('two DaemonSets with the same selector in one namespace', () => {
    const found = XO001.check([ds('a', { app: 'x' }), ds('b', { app: 'x' })]);
    expect(found).toEqual([expect.objectContaining({ ruleId: 'XO001', object: 0, others: [1], problem: 'selector overlaps with DaemonSet kube-system/b' })]);
  });
  test('a DaemonSet selecting a Deployment\'s pods', () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: 'x', tier: 'web' } }, template: { metadata: { labels: { app: 'x', tier: 'web' } } } } };
    expect(XO001.check([ds('a', { app: 'x' }), deploy])).toHaveLength(1);
  });
  test('different namespaces or disjoint labels do not overlap', () => {
    expect(XO001.check([ds('a', { app: 'x' }), ds('b', { app: 'x' }, {}, 'other'), ds('c', { app: 'y' })])).toEqual([]);
  });
});

describe('XO002 host port clashes', () => {
  const withPort = (name: string, port: any, spec: any = {}) => ds(name, { app: name }, { containers: [{ name: 'c', image: 'x:1', ports: [port] }], ...spec });
  test('same hostPort on overlapping nodes', () => {
    expect(XO002.check([withPort('a', { containerPort: 9100, hostPort: 9100 }), withPort('b', { containerPort: 80, hostPort: 9100 })]))
      .toEqual([expect.objectContaining({ ruleId: 'XO002', object: 1, others: [0], problem: 'host port TCP//9100 is also bound by DaemonSet kube-system/a on the same nodes' })]);
  });
  test('a host-network container port counts as a host port', () => {
    expect(hostPortsOf(withPort('a', { containerPort: 9100 }, { hostNetwork: true }))).toEqual(['TCP//9100']);
    expect(XO002.check([withPort('a', { containerPort: 9100 }, { hostNetwork: true }), withPort('b', { containerPort: 1, hostPort: 9100 })])).toHaveLength(1);
  });
  test('different protocols, or node selectors that keep the daemons apart, do not clash', () => {
    expect(XO002.check([withPort('a', { containerPort: 53, hostPort: 53, protocol: 'UDP' }), withPort('b', { containerPort: 53, hostPort: 53 })])).toEqual([]);
    const linux = withPort('a', { containerPort: 9100, hostPort: 9100 }, { nodeSelector: { 'kubernetes.io/os': 'linux' } });
    const windows = withPort('b', { containerPort: 9100, hostPort: 9100 }, { nodeSelector: { 'kubernetes.io/os': 'windows' } });
    expect(nodeSetsCanOverlap(linux, windows)).toBe(false);
    expect(XO002.check([linux, windows])).toEqual([]);
  });
});

describe('XO003 / XO004 priority classes', () => {
  const pc = (name: string, globalDefault?: boolean) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000, globalDefault });
  test('an undefined, non-system class', () => {
    expect(XO003.check([ds('a', { app: 'a' }, { priorityClassName: 'agents' })]))
      .toEqual([expect.objectContaining({ ruleId: 'XO003', path: 'spec.template.spec.priorityClassName' })]);
  });
  test('a class of the app or a system class is fine', () => {
    expect(XO003.check([ds('a', { app: 'a' }, { priorityClassName: 'agents' }), pc('agents'), ds('b', { app: 'b' }, { priorityClassName: 'system-node-critical' })])).toEqual([]);
  });
  test('two global defaults', () => {
    expect(XO004.check([pc('one', true), pc('two', true), pc('three')])).toEqual([expect.objectContaining({ ruleId: 'XO004', object: 1, others: [0] })]);
    expect(XO004.check([pc('one', true), pc('two')])).toEqual([]);
  });
});

describe('XO005 Services', () => {
  const daemon = ds('a', { app: 'a' }, { containers: [{ name: 'c', image: 'x:1', ports: [{ name: 'http', containerPort: 8080 }] }] });
  test('a selector that matches no pod template', () => {
    expect(XO005.check([daemon, svc('s', { app: 'nope' }, [{ port: 80, targetPort: 'http' }])]))
      .toEqual([expect.objectContaining({ ruleId: 'XO005', path: 'spec.selector' })]);
  });
  test('a targetPort the selected containers do not expose', () => {
    expect(XO005.check([daemon, svc('s', { app: 'a' }, [{ port: 80, targetPort: 'metrics' }, { port: 81, targetPort: 9999 }])]).map(v => v.path))
      .toEqual(['spec.ports[0].targetPort', 'spec.ports[1].targetPort']);
  });
  test('a matching selector and port by name or number', () => {
    expect(XO005.check([daemon, svc('s', { app: 'a' }, [{ port: 80, targetPort: 'http' }, { port: 8080 }])])).toEqual([]);
  });
});

describe('XO006 referenced objects', () => {
  test('a missing ServiceAccount and ConfigMap', () => {
    const pod = ds('a', { app: 'a' }, { serviceAccountName: 'agent', volumes: [{ name: 'cfg', configMap: { name: 'agent-config' } }] });
    expect(XO006.check([pod]).map(v => v.path)).toEqual(['spec.template.spec.serviceAccountName', 'spec.template.spec.volumes[0].configMap.name']);
  });
  test('present objects, the default account, kube-root-ca.crt and optional ConfigMaps are fine', () => {
    const pod = ds('a', { app: 'a' }, {
      serviceAccountName: 'agent',
      volumes: [
        { name: 'cfg', configMap: { name: 'agent-config' } }, { name: 'ca', configMap: { name: 'kube-root-ca.crt' } },
        { name: 'opt', configMap: { name: 'maybe', optional: true } },
      ],
    });
    const objects = [pod, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'kube-system' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'kube-system' } }];
    expect(XO006.check(objects)).toEqual([]);
    expect(XO006.check([ds('b', { app: 'b' }, { serviceAccountName: 'default' })])).toEqual([]);
  });
});
