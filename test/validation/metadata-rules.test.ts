import { checkLabelMap, META001, META002 } from '../../src/validation/metadata-rules';
import { ViolationSink } from '../../src/validation/violation';

// kubernetes-rules.md §1.1, §2 (ValidatePodTemplateSpec: labels, annotations), §4 (PriorityClass name).

const LABEL_VALUE_PROBLEM = "must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character";
const SUBDOMAIN_PROBLEM = "must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit";

/** A DaemonSet with labels and annotations on the object and on its pod template. */
function daemonSet(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'node-agent',
      namespace: 'kube-system',
      labels: { 'app.kubernetes.io/name': 'node-agent', 'tier': '' },
      annotations: { 'example.com/owner': 'Platform team <platform@example.com>', 'note': 'any text at all' },
    },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'node-agent' } },
      template: {
        metadata: {
          labels: { 'app.kubernetes.io/name': 'node-agent', 'App': 'Node_Agent.v1' },
          annotations: { 'kubectl.kubernetes.io/default-container': 'agent' },
        },
        spec: { containers: [{ name: 'agent', image: 'registry.example/agent:1.0.0' }] },
      },
    },
  };
}

describe('META001 metadata.name', () => {
  test.each([
    ['DaemonSet', 'node-agent'],
    ['DaemonSet', 'node-agent.v1'],
    ['DaemonSet', 'a'.repeat(253)],
    ['ConfigMap', 'agent.config'],
    ['PriorityClass', 'node-critical'],
  ])('accepts a %s named %s', (kind, name) => {
    expect(META001.check({ kind, metadata: { name } })).toEqual([]);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
  ])('requires a name (%s)', (_title, name) => {
    expect(META001.check({ kind: 'DaemonSet', metadata: { name } })).toEqual([
      expect.objectContaining({ ruleId: 'META001', path: 'metadata.name', value: name, problem: 'Required value' }),
    ]);
  });

  test('requires metadata', () => {
    expect(META001.check({ kind: 'DaemonSet' })).toEqual([
      expect.objectContaining({ ruleId: 'META001', path: 'metadata.name', problem: 'Required value' }),
    ]);
  });

  test.each([
    ['Node-Agent', SUBDOMAIN_PROBLEM],
    ['node_agent', SUBDOMAIN_PROBLEM],
    ['node-agent.', SUBDOMAIN_PROBLEM],
    ['a'.repeat(254), 'must be no more than 253 characters'],
  ])('rejects a DaemonSet named %s', (name, problem) => {
    expect(META001.check({ kind: 'DaemonSet', metadata: { name } })).toEqual([
      expect.objectContaining({ ruleId: 'META001', path: 'metadata.name', value: name, problem }),
    ]);
  });

  test('uses DNS-1035 for Services only: a leading digit is fine for a DaemonSet', () => {
    expect(META001.check({ kind: 'DaemonSet', metadata: { name: '1agent' } })).toEqual([]);
    expect(META001.check({ kind: 'Service', metadata: { name: '1agent' } })).toEqual([
      expect.objectContaining({ ruleId: 'META001', path: 'metadata.name', value: '1agent' }),
    ]);
  });
});

describe('META002 labels and annotation keys', () => {
  test('accepts valid labels and annotations on the object and the template', () => {
    expect(META002.check(daemonSet())).toEqual([]);
  });

  test('accepts an object without labels or a template', () => {
    expect(META002.check({ kind: 'ConfigMap', metadata: { name: 'c' } })).toEqual([]);
  });

  test.each([
    ['metadata.labels', (o: any) => o.metadata.labels],
    ['spec.template.metadata.labels', (o: any) => o.spec.template.metadata.labels],
  ])('rejects a bad label key in %s', (path, labelsOf) => {
    const ds = daemonSet();
    labelsOf(ds)['example.com/a/b'] = 'x';
    expect(META002.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'META002',
        path: `${path}["example.com/a/b"]`,
        value: 'example.com/a/b',
        problem: "must be a qualified name: an optional DNS subdomain prefix and '/', then a name",
      }),
    ]);
  });

  test.each([
    ['-leading', LABEL_VALUE_PROBLEM],
    ['trailing.', LABEL_VALUE_PROBLEM],
    ['has space', LABEL_VALUE_PROBLEM],
    ['v'.repeat(64), 'must be no more than 63 characters'],
  ])('rejects label value %j', (value, problem) => {
    const ds = daemonSet();
    ds.spec.template.metadata.labels.version = value;
    expect(META002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'META002', path: 'spec.template.metadata.labels["version"]', value, problem }),
    ]);
  });

  test('rejects a label value that is not a string', () => {
    const ds = daemonSet();
    ds.metadata.labels.replicas = 3;
    expect(META002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'META002', path: 'metadata.labels["replicas"]', value: 3, problem: 'label value must be a string' }),
    ]);
  });

  test.each([
    ['metadata.annotations', (o: any) => o.metadata.annotations],
    ['spec.template.metadata.annotations', (o: any) => o.spec.template.metadata.annotations],
  ])('rejects an annotation key that is not a qualified name in %s', (path, annotationsOf) => {
    const ds = daemonSet();
    annotationsOf(ds)['bad key'] = 'x';
    expect(META002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'META002', path: `${path}["bad key"]`, value: 'bad key' }),
    ]);
  });
});

describe('checkLabelMap', () => {
  function check(map: any): any[] {
    const sink = new ViolationSink('TEST');
    checkLabelMap(sink, map, 'm');
    return sink.found;
  }

  test.each([undefined, null, {}, { a: '' }, { 'example.com/a': 'B_1' }])('accepts %p', (map) => {
    expect(check(map)).toEqual([]);
  });

  test('reports the key problem and the value problem separately', () => {
    expect(check({ '-k': '-v' })).toEqual([
      expect.objectContaining({ ruleId: 'TEST', path: 'm["-k"]', value: '-k' }),
      expect.objectContaining({ ruleId: 'TEST', path: 'm["-k"]', value: '-v', problem: LABEL_VALUE_PROBLEM }),
    ]);
  });
});
