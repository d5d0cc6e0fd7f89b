import { checkApiServerRules } from '../../src/validation/api-rules';
import { checkLabelSelector, DS001, DS002, DS003, DS004, DS005, selectorMatches } from '../../src/validation/daemonset-rules';
import { ViolationSink } from '../../src/validation/violation';

// kubernetes-rules.md §1 (ValidateDaemonSet, ValidateRollingUpdateDaemonSet, apps/v1 defaults).

const APP = 'app.kubernetes.io/name';

/** A DaemonSet that passes every API-server rule. */
function daemonSet(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'kube-system', labels: { [APP]: 'node-agent' } },
    spec: {
      selector: { matchLabels: { [APP]: 'node-agent' } },
      template: {
        metadata: { labels: { [APP]: 'node-agent', tier: 'node' } },
        spec: { containers: [{ name: 'agent', image: 'registry.example/agent:1.0.0' }] },
      },
    },
  };
}

function withRollingUpdate(rollingUpdate: any, type?: string): any {
  const ds = daemonSet();
  ds.spec.updateStrategy = { ...(type ? { type } : {}), rollingUpdate };
  return ds;
}

test('the base DaemonSet passes every API-server rule', () => {
  expect(checkApiServerRules(daemonSet())).toEqual([]);
});

describe('DS001 selector', () => {
  test.each([
    ['matchLabels that are a subset of the template labels', { matchLabels: { [APP]: 'node-agent' } }],
    ['matchLabels equal to the template labels', { matchLabels: { [APP]: 'node-agent', tier: 'node' } }],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['node', 'edge'] }] }],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['edge'] }] }],
    ['Exists', { matchExpressions: [{ key: APP, operator: 'Exists' }] }],
    ['DoesNotExist', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }],
    ['matchLabels and matchExpressions together', {
      matchLabels: { [APP]: 'node-agent' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['node'] }],
    }],
  ])('accepts %s', (_title, selector) => {
    const ds = daemonSet();
    ds.spec.selector = selector;
    expect(DS001.check(ds)).toEqual([]);
  });

  test.each([
    ['{}', {}],
    ['empty matchLabels and matchExpressions', { matchLabels: {}, matchExpressions: [] }],
  ])('rejects an empty selector (%s)', (_title, selector) => {
    const ds = daemonSet();
    ds.spec.selector = selector;
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'DS001', path: 'spec.selector', value: selector, problem: 'empty selector is invalid for daemonset' }),
    ]);
  });

  test('rejects a missing selector (a nil selector selects nothing)', () => {
    const ds = daemonSet();
    delete ds.spec.selector;
    const found = DS001.check(ds);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(v => v.ruleId === 'DS001')).toBe(true);
  });

  test('rejects a selector that does not match the template labels', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchLabels: { [APP]: 'other-agent' } };
    expect(DS001.check(ds)).toEqual([
      {
        ruleId: 'DS001',
        path: 'spec.template.metadata.labels',
        value: { [APP]: 'node-agent', tier: 'node' },
        problem: '`selector` does not match template `labels`',
        valid: expect.any(String),
      },
    ]);
  });

  test('rejects a template without labels', () => {
    const ds = daemonSet();
    delete ds.spec.template.metadata.labels;
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'DS001', path: 'spec.template.metadata.labels', problem: '`selector` does not match template `labels`' }),
    ]);
  });

  test('rejects a matchExpression the template labels do not satisfy', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['node'] }] };
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'DS001', path: 'spec.template.metadata.labels', problem: '`selector` does not match template `labels`' }),
    ]);
  });

  test('rejects NotIn without values', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchLabels: { [APP]: 'node-agent' }, matchExpressions: [{ key: 'canary', operator: 'NotIn', values: [] }] };
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'DS001',
        path: 'spec.selector.matchExpressions[0].values',
        problem: "must be specified when `operator` is 'In' or 'NotIn'",
      }),
    ]);
  });

  test('rejects In without values', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchLabels: { [APP]: 'node-agent' }, matchExpressions: [{ key: 'tier', operator: 'In' }] };
    expect(DS001.check(ds)).toContainEqual(expect.objectContaining({
      ruleId: 'DS001',
      path: 'spec.selector.matchExpressions[0].values',
      problem: "must be specified when `operator` is 'In' or 'NotIn'",
    }));
  });

  test.each(['Exists', 'DoesNotExist'])('rejects %s with values', (operator) => {
    const ds = daemonSet();
    const key = operator === 'Exists' ? 'tier' : 'canary';
    ds.spec.selector = { matchLabels: { [APP]: 'node-agent' }, matchExpressions: [{ key: 'other', operator: 'DoesNotExist' }, { key, operator, values: ['x'] }] };
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'DS001',
        path: 'spec.selector.matchExpressions[1].values',
        value: ['x'],
        problem: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      }),
    ]);
  });

  test('rejects an unknown selector operator', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchLabels: { [APP]: 'node-agent' }, matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['node'] }] };
    expect(DS001.check(ds)).toContainEqual(expect.objectContaining({
      ruleId: 'DS001',
      path: 'spec.selector.matchExpressions[0].operator',
      value: 'Equals',
      problem: 'not a valid selector operator',
    }));
  });

  test('rejects a matchLabels key that is not a qualified name', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchLabels: { 'bad key': 'x' } };
    ds.spec.template.metadata.labels['bad key'] = 'x';
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'DS001',
        path: 'spec.selector.matchLabels["bad key"]',
        value: 'bad key',
        problem: "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      }),
    ]);
  });

  test('rejects a matchLabels value that is not a label value', () => {
    const ds = daemonSet();
    ds.spec.selector = { matchLabels: { [APP]: 'node agent' } };
    ds.spec.template.metadata.labels[APP] = 'node agent';
    expect(DS001.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'DS001',
        path: `spec.selector.matchLabels[${JSON.stringify(APP)}]`,
        value: 'node agent',
        problem: "must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character",
      }),
    ]);
  });
});

