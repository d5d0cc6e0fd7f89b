import { Testing } from 'cdk8s';
import { newChart, single } from './util';
import { Budget, NodeDaemon, NodeDaemonProps, Rollout } from '../../src';

const IMAGE = 'example.com/trace-agent:1.4.2';

function daemonSetSpec(props: Partial<NodeDaemonProps> = {}): any {
  const chart = newChart();
  new NodeDaemon(chart, 'trace-agent', { image: IMAGE, ...props });
  return single(Testing.synth(chart), 'DaemonSet').spec;
}

describe('default rollout', () => {
  test('is a rolling update with maxUnavailable "10%" and no maxSurge', () => {
    expect(daemonSetSpec().updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
  });
});

describe('Rollout.rollingUpdate()', () => {
  test('with no arguments is the documented default: 10% of the nodes at a time', () => {
    expect(daemonSetSpec({ rollout: Rollout.rollingUpdate() }).updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(daemonSetSpec({ rollout: Rollout.rollingUpdate() }).updateStrategy).toEqual(daemonSetSpec().updateStrategy);
  });

  test('renders a node count as an integer', () => {
    expect(daemonSetSpec({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.count(3) }) }).updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3 } });
  });

  test('renders a percentage as a string', () => {
    expect(daemonSetSpec({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.percent(25) }) }).updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } });
  });

  test('renders an explicit zero maxUnavailable next to a surge', () => {
    expect(daemonSetSpec({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.count(0), maxSurge: Budget.percent(20) }) }).updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '20%' } });
  });
});

describe('Rollout.surge()', () => {
  test('renders maxUnavailable 0 explicitly with a maxSurge count', () => {
    expect(daemonSetSpec({ rollout: Rollout.surge({ maxSurge: Budget.count(2) }) }).updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 2 } });
  });

  test('renders maxUnavailable 0 explicitly with a maxSurge percentage', () => {
    expect(daemonSetSpec({ rollout: Rollout.surge({ maxSurge: Budget.percent(50) }) }).updateStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '50%' } });
  });
});

describe('Rollout.onDelete()', () => {
  test('renders type OnDelete with no rollingUpdate', () => {
    const strategy = daemonSetSpec({ rollout: Rollout.onDelete() }).updateStrategy;
    expect(strategy).toEqual({ type: 'OnDelete' });
    expect(strategy).not.toHaveProperty('rollingUpdate');
  });
});

describe('minReadySeconds', () => {
  test('is rendered when given', () => {
    expect(daemonSetSpec({ minReadySeconds: 10 }).minReadySeconds).toBe(10);
  });

  test('is not rendered by default', () => {
    expect(daemonSetSpec()).not.toHaveProperty('minReadySeconds');
  });
});

describe('revisionHistoryLimit', () => {
  test('is rendered when given', () => {
    expect(daemonSetSpec({ revisionHistoryLimit: 3 }).revisionHistoryLimit).toBe(3);
  });

  test('renders 0 (keep no old revisions)', () => {
    expect(daemonSetSpec({ revisionHistoryLimit: 0 }).revisionHistoryLimit).toBe(0);
  });

  test('is not rendered by default', () => {
    expect(daemonSetSpec()).not.toHaveProperty('revisionHistoryLimit');
  });
});
