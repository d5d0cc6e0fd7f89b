import { checkApiServerRules } from '../../src/validation/api-rules';
import { META001 } from '../../src/validation/metadata-rules';
import { HIGHEST_USER_DEFINABLE_PRIORITY, PC001, PC002, SYSTEM_PRIORITY_CLASSES } from '../../src/validation/priority-class-rules';

// kubernetes-rules.md §4 (ValidatePriorityClass, IsKnownSystemPriorityClass).

const RESERVED = "priority class names with 'system-' prefix are reserved for system use only. error: ";

/** A user PriorityClass that passes every API-server rule. */
function priorityClass(): any {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'node-agent-critical' },
    value: 1000000,
    globalDefault: false,
    preemptionPolicy: 'PreemptLowerPriority',
    description: 'Node agents',
  };
}

function withFields(extra: any): any {
  const pc = priorityClass();
  const { name, ...rest } = extra;
  if (name !== undefined) pc.metadata.name = name;
  return Object.assign(pc, rest);
}

test('the base PriorityClass passes every API-server rule', () => {
  expect(checkApiServerRules(priorityClass())).toEqual([]);
});

test('the system classes and the user ceiling match kubernetes-rules.md §4', () => {
  expect(SYSTEM_PRIORITY_CLASSES).toEqual({ 'system-cluster-critical': 2000000000, 'system-node-critical': 2000001000 });
  expect(HIGHEST_USER_DEFINABLE_PRIORITY).toBe(1000000000);
});

describe('META001 on a PriorityClass (DNS-1123 subdomain)', () => {
  test.each(['node-agent-critical', 'agents.high'])('accepts %s', (name) => {
    expect(META001.check(withFields({ name }))).toEqual([]);
  });

  test.each(['Critical', 'node_agent'])('rejects %s', (name) => {
    expect(META001.check(withFields({ name }))).toEqual([
      expect.objectContaining({ ruleId: 'META001', path: 'metadata.name', value: name }),
    ]);
  });
});

describe('PC001 value and reserved names', () => {
  test.each([
    ['the user maximum 1000000000', { value: 1000000000 }],
    ['zero', { value: 0 }],
    ['a negative value', { value: -5 }],
    ['the int32 minimum', { value: -2147483648 }],
    ['globalDefault true on a user class', { globalDefault: true }],
    ['system-node-critical with its exact value', { name: 'system-node-critical', value: 2000001000 }],
    ['system-cluster-critical with its exact value', { name: 'system-cluster-critical', value: 2000000000, globalDefault: false }],
    ['system-node-critical without globalDefault', { name: 'system-node-critical', value: 2000001000, globalDefault: undefined }],
    ['a name containing but not starting with system-', { name: 'my-system-class', value: 1000 }],
    ['a name starting with "system" but not "system-"', { name: 'systemd-agents', value: 1000 }],
  ])('accepts %s', (_title, extra) => {
    expect(PC001.check(withFields(extra))).toEqual([]);
  });

  test.each([1000000001, 2000001000, 2147483647])('rejects user value %p above 1000000000', (value) => {
    expect(PC001.check(withFields({ value }))).toEqual([
      expect.objectContaining({ ruleId: 'PC001', path: 'value', value, problem: 'maximum allowed value of a user defined priority is 1000000000' }),
    ]);
  });

  test.each([
    ['an unknown system- name', 'system-custom', 100, `${RESERVED}system-custom is not a known system priority class`],
    ['an unknown system- name with a high value', 'system-agents', 2000000000, `${RESERVED}system-agents is not a known system priority class`],
    ['system-node-critical with the cluster-critical value', 'system-node-critical', 2000000000, `${RESERVED}value of system-node-critical PriorityClass must be 2000001000`],
    ['system-cluster-critical with a user value', 'system-cluster-critical', 1000, `${RESERVED}value of system-cluster-critical PriorityClass must be 2000000000`],
  ])('rejects %s', (_title, name, value, problem) => {
    expect(PC001.check(withFields({ name, value }))).toEqual([
      expect.objectContaining({ ruleId: 'PC001', path: 'metadata.name', value: name, problem }),
    ]);
  });

  test.each(['system-node-critical', 'system-cluster-critical'])('rejects %s with globalDefault true', (name) => {
    const value = SYSTEM_PRIORITY_CLASSES[name];
    expect(PC001.check(withFields({ name, value, globalDefault: true }))).toEqual([
      expect.objectContaining({ ruleId: 'PC001', path: 'metadata.name', value: name, problem: `${RESERVED}globalDefault of ${name} PriorityClass must be false` }),
    ]);
  });

  test.each([2147483648, -2147483649, 1.5, '100'])('rejects value %p that is not an int32', (value) => {
    expect(PC001.check(withFields({ value }))).toEqual([
      expect.objectContaining({ ruleId: 'PC001', path: 'value', value, problem: 'must be a 32-bit integer' }),
    ]);
  });
});

describe('PC002 preemptionPolicy', () => {
  test.each([
    ['unset (defaults to PreemptLowerPriority)', undefined],
    ['PreemptLowerPriority', 'PreemptLowerPriority'],
    ['Never', 'Never'],
  ])('accepts %s', (_title, preemptionPolicy) => {
    expect(PC002.check(withFields({ preemptionPolicy }))).toEqual([]);
  });

  test.each(['Always', 'never', 'PreemptNever'])('rejects %s', (preemptionPolicy) => {
    expect(PC002.check(withFields({ preemptionPolicy }))).toEqual([
      expect.objectContaining({ ruleId: 'PC002', path: 'preemptionPolicy', value: preemptionPolicy, problem: 'Unsupported value', valid: '"PreemptLowerPriority", "Never"' }),
    ]);
  });

  test('rejects an empty preemptionPolicy', () => {
    expect(PC002.check(withFields({ preemptionPolicy: '' }))).toEqual([
      expect.objectContaining({ ruleId: 'PC002', path: 'preemptionPolicy', value: '' }),
    ]);
  });
});