describe('checkLabelSelector', () => {
  function check(selector: any): any[] {
    const sink = new ViolationSink('TEST');
    checkLabelSelector(sink, selector, 'sel');
    return sink.found;
  }

  test.each([
    ['an undefined selector', undefined],
    ['an empty selector', {}],
    ['matchLabels', { matchLabels: { [APP]: 'x', tier: '' } }],
    ['every operator used correctly', {
      matchExpressions: [
        { key: 'a', operator: 'In', values: ['1'] },
        { key: 'b', operator: 'NotIn', values: ['1', '2'] },
        { key: 'c', operator: 'Exists' },
        { key: 'd', operator: 'DoesNotExist', values: [] },
      ],
    }],
  ])('accepts %s', (_title, selector) => {
    expect(check(selector)).toEqual([]);
  });

  test('reports each bad expression at its own index, under the given path and rule', () => {
    expect(check({
      matchExpressions: [
        { key: 'a', operator: 'In', values: ['1'] },
        { key: 'b', operator: 'In' },
        { key: 'c', operator: 'DoesNotExist', values: ['x'] },
        { key: 'd', operator: 'Gt', values: ['1'] },
      ],
    })).toEqual([
      expect.objectContaining({ ruleId: 'TEST', path: 'sel.matchExpressions[1].values', problem: "must be specified when `operator` is 'In' or 'NotIn'" }),
      expect.objectContaining({ ruleId: 'TEST', path: 'sel.matchExpressions[2].values', problem: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }),
      expect.objectContaining({ ruleId: 'TEST', path: 'sel.matchExpressions[3].operator', value: 'Gt', problem: 'not a valid selector operator' }),
    ]);
  });

  test('checks matchLabels keys', () => {
    expect(check({ matchLabels: { '/x': 'y' } })).toEqual([
      expect.objectContaining({ ruleId: 'TEST', path: 'sel.matchLabels["/x"]', value: '/x', problem: 'prefix part must be non-empty' }),
    ]);
  });
});

