import { checkApiServerRules } from '../../src/validation/api-rules';
import { CM001 } from '../../src/validation/config-map-rules';

// ConfigMap keys follow apimachinery IsConfigMapKey; a key may be in data or binaryData, not both (ValidateConfigMap).

/** A ConfigMap that passes every API-server rule. */
function configMap(): any {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'agent-config', namespace: 'kube-system' },
    data: { 'agent.yaml': 'level: info\n' },
  };
}

const KEY_CHARS = "must consist of alphanumeric characters, '-', '_' or '.'";

test('the base ConfigMap passes every API-server rule', () => {
  expect(checkApiServerRules(configMap())).toEqual([]);
});

describe('CM001 keys', () => {
  test.each([
    ['file-like keys', { data: { 'agent.yaml': '', '.env': '', 'A_b-c.1': '' } }],
    ['distinct data and binaryData keys', { data: { 'agent.yaml': '' }, binaryData: { 'ca.der': 'AAAA' } }],
    ['no data at all', { data: undefined }],
    ['only binaryData', { data: undefined, binaryData: { 'ca.der': 'AAAA' } }],
  ])('accepts %s', (_title, extra) => {
    expect(CM001.check(Object.assign(configMap(), extra))).toEqual([]);
  });

  test.each([
    ['conf/agent.yaml', KEY_CHARS],
    ['agent config', KEY_CHARS],
    ['.', "must not be '.'"],
    ['..', "must not start with '..'"],
    ['..data', "must not start with '..'"],
    ['k'.repeat(254), 'must be no more than 253 characters'],
  ])('rejects data key %j', (key, problem) => {
    expect(CM001.check(Object.assign(configMap(), { data: { [key]: 'x' } }))).toEqual([
      expect.objectContaining({ ruleId: 'CM001', path: `data[${JSON.stringify(key)}]`, value: key, problem }),
    ]);
  });

  test('rejects a bad binaryData key', () => {
    expect(CM001.check(Object.assign(configMap(), { binaryData: { 'certs/ca.der': 'AAAA' } }))).toEqual([
      expect.objectContaining({ ruleId: 'CM001', path: 'binaryData["certs/ca.der"]', value: 'certs/ca.der', problem: KEY_CHARS }),
    ]);
  });

  test('rejects a key present in both data and binaryData', () => {
    expect(CM001.check(Object.assign(configMap(), { binaryData: { 'agent.yaml': 'AAAA' } }))).toContainEqual(expect.objectContaining({
      ruleId: 'CM001',
      path: 'binaryData["agent.yaml"]',
      value: 'agent.yaml',
      problem: 'duplicate of key present in data',
    }));
  });
});
