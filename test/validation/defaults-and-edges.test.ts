import { checkApiServerRules } from '../../src/validation/api-rules';
import { Violation } from '../../src/validation/violation';

// Empty strings that the API server defaults (so they are valid), and edge cases of kubernetes-rules.md §1-3.

const APP = 'app.kubernetes.io/name';
const SPEC = 'spec.template.spec';

function daemonSet(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { [APP]: 'node-agent' } },
      template: {
        metadata: { labels: { [APP]: 'node-agent' } },
        spec: { containers: [{ name: 'agent', image: 'registry.example/agent:1.0.0', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

function service(spec: any): any {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'agent' }, spec: { selector: { [APP]: 'node-agent' }, ports: [{ port: 80 }], ...spec } };
}

function ids(violations: Violation[]): string[] {
  return violations.map(v => `${v.ruleId} ${v.path}`);
}

describe('empty strings the API server defaults are valid', () => {
  test.each([
    ['restartPolicy "" (defaults to Always)', (ds: any) => { ds.spec.template.spec.restartPolicy = ''; }],
    ['updateStrategy.type "" (defaults to RollingUpdate)', (ds: any) => { ds.spec.updateStrategy = { type: '' }; }],
    ['toleration operator "" (same as Equal)', (ds: any) => { ds.spec.template.spec.tolerations = [{ key: 'k', operator: '', value: 'v' }]; }],
    ['port name "" (unnamed)', (ds: any) => { ds.spec.template.spec.containers[0].ports[0].name = ''; }],
    ['port protocol "" (defaults to TCP)', (ds: any) => { ds.spec.template.spec.containers[0].ports[0].protocol = ''; }],
    ['priorityClassName "" (none)', (ds: any) => { ds.spec.template.spec.priorityClassName = ''; }],
    ['Gt with a non-integer value (never matches, not rejected)', (ds: any) => {
      ds.spec.template.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['four'] }] }] } } };
    }],
  ])('%s', (_title, mutate) => {
    const ds = daemonSet();
    mutate(ds);
    expect(checkApiServerRules(ds)).toEqual([]);
  });

  test.each([
    ['protocol ""', { ports: [{ port: 80, protocol: '' }] }],
    ['nodePort 0 on ClusterIP', { ports: [{ port: 80, nodePort: 0 }] }],
    ['type ""', { type: '' }],
    ['externalTrafficPolicy "" on ClusterIP', { externalTrafficPolicy: '' }],
  ])('Service %s', (_title, spec) => {
    expect(checkApiServerRules(service(spec))).toEqual([]);
  });
});

describe('DS001 selector edge cases', () => {
  test('a missing selector never matches the template', () => {
    const ds = daemonSet();
    delete ds.spec.selector;
    expect(ids(checkApiServerRules(ds))).toEqual(['DS001 spec.template.metadata.labels']);
  });

  test('selector expression keys and values are label syntax', () => {
    const ds = daemonSet();
    ds.spec.selector.matchExpressions = [
      { key: 'a/b/c', operator: 'DoesNotExist' },
      { key: 'tier', operator: 'NotIn', values: ['bad value!'] },
    ];
    expect(ids(checkApiServerRules(ds))).toEqual([
      'DS001 spec.selector.matchExpressions[0].key',
      'DS001 spec.selector.matchExpressions[1].values[0]',
    ]);
  });

  test('an invalid selector is not also reported as not matching', () => {
    const ds = daemonSet();
    ds.spec.selector.matchExpressions = [{ key: 'tier', operator: 'In', values: [] }];
    expect(ids(checkApiServerRules(ds))).toEqual(['DS001 spec.selector.matchExpressions[0].values']);
  });
});

describe('other edges', () => {
  test('DS004 reports an unknown strategy at spec.updateStrategy', () => {
    const ds = daemonSet();
    ds.spec.updateStrategy = { type: 'Recreate' };
    expect(ids(checkApiServerRules(ds))).toEqual(['DS004 spec.updateStrategy']);
  });

  test('POD003 checks each init container on its own', () => {
    const ds = daemonSet();
    ds.spec.template.spec.initContainers = [
      { name: 'init', image: 'busybox:1.36', ports: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81, hostPort: 80 }] },
      { name: 'init2', image: 'busybox:1.36', ports: [{ containerPort: 80, hostPort: 80 }] },
    ];
    expect(ids(checkApiServerRules(ds))).toEqual([`POD003 ${SPEC}.initContainers[0].ports[1].hostPort`]);
  });

  test('POD009 checks the node name of matchFields', () => {
    const ds = daemonSet();
    ds.spec.template.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['Bad_Node!'] }] }] } } };
    expect(ids(checkApiServerRules(ds))).toEqual([`POD009 ${SPEC}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]`]);
  });

  test.each([
    ['ExternalName with externalTrafficPolicy', { type: 'ExternalName', externalName: 'example.com', ports: [], externalTrafficPolicy: 'Local' }, 'may only be set for externally-accessible services'],
    ['NodePort with an unknown externalTrafficPolicy', { type: 'NodePort', externalTrafficPolicy: 'Bogus' }, 'Unsupported value'],
  ])('SVC002 %s', (_title, spec, problem) => {
    expect(checkApiServerRules(service(spec))).toEqual([expect.objectContaining({ ruleId: 'SVC002', path: 'spec.externalTrafficPolicy', problem })]);
  });

  test('META002 lowercases annotation keys before checking them', () => {
    const ds = daemonSet();
    ds.metadata.annotations = { 'Example.com/note': 'x' };
    expect(checkApiServerRules(ds)).toEqual([]);
  });

  test('POD005 rejects an env var named ..', () => {
    const ds = daemonSet();
    ds.spec.template.spec.containers[0].env = [{ name: '..', value: 'x' }];
    expect(checkApiServerRules(ds)).toEqual([expect.objectContaining({ ruleId: 'POD005', problem: "must not start with '..'" })]);
  });
});