describe('selectorMatches', () => {
  const labels = { [APP]: 'node-agent', tier: 'node' };
  test.each([
    ['an empty selector (matches everything)', {}, true],
    ['equal matchLabels', { matchLabels: { tier: 'node' } }, true],
    ['matchLabels with another value', { matchLabels: { tier: 'edge' } }, false],
    ['matchLabels with a missing key', { matchLabels: { zone: 'a' } }, false],
    ['In with the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['edge', 'node'] }] }, true],
    ['In without the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['edge'] }] }, false],
    ['In on a missing key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['NotIn on a missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn with the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['node'] }] }, false],
    ['NotIn without the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['edge'] }] }, true],
    ['Exists on a present key', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists on a missing key', { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    ['DoesNotExist on a missing key', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    ['DoesNotExist on a present key', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    ['an unknown operator', { matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['node'] }] }, false],
    ['matchLabels and expressions that all match (ANDed)', {
      matchLabels: { [APP]: 'node-agent' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['node'] }, { key: 'zone', operator: 'DoesNotExist' }],
    }, true],
    ['matchLabels that match and an expression that does not (ANDed)', {
      matchLabels: { [APP]: 'node-agent' },
      matchExpressions: [{ key: 'tier', operator: 'Exists' }, { key: 'zone', operator: 'Exists' }],
    }, false],
  ])('%s -> %p', (_title, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  test('an Exists expression matches an empty label value', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' })).toBe(true);
  });
});

describe('DS002 restartPolicy and activeDeadlineSeconds', () => {
  test.each([
    ['restartPolicy unset', {}],
    ['restartPolicy Always', { restartPolicy: 'Always' }],
  ])('accepts %s', (_title, extra) => {
    const ds = daemonSet();
    Object.assign(ds.spec.template.spec, extra);
    expect(DS002.check(ds)).toEqual([]);
  });

  test.each(['OnFailure', 'Never'])('rejects restartPolicy %s', (policy) => {
    const ds = daemonSet();
    ds.spec.template.spec.restartPolicy = policy;
    expect(DS002.check(ds)).toEqual([
      { ruleId: 'DS002', path: 'spec.template.spec.restartPolicy', value: policy, problem: 'Unsupported value', valid: '"Always"' },
    ]);
  });

  test.each([0, 30])('rejects activeDeadlineSeconds %p', (seconds) => {
    const ds = daemonSet();
    ds.spec.template.spec.activeDeadlineSeconds = seconds;
    expect(DS002.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'DS002',
        path: 'spec.template.spec.activeDeadlineSeconds',
        value: seconds,
        problem: 'activeDeadlineSeconds in DaemonSet is not Supported',
      }),
    ]);
  });
});

describe('DS003 minReadySeconds and revisionHistoryLimit', () => {
  test.each([
    ['both unset', {}],
    ['both zero', { minReadySeconds: 0, revisionHistoryLimit: 0 }],
    ['typical values', { minReadySeconds: 10, revisionHistoryLimit: 10 }],
    ['large values', { minReadySeconds: 86400, revisionHistoryLimit: 1000 }],
  ])('accepts %s', (_title, extra) => {
    const ds = daemonSet();
    Object.assign(ds.spec, extra);
    expect(DS003.check(ds)).toEqual([]);
  });

  test.each(['minReadySeconds', 'revisionHistoryLimit'])('rejects a negative %s', (field) => {
    const ds = daemonSet();
    ds.spec[field] = -1;
    expect(DS003.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'DS003', path: `spec.${field}`, value: -1, problem: 'must be greater than or equal to 0' }),
    ]);
  });

  test('reports both fields when both are negative', () => {
    const ds = daemonSet();
    ds.spec.minReadySeconds = -5;
    ds.spec.revisionHistoryLimit = -2;
    expect(DS003.check(ds).map(v => v.path)).toEqual(['spec.minReadySeconds', 'spec.revisionHistoryLimit']);
  });
});

describe('DS004 updateStrategy.type', () => {
  test.each([
    ['no updateStrategy', undefined],
    ['no type (defaults to RollingUpdate)', {}],
    ['RollingUpdate', { type: 'RollingUpdate' }],
    ['OnDelete', { type: 'OnDelete' }],
  ])('accepts %s', (_title, strategy) => {
    const ds = daemonSet();
    if (strategy) ds.spec.updateStrategy = strategy;
    expect(DS004.check(ds)).toEqual([]);
  });

  test.each(['Recreate', 'rollingUpdate'])('rejects type %s', (type) => {
    const ds = daemonSet();
    ds.spec.updateStrategy = { type };
    const found = DS004.check(ds);
    // kubernetes-rules.md §1.9 reports this at spec.updateStrategy (field.NotSupported(fldPath, ...)).
    expect(found).toEqual([
      expect.objectContaining({ ruleId: 'DS004', value: type, problem: 'Unsupported value', valid: '"RollingUpdate", "OnDelete"' }),
    ]);
    expect(found[0].path.startsWith('spec.updateStrategy')).toBe(true);
  });
});

