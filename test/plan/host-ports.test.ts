import { daemon, daemonSet, inventoryOf, node, planOf } from './helpers';
import { ProblemKind } from '../../src/plan/report';

const port = (containerPort: number, extra: Record<string, any> = {}) => ({ containers: [{ name: 'main', image: 'x', ports: [{ containerPort, ...extra }] }] });
const inv = inventoryOf(node('a', { labels: { pool: 'x' } }), node('b', { labels: { pool: 'y' } }));

describe('host port clashes', () => {
  test('two daemons with the same hostPort on the same nodes', () => {
    const report = planOf(inv, daemonSet('one', port(9100, { hostPort: 9100 })), daemonSet('two', port(8080, { hostPort: 9100 })));
    expect(report.hostPortClashes).toEqual([{ daemonSets: ['kube-system/one', 'kube-system/two'], hostPorts: ['9100/TCP', '9100/TCP'], nodeNames: ['a', 'b'] }]);
    expect(report.problems.map(p => p.kind)).toEqual([ProblemKind.PENDING, ProblemKind.HOST_PORT_CLASH]);
    // The scheduler's NodePorts filter keeps the second pod (by namespace/name) Pending, and preemption cannot help at equal priority.
    expect(daemon(report, 'two').fit.pending).toEqual(['a', 'b'].map(name => ({
      node: name, reason: 'node(s) didn\'t have free ports for the requested pod ports', detail: '', preemption: 'No preemption victims found for incoming pod',
    })));
  });

  test('host-network ports count: every containerPort of a hostNetwork pod is a host port', () => {
    const report = planOf(inv, daemonSet('exporter', { hostNetwork: true, ...port(9100) }), daemonSet('proxy', port(9100, { hostPort: 9100 })));
    expect(daemon(report, 'exporter').hostPorts).toEqual(['9100/TCP']);
    expect(report.hostPortClashes.map(c => c.hostPorts)).toEqual([['9100/TCP', '9100/TCP']]);
  });

  test('a containerPort without hostPort and without hostNetwork takes nothing on the node', () => {
    const report = planOf(inv, daemonSet('one', port(9100)), daemonSet('two', port(9100)));
    expect(daemon(report, 'one').hostPorts).toEqual([]);
    expect(report.hostPortClashes).toEqual([]);
  });

  test('different protocols do not clash', () => {
    const report = planOf(inv, daemonSet('dns-tcp', port(53, { hostPort: 53 })), daemonSet('dns-udp', port(53, { hostPort: 53, protocol: 'UDP' })));
    expect(report.hostPortClashes).toEqual([]);
  });

  test('different host IPs do not clash; 0.0.0.0 (or none) clashes with any IP', () => {
    const a = daemonSet('a', port(53, { hostPort: 53, hostIP: '10.0.0.1' }));
    const b = daemonSet('b', port(53, { hostPort: 53, hostIP: '10.0.0.2' }));
    const any = daemonSet('any', port(53, { hostPort: 53, hostIP: '0.0.0.0' }));
    expect(planOf(inv, a, b).hostPortClashes).toEqual([]);
    expect(planOf(inv, a, any).hostPortClashes.map(c => c.hostPorts)).toEqual([['10.0.0.1:53/TCP', '53/TCP']]);
  });

  test('only nodes where both land', () => {
    const report = planOf(inv,
      daemonSet('one', { nodeSelector: { pool: 'x' }, ...port(9100, { hostPort: 9100 }) }),
      daemonSet('two', port(9100, { hostPort: 9100 })),
      daemonSet('three', { nodeSelector: { pool: 'y' }, ...port(9100, { hostPort: 9100 }) }));
    expect(report.hostPortClashes.map(c => [c.daemonSets.join(' x '), c.nodeNames])).toEqual([
      ['kube-system/one x kube-system/two', ['a']],
      ['kube-system/two x kube-system/three', ['b']],
    ]);
  });

  test('ports of init containers are not host ports of the running pod', () => {
    const init = { initContainers: [{ name: 'init', image: 'x', ports: [{ containerPort: 9100, hostPort: 9100 }] }] };
    expect(planOf(inv, daemonSet('one', init), daemonSet('two', port(9100, { hostPort: 9100 }))).hostPortClashes).toEqual([]);
  });
});
