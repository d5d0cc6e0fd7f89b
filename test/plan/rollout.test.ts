import { daemon, daemonSet, inventoryOf, node, planOf } from './helpers';
import { ProblemKind, UpdateStrategyType } from '../../src/plan/report';
import { planRollout, scaleBudget } from '../../src/plan/rollout-plan';

const base = { updateType: 'RollingUpdate', minReadySeconds: 0, podReadySeconds: 0, usesHostPorts: false, hostNetwork: false };

describe('rollout math (kubernetes-rules.md section 7)', () => {
  // N | setting | waveSize | waves
  test.each([
    [10, { maxUnavailable: '25%' }, 3, 4],
    [3, { maxUnavailable: '10%' }, 1, 3],
    [7, { maxSurge: '50%', maxUnavailable: 0 }, 4, 2],
    [5, { maxUnavailable: 10 }, 10, 1],
  ])('N=%i %j: waves of %i, %i waves', (n, setting, waveSize, waves) => {
    const { plan } = planRollout({ ...base, ...setting }, n);
    expect(plan.waveSize).toBe(waveSize);
    expect(plan.waves).toBe(waves);
  });

  test('both percentages round up', () => {
    expect(scaleBudget('10%', 11).value).toBe(2);
    expect(scaleBudget('1%', 1).value).toBe(1);
    expect(scaleBudget('33%', 3).value).toBe(1);
    expect(planRollout({ ...base, maxUnavailable: 0, maxSurge: '10%' }, 21).plan.maxSurge).toBe(3);
  });

  test('defaults: maxUnavailable 1, maxSurge 0 (one node at a time)', () => {
    const { plan, invalid } = planRollout(base, 40);
    expect(plan).toMatchObject({ maxUnavailableSetting: '1', maxSurgeSetting: '0', maxUnavailable: 1, maxSurge: 0, waveSize: 1, waves: 40 });
    expect(invalid).toEqual([]);
  });

  test('"0%" of a small cluster with surge 0%: the fallback makes maxUnavailable 1', () => {
    expect(planRollout({ ...base, maxUnavailable: '0%', maxSurge: '0%' }, 4).plan).toMatchObject({ maxUnavailable: 1, waves: 4 });
  });

  test('a percentage resolving to 0 with surge 0 falls back to 1 node', () => {
    expect(planRollout({ ...base, maxUnavailable: '0%' }, 4).plan.maxUnavailable).toBe(1);
  });

  test('no nodes: percentages resolve to 0, no fallback, no waves', () => {
    expect(planRollout({ ...base, maxUnavailable: '10%' }, 0).plan).toMatchObject({ maxUnavailable: 0, waves: 0 });
  });

  test('minimum duration: waves x (probe delays + minReadySeconds)', () => {
    const { plan } = planRollout({ ...base, maxUnavailable: '25%', minReadySeconds: 10, podReadySeconds: 5 }, 10);
    expect(plan.minimumDurationSeconds).toBe(4 * 15);
  });

  test('OnDelete has no waves', () => {
    const { plan } = planRollout({ ...base, updateType: 'OnDelete', maxUnavailable: 3 }, 10);
    expect(plan).toMatchObject({ strategy: UpdateStrategyType.ON_DELETE, waves: 0, waveSize: 0, minimumDurationSeconds: 0 });
  });

  test.each([
    [{ maxSurge: 1 }, 'maxSurge may not be set when maxUnavailable is non-zero'], // maxUnavailable defaults to 1
    [{ maxUnavailable: 0, maxSurge: 0 }, 'maxUnavailable cannot be 0 when maxSurge is 0'],
    [{ maxUnavailable: '110%' }, 'must not be greater than 100%'],
    [{ maxUnavailable: '5' }, 'is not an integer or a percentage'],
    [{ maxUnavailable: -1 }, 'must be greater than or equal to 0'],
    [{ updateType: 'Recreate' }, 'is not RollingUpdate or OnDelete'],
  ])('%j is rejected by the API server', (setting, message) => {
    expect(planRollout({ ...base, ...setting }, 10).invalid.join('\n')).toContain(message);
  });
});

describe('rollout in the plan', () => {
  const inv = inventoryOf(...Array.from({ length: 10 }, (_, i) => node(`n${i}`)));

  test('resolved against the nodes the daemon runs on, with probe delays from the template', () => {
    const report = planOf(inv, daemonSet('agent', {
      containers: [{
        name: 'main',
        image: 'x',
        readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2 },
        startupProbe: { httpGet: { port: 80 }, initialDelaySeconds: 12 },
      }],
    }, { minReadySeconds: 10, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } } }));
    expect(daemon(report, 'agent').rollout).toMatchObject({ maxUnavailable: 3, waves: 4, podReadySeconds: 15, minReadySeconds: 10, minimumDurationSeconds: 100 });
  });

  test.each([
    ['a hostPort', { containers: [{ name: 'main', image: 'x', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }],
    ['hostNetwork', { hostNetwork: true }],
  ])('maxSurge with %s: the surge pod cannot bind, the rollout stalls', (_, pod) => {
    const report = planOf(inv, daemonSet('agent', pod, { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '20%' } } }));
    expect(daemon(report, 'agent').rollout.warnings.join('\n')).toMatch(/rollout stalls/);
    expect(report.problems.map(p => p.kind)).toEqual([ProblemKind.SURGE_WITH_HOST_PORTS]);
  });

  test('maxSurge without host ports is fine', () => {
    const report = planOf(inv, daemonSet('agent', {}, { updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: '20%' } } }));
    expect(daemon(report, 'agent').rollout).toMatchObject({ maxSurge: 2, waves: 5, warnings: [] });
    expect(report.problems).toEqual([]);
  });

  test('a rejected strategy is a problem', () => {
    const report = planOf(inv, daemonSet('agent', {}, { updateStrategy: { rollingUpdate: { maxSurge: 1 } } }));
    expect(report.problems.map(p => p.kind)).toEqual([ProblemKind.INVALID_UPDATE_STRATEGY]);
  });
});