describe('DS005 rollingUpdate budgets', () => {
  const BASE = 'spec.updateStrategy.rollingUpdate';

  test('accepts a DaemonSet without updateStrategy (defaults maxUnavailable=1, maxSurge=0)', () => {
    expect(DS005.check(daemonSet())).toEqual([]);
  });

  test('accepts RollingUpdate without rollingUpdate (defaulted in apps/v1)', () => {
    const ds = daemonSet();
    ds.spec.updateStrategy = { type: 'RollingUpdate' };
    expect(DS005.check(ds)).toEqual([]);
  });

  test('does not validate rollingUpdate under OnDelete', () => {
    expect(DS005.check(withRollingUpdate({ maxUnavailable: 0, maxSurge: '500%' }, 'OnDelete'))).toEqual([]);
  });

  test.each([
    ['nothing set (1 / 0)', {}],
    ['maxUnavailable 1', { maxUnavailable: 1 }],
    ['maxUnavailable "25%"', { maxUnavailable: '25%' }],
    ['maxUnavailable "100%"', { maxUnavailable: '100%', maxSurge: 0 }],
    ['maxUnavailable 500 (integers have no upper bound)', { maxUnavailable: 500 }],
    ['maxUnavailable 2 with maxSurge "0%"', { maxUnavailable: 2, maxSurge: '0%' }],
    ['surge: maxUnavailable 0, maxSurge 1', { maxUnavailable: 0, maxSurge: 1 }],
    ['surge: maxUnavailable "0%", maxSurge "10%"', { maxUnavailable: '0%', maxSurge: '10%' }],
    ['surge: maxUnavailable 0, maxSurge "100%"', { maxUnavailable: 0, maxSurge: '100%' }],
    ['surge: maxUnavailable 0, maxSurge 1000', { maxUnavailable: 0, maxSurge: 1000 }],
  ])('accepts %s', (_title, rollingUpdate) => {
    expect(DS005.check(withRollingUpdate(rollingUpdate))).toEqual([]);
    expect(DS005.check(withRollingUpdate(rollingUpdate, 'RollingUpdate'))).toEqual([]);
  });

  test.each([
    ['only maxSurge 1 (maxUnavailable defaults to 1)', { maxSurge: 1 }],
    ['only maxSurge "10%"', { maxSurge: '10%' }],
    ['maxUnavailable 1 and maxSurge 1', { maxUnavailable: 1, maxSurge: 1 }],
    ['maxUnavailable "10%" and maxSurge "10%"', { maxUnavailable: '10%', maxSurge: '10%' }],
  ])('rejects both non-zero: %s', (_title, rollingUpdate) => {
    expect(DS005.check(withRollingUpdate(rollingUpdate))).toEqual([
      expect.objectContaining({
        ruleId: 'DS005',
        path: `${BASE}.maxSurge`,
        value: rollingUpdate.maxSurge,
        problem: 'may not be set when maxUnavailable is non-zero',
      }),
    ]);
  });

  test.each([
    ['maxUnavailable 0', { maxUnavailable: 0 }],
    ['maxUnavailable "0%"', { maxUnavailable: '0%' }],
    ['maxUnavailable 0 and maxSurge 0', { maxUnavailable: 0, maxSurge: 0 }],
    ['maxUnavailable "0%" and maxSurge "0%"', { maxUnavailable: '0%', maxSurge: '0%' }],
    ['maxUnavailable 0 and maxSurge "0%"', { maxUnavailable: 0, maxSurge: '0%' }],
  ])('rejects both zero: %s', (_title, rollingUpdate) => {
    expect(DS005.check(withRollingUpdate(rollingUpdate))).toEqual([
      expect.objectContaining({
        ruleId: 'DS005',
        path: `${BASE}.maxUnavailable`,
        value: rollingUpdate.maxUnavailable,
        problem: 'cannot be 0 when maxSurge is 0',
      }),
    ]);
  });

  test.each([
    ['maxUnavailable', { maxUnavailable: '101%' }, '101%'],
    ['maxSurge', { maxUnavailable: 0, maxSurge: '150%' }, '150%'],
  ])('rejects a percentage above 100%% in %s', (field, rollingUpdate, value) => {
    expect(DS005.check(withRollingUpdate(rollingUpdate))).toEqual([
      expect.objectContaining({ ruleId: 'DS005', path: `${BASE}.${field}`, value, problem: 'must not be greater than 100%' }),
    ]);
  });

  test.each([
    ['maxUnavailable', { maxUnavailable: -1 }],
    ['maxSurge', { maxUnavailable: 0, maxSurge: -1 }],
  ])('rejects a negative %s', (field, rollingUpdate) => {
    expect(DS005.check(withRollingUpdate(rollingUpdate))).toEqual([
      expect.objectContaining({ ruleId: 'DS005', path: `${BASE}.${field}`, value: -1, problem: 'must be greater than or equal to 0' }),
    ]);
  });

  test.each([
    ['a number without %', '10'],
    ['a negative percentage', '-10%'],
    ['a fraction', '5.5%'],
    ['words', 'ten%'],
  ])('rejects a percent string that is %s', (_title, value) => {
    expect(DS005.check(withRollingUpdate({ maxUnavailable: value }))).toContainEqual(expect.objectContaining({
      ruleId: 'DS005',
      path: `${BASE}.maxUnavailable`,
      value,
      problem: "a valid percent string must be a numeric string followed by an ending '%'",
    }));
  });
});
