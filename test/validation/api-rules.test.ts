import { API_SERVER_RULES, checkApiServerRules } from '../../src/validation/api-rules';

const ALL_IDS = [
  'META001', 'META002', 'META003', 'META004',
  'DS001', 'DS002', 'DS003', 'DS004', 'DS005',
  'POD001', 'POD002', 'POD003', 'POD004', 'POD005', 'POD006', 'POD007', 'POD008', 'POD009', 'POD010',
  'POD011', 'POD012', 'POD013', 'POD014', 'POD015', 'POD016', 'POD017', 'POD018', 'POD019', 'POD020',
  'POD031', 'POD032', 'POD033', 'POD034', 'POD035',
  'SVC001', 'SVC002', 'SVC003',
  'PC001', 'PC002',
  'CM001', 'SIZE001', 'SECRET001', 'RBAC001', 'RBAC002', 'PDB001', 'NETPOL001', 'DEP001',
];

describe('API_SERVER_RULES', () => {
  test('holds every rule ID exactly once', () => {
    expect(API_SERVER_RULES.map(r => r.id).sort()).toEqual([...ALL_IDS].sort());
  });

  test('every rule names its kinds and has a description', () => {
    for (const r of API_SERVER_RULES) {
      expect(r.kinds.length).toBeGreaterThan(0);
      expect(r.description.length).toBeGreaterThan(0);
    }
  });
});

describe('checkApiServerRules', () => {
  test('runs only the rules for the object kind', () => {
    // A "Service" with a pod-template-shaped spec: only META and SVC rules may fire.
    const svc = {
      kind: 'Service',
      metadata: { name: 'Bad_Name' },
      spec: { ports: [], template: { spec: { containers: [], restartPolicy: 'Never' } } },
    };
    expect([...new Set(checkApiServerRules(svc).map(v => v.ruleId))].sort()).toEqual(['META001', 'SVC001']);
  });

  test('runs the DaemonSet, pod and metadata rules for a DaemonSet', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'Node_Agent' },
      spec: {
        selector: {},
        template: { metadata: { labels: { app: 'a' } }, spec: { containers: [], restartPolicy: 'Never' } },
      },
    };
    expect([...new Set(checkApiServerRules(ds).map(v => v.ruleId))].sort()).toEqual(['DS001', 'DS002', 'META001', 'POD001']);
  });

  test('runs only the metadata rules for a kind without specific rules', () => {
    const found = checkApiServerRules({ kind: 'ServiceAccount', metadata: { name: 'node-agent', labels: { 'bad key': 'x' } } });
    expect(found).toEqual([expect.objectContaining({ ruleId: 'META002', path: 'metadata.labels["bad key"]' })]);
  });

  test('tolerates undefined input', () => {
    expect(checkApiServerRules(undefined)).toEqual([
      expect.objectContaining({ ruleId: 'META001', path: 'metadata.name', problem: 'Required value' }),
    ]);
  });

  test('every violation carries ruleId, path, value, problem and valid', () => {
    const pc = { kind: 'PriorityClass', metadata: { name: 'system-agents' }, value: 5, preemptionPolicy: 'Sometimes' };
    const found = checkApiServerRules(pc);
    expect(found).toEqual([
      {
        ruleId: 'PC001',
        path: 'metadata.name',
        value: 'system-agents',
        problem: "priority class names with 'system-' prefix are reserved for system use only. error: system-agents is not a known system priority class",
        valid: expect.any(String),
      },
      { ruleId: 'PC002', path: 'preemptionPolicy', value: 'Sometimes', problem: 'Unsupported value', valid: '"PreemptLowerPriority", "Never"' },
    ]);
  });
});
