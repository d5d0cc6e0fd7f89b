import { checkApiServerRules } from '../../src/validation/api-rules';
import { POD001, POD002, POD003, POD004, POD005, POD006 } from '../../src/validation/container-rules';
import { POD008, POD009, POD010 } from '../../src/validation/scheduling-rules';
import { POD007 } from '../../src/validation/volume-rules';

// kubernetes-rules.md §2 (pod-template rules that matter for daemons).

const SPEC = 'spec.template.spec';
const C0 = `${SPEC}.containers[0]`;

/** A DaemonSet whose pod template passes every API-server rule. */
function daemonSet(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      template: {
        metadata: { labels: { app: 'node-agent' } },
        spec: {
          containers: [{
            name: 'agent',
            image: 'registry.example/agent:1.0.0',
            ports: [{ name: 'metrics', containerPort: 9100, protocol: 'TCP' }],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }],
          }],
          volumes: [{ name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } }],
          tolerations: [{ operator: 'Exists' }],
        },
      },
    },
  };
}

/** The pod spec of the base DaemonSet, for mutation. */
function podOf(ds: any): any {
  return ds.spec.template.spec;
}

function container(name: string, extra: any = {}): any {
  return { name, image: `registry.example/${name}:1`, ...extra };
}

function requiredTerms(terms: any[]): any {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
}

const TERMS = `${SPEC}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;

test('the base DaemonSet passes every API-server rule', () => {
  expect(checkApiServerRules(daemonSet())).toEqual([]);
});

test('pod rules read a Pod at spec', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [container('Agent')] } };
  expect(POD001.check(pod)).toEqual([expect.objectContaining({ ruleId: 'POD001', path: 'spec.containers[0].name', value: 'Agent' })]);
});

test('pod rules ignore objects without a pod template', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} };
  for (const r of [POD001, POD002, POD003, POD004, POD005, POD006, POD007, POD008, POD009, POD010]) {
    expect(r.check(cm)).toEqual([]);
  }
});

describe('POD001 containers', () => {
  test('accepts init and regular containers with distinct DNS-1123 names', () => {
    const ds = daemonSet();
    podOf(ds).initContainers = [container('init-perms')];
    podOf(ds).containers.push(container('sidecar-1'));
    expect(POD001.check(ds)).toEqual([]);
  });

  test.each([
    ['an empty list', []],
    ['no list', undefined],
  ])('requires at least one container (%s)', (_title, containers) => {
    const ds = daemonSet();
    podOf(ds).containers = containers;
    expect(POD001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD001', path: `${SPEC}.containers`, problem: 'Required value' }),
    ]);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
  ])('requires a container name (%s)', (_title, name) => {
    const ds = daemonSet();
    podOf(ds).containers[0].name = name;
    expect(POD001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD001', path: `${C0}.name`, value: name, problem: 'Required value' }),
    ]);
  });

  test.each([
    ['Agent', "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit"],
    ['node_agent', "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit"],
    ['a'.repeat(64), 'must be no more than 63 characters'],
  ])('rejects container name %s', (name, problem) => {
    const ds = daemonSet();
    podOf(ds).containers[0].name = name;
    expect(POD001.check(ds)).toEqual([expect.objectContaining({ ruleId: 'POD001', path: `${C0}.name`, value: name, problem })]);
  });

  test('rejects a container name with dots', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].name = 'agent.v1';
    expect(POD001.check(ds)).toEqual([expect.objectContaining({ ruleId: 'POD001', path: `${C0}.name`, value: 'agent.v1' })]);
  });

  test('rejects a name shared by an init container and a container', () => {
    const ds = daemonSet();
    podOf(ds).initContainers = [container('agent')];
    expect(POD001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD001', path: `${C0}.name`, value: 'agent', problem: 'Duplicate value' }),
    ]);
  });

  test('rejects duplicate names among containers', () => {
    const ds = daemonSet();
    podOf(ds).containers.push(container('agent'));
    expect(POD001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD001', path: `${SPEC}.containers[1].name`, problem: 'Duplicate value' }),
    ]);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
  ])('requires an image (%s)', (_title, image) => {
    const ds = daemonSet();
    podOf(ds).initContainers = [{ name: 'init', image }];
    expect(POD001.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD001', path: `${SPEC}.initContainers[0].image`, value: image, problem: 'Required value' }),
    ]);
  });
});

describe('POD002 container ports', () => {
  test('accepts IANA names, ports 1..65535, hostPort 0 and every protocol', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports = [
      { name: 'metrics', containerPort: 9100, protocol: 'TCP' },
      { name: 'statsd', containerPort: 8125, hostPort: 8125, protocol: 'UDP' },
      { name: 'otlp-grpc-4317', containerPort: 4317 },
      { containerPort: 1, hostPort: 0 },
      { containerPort: 65535, hostPort: 65535, protocol: 'SCTP' },
    ];
    podOf(ds).containers.push(container('sidecar', { ports: [{ name: 'metrics', containerPort: 9101 }] }));
    expect(POD002.check(ds)).toEqual([]);
  });

  test.each([
    ['metrics-endpoint', 'must be no more than 15 characters'],
    ['Metrics', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['9100', 'must contain at least one letter (a-z)'],
    ['http--alt', 'must not contain consecutive hyphens'],
    ['-http', 'must not begin or end with a hyphen'],
    ['http-', 'must not begin or end with a hyphen'],
  ])('rejects port name %s', (name, problem) => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports[0].name = name;
    expect(POD002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD002', path: `${C0}.ports[0].name`, value: name, problem }),
    ]);
  });

  test('checks init container ports too', () => {
    const ds = daemonSet();
    podOf(ds).initContainers = [container('init', { ports: [{ name: 'HTTP', containerPort: 80 }] })];
    expect(POD002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD002', path: `${SPEC}.initContainers[0].ports[0].name`, value: 'HTTP' }),
    ]);
  });

  test('rejects a port name used twice in one container', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports.push({ name: 'metrics', containerPort: 9101 });
    expect(POD002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD002', path: `${C0}.ports[1].name`, value: 'metrics', problem: 'Duplicate value' }),
    ]);
  });

  test.each([0, 65536, -1, undefined])('rejects containerPort %p', (port) => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports[0].containerPort = port;
    expect(POD002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD002', path: `${C0}.ports[0].containerPort`, value: port, problem: 'must be between 1 and 65535, inclusive' }),
    ]);
  });

  test.each([65536, -1])('rejects hostPort %p', (port) => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports[0].hostPort = port;
    expect(POD002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD002', path: `${C0}.ports[0].hostPort`, value: port, problem: 'must be between 1 and 65535, inclusive' }),
    ]);
  });

  test.each(['HTTP', 'tcp'])('rejects protocol %s', (protocol) => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports[0].protocol = protocol;
    expect(POD002.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD002', path: `${C0}.ports[0].protocol`, value: protocol, problem: 'Unsupported value', valid: '"TCP", "UDP", "SCTP"' }),
    ]);
  });
});

describe('POD003 host-port conflicts', () => {
  test.each([
    ['different protocols', { containerPort: 53, hostPort: 53, protocol: 'UDP' }],
    ['different hostIPs', { containerPort: 8080, hostPort: 8080, hostIP: '10.0.0.1' }],
    ['no hostPort', { containerPort: 8080 }],
    ['hostPort 0', { containerPort: 8080, hostPort: 0 }],
  ])('accepts the same port number with %s', (_title, second) => {
    const ds = daemonSet();
    podOf(ds).containers = [
      container('a', { ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }, { containerPort: 53, hostPort: 53, protocol: 'TCP' }] }),
      container('b', { ports: [second] }),
    ];
    expect(POD003.check(ds)).toEqual([]);
  });

  test('accepts an init container reusing a host port of a regular container (init containers run one at a time)', () => {
    const ds = daemonSet();
    podOf(ds).initContainers = [container('init', { ports: [{ containerPort: 8080, hostPort: 8080 }] })];
    podOf(ds).containers[0].ports = [{ containerPort: 8080, hostPort: 8080 }];
    expect(POD003.check(ds)).toEqual([]);
  });

  test('rejects two regular containers on the same protocol/hostIP/hostPort', () => {
    const ds = daemonSet();
    podOf(ds).containers = [
      container('a', { ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }] }),
      container('b', { ports: [{ containerPort: 9090, hostPort: 8080 }] }),
    ];
    expect(POD003.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD003', path: `${SPEC}.containers[1].ports[0].hostPort`, value: 8080, problem: 'Duplicate value' }),
    ]);
  });

  test('rejects the same host port twice in one container', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].ports = [
      { containerPort: 8125, hostPort: 8125, protocol: 'UDP', hostIP: '127.0.0.1' },
      { containerPort: 8126, hostPort: 8125, protocol: 'UDP', hostIP: '127.0.0.1' },
    ];
    expect(POD003.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD003', path: `${C0}.ports[1].hostPort`, value: 8125, problem: 'Duplicate value' }),
    ]);
  });
});

describe('POD004 hostNetwork ports', () => {
  test.each([
    ['hostPort equal to containerPort', { containerPort: 9100, hostPort: 9100 }],
    ['no hostPort', { containerPort: 9100 }],
    ['hostPort 0', { containerPort: 9100, hostPort: 0 }],
  ])('accepts %s under hostNetwork', (_title, port) => {
    const ds = daemonSet();
    podOf(ds).hostNetwork = true;
    podOf(ds).containers[0].ports = [port];
    expect(POD004.check(ds)).toEqual([]);
  });

  test('accepts a different hostPort without hostNetwork', () => {
    const ds = daemonSet();
    podOf(ds).hostNetwork = false;
    podOf(ds).containers[0].ports = [{ containerPort: 9100, hostPort: 19100 }];
    expect(POD004.check(ds)).toEqual([]);
  });

  test.each([
    ['containers', 'containers'],
    ['initContainers', 'initContainers'],
  ])('rejects a hostPort that differs from containerPort under hostNetwork (%s)', (_title, list) => {
    const ds = daemonSet();
    podOf(ds).hostNetwork = true;
    podOf(ds)[list] = [container('x', { ports: [{ containerPort: 9100, hostPort: 9100 }, { containerPort: 9100, hostPort: 19100 }] })];
    expect(POD004.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD004',
        path: `${SPEC}.${list}[0].ports[1].hostPort`,
        value: 19100,
        problem: 'must match `containerPort` when `hostNetwork` is true',
      }),
    ]);
  });
});

describe('POD005 env names and volumeMounts', () => {
  test('accepts C-identifier-like env names and mounts of existing volumes', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].env = [{ name: 'MY_VAR', value: '1' }, { name: 'my.env-name', value: '2' }, { name: '_X', value: '3' }];
    podOf(ds).volumes.push({ name: 'config', configMap: { name: 'agent-config' } });
    podOf(ds).containers[0].volumeMounts.push({ name: 'config', mountPath: '/etc/agent' });
    podOf(ds).containers.push(container('sidecar', { volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }] }));
    expect(POD005.check(ds)).toEqual([]);
  });

  test.each(['1VAR', 'MY VAR', ''])('rejects env name %j', (name) => {
    const ds = daemonSet();
    podOf(ds).containers[0].env.push({ name, value: 'x' });
    expect(POD005.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD005',
        path: `${C0}.env[1].name`,
        value: name,
        problem: "must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit",
      }),
    ]);
  });

  test('rejects a mount of a volume the pod does not define', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].volumeMounts.push({ name: 'missing', mountPath: '/missing' });
    expect(POD005.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD005', path: `${C0}.volumeMounts[1].name`, value: 'missing', problem: 'Not found' }),
    ]);
  });

  test('rejects two mounts at the same path in one container', () => {
    const ds = daemonSet();
    podOf(ds).volumes.push({ name: 'other', emptyDir: {} });
    podOf(ds).containers[0].volumeMounts.push({ name: 'other', mountPath: '/var/log' });
    expect(POD005.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD005', path: `${C0}.volumeMounts[1].mountPath`, value: '/var/log', problem: 'must be unique' }),
    ]);
  });
});

describe('POD006 allowPrivilegeEscalation', () => {
  test.each([
    ['privileged without allowPrivilegeEscalation', { privileged: true }],
    ['privileged with allowPrivilegeEscalation true', { privileged: true, allowPrivilegeEscalation: true }],
    ['allowPrivilegeEscalation false alone', { allowPrivilegeEscalation: false }],
    ['allowPrivilegeEscalation false with privileged false', { allowPrivilegeEscalation: false, privileged: false }],
    ['allowPrivilegeEscalation false with SYS_ADMIN (only the literal CAP_SYS_ADMIN is checked)', {
      allowPrivilegeEscalation: false, capabilities: { add: ['SYS_ADMIN'] },
    }],
    ['allowPrivilegeEscalation false with NET_ADMIN', { allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN'] } }],
    ['CAP_SYS_ADMIN without allowPrivilegeEscalation false', { capabilities: { add: ['CAP_SYS_ADMIN'] } }],
  ])('accepts %s', (_title, securityContext) => {
    const ds = daemonSet();
    podOf(ds).containers[0].securityContext = securityContext;
    expect(POD006.check(ds)).toEqual([]);
  });

  test('rejects allowPrivilegeEscalation false with privileged true', () => {
    const ds = daemonSet();
    const sc = { allowPrivilegeEscalation: false, privileged: true };
    podOf(ds).containers[0].securityContext = sc;
    expect(POD006.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD006',
        path: `${C0}.securityContext`,
        value: sc,
        problem: 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
      }),
    ]);
  });

  test('rejects allowPrivilegeEscalation false with capabilities.add CAP_SYS_ADMIN', () => {
    const ds = daemonSet();
    podOf(ds).initContainers = [container('init', { securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN', 'CAP_SYS_ADMIN'] } } })];
    expect(POD006.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD006',
        path: `${SPEC}.initContainers[0].securityContext`,
        problem: 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
      }),
    ]);
  });

  test('reports both combinations on one container', () => {
    const ds = daemonSet();
    podOf(ds).containers[0].securityContext = { allowPrivilegeEscalation: false, privileged: true, capabilities: { add: ['CAP_SYS_ADMIN'] } };
    expect(POD006.check(ds).map(v => v.problem)).toEqual([
      'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
      'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
    ]);
  });
});

describe('POD007 volumes', () => {
  test.each([
    ['hostPath with a type', { name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } }],
    ['hostPath with the empty type', { name: 'varlog', hostPath: { path: '/var/log', type: '' } }],
    ['hostPath without a type', { name: 'varlog', hostPath: { path: '/var/log' } }],
    ['hostPath with a relative path (absolute is not required)', { name: 'varlog', hostPath: { path: 'var/log' } }],
    ['hostPath with ".." inside a segment name', { name: 'varlog', hostPath: { path: '/var/..log/x..' } }],
    ['hostPath Socket', { name: 'sock', hostPath: { path: '/run/containerd/containerd.sock', type: 'Socket' } }],
    ['emptyDir', { name: 'scratch', emptyDir: {} }],
    ['configMap', { name: 'config', configMap: { name: 'agent-config' } }],
  ])('accepts %s', (_title, volume) => {
    const ds = daemonSet();
    podOf(ds).volumes = [volume];
    expect(POD007.check(ds)).toEqual([]);
  });

  test.each(['DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'])('accepts hostPath type %s', (type) => {
    const ds = daemonSet();
    podOf(ds).volumes[0].hostPath.type = type;
    expect(POD007.check(ds)).toEqual([]);
  });

  test.each([
    ['VarLog', "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit"],
    ['var.log', 'must not contain dots'],
  ])('rejects volume name %s', (name, problem) => {
    const ds = daemonSet();
    podOf(ds).volumes[0].name = name;
    expect(POD007.check(ds)).toEqual([expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[0].name`, value: name, problem })]);
  });

  test('rejects duplicate volume names', () => {
    const ds = daemonSet();
    podOf(ds).volumes.push({ name: 'varlog', emptyDir: {} });
    expect(POD007.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[1].name`, value: 'varlog', problem: 'Duplicate value' }),
    ]);
  });

  test('rejects a volume without a source', () => {
    const ds = daemonSet();
    podOf(ds).volumes = [{ name: 'varlog' }];
    expect(POD007.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[0]`, problem: 'must specify a volume type' }),
    ]);
  });

  test('rejects a volume with two sources', () => {
    const ds = daemonSet();
    podOf(ds).volumes = [{ name: 'varlog', hostPath: { path: '/var/log' }, emptyDir: {} }];
    expect(POD007.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[0]`, value: ['hostPath', 'emptyDir'], problem: 'may not specify more than 1 volume type' }),
    ]);
  });

  test.each([undefined, ''])('requires hostPath.path (%p)', (path) => {
    const ds = daemonSet();
    podOf(ds).volumes[0].hostPath.path = path;
    expect(POD007.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[0].hostPath.path`, value: path, problem: 'Required value' }),
    ]);
  });

  test.each(['/var/../etc', '..', '../etc', '/var/log/..'])('rejects hostPath.path %j with a ".." segment', (path) => {
    const ds = daemonSet();
    podOf(ds).volumes[0].hostPath.path = path;
    expect(POD007.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[0].hostPath.path`, value: path, problem: "must not contain '..'" }),
    ]);
  });

  test.each(['Dir', 'directory', 'Unset'])('rejects hostPath.type %s', (type) => {
    const ds = daemonSet();
    podOf(ds).volumes[0].hostPath.type = type;
    expect(POD007.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD007', path: `${SPEC}.volumes[0].hostPath.type`, value: type, problem: 'Unsupported value' }),
    ]);
  });
});

describe('POD008 tolerations', () => {
  test.each([
    ['match everything (empty key, Exists)', { operator: 'Exists' }],
    ['Exists on a key with an effect', { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    ['Exists with an empty value', { key: 'dedicated', operator: 'Exists', value: '' }],
    ['Equal with a value', { key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'PreferNoSchedule' }],
    ['Equal with an empty value', { key: 'dedicated', operator: 'Equal' }],
    ['no operator (defaults to Equal) with a value', { key: 'dedicated', value: 'agents' }],
    ['tolerationSeconds with NoExecute', { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    ['negative tolerationSeconds with NoExecute (not rejected)', { key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: -1 }],
    ['an empty effect (matches every effect)', { key: 'k', operator: 'Exists', effect: '' }],
  ])('accepts %s', (_title, toleration) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [toleration];
    expect(POD008.check(ds)).toEqual([]);
  });

  test('accepts duplicate tolerations (no uniqueness check)', () => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key: 'k', operator: 'Exists' }, { key: 'k', operator: 'Exists' }];
    expect(POD008.check(ds)).toEqual([]);
  });

  test.each(['bad key', 'example.com/a/b', 'Example.com/key'])('rejects key %j', (key) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key, operator: 'Exists' }];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD008', path: `${SPEC}.tolerations[0].key`, value: key }),
    ]);
  });

  test.each([
    ['Equal', { operator: 'Equal', value: 'v' } as any],
    ['no operator', { effect: 'NoSchedule' } as any],
  ])('rejects an empty key with %s', (_title, toleration) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [toleration];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD008',
        path: `${SPEC}.tolerations[0].operator`,
        value: toleration.operator,
        problem: 'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      }),
    ]);
  });

  test.each([
    ['no effect', undefined],
    ['an empty effect', ''],
    ['NoSchedule', 'NoSchedule'],
    ['PreferNoSchedule', 'PreferNoSchedule'],
  ])('rejects tolerationSeconds with %s', (_title, effect) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect, tolerationSeconds: 60 }];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD008',
        path: `${SPEC}.tolerations[0].effect`,
        value: effect,
        problem: "effect must be 'NoExecute' when `tolerationSeconds` is set",
      }),
    ]);
  });

  test.each(['Equal', undefined])('rejects an invalid label value with operator %p (reported at .operator)', (operator) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key: 'dedicated', operator, value: 'bad value!' }];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD008',
        path: `${SPEC}.tolerations[0].operator`,
        value: 'bad value!',
        problem: "must be empty or consist of alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric character",
      }),
    ]);
  });

  test('rejects a value with Exists', () => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key: 'dedicated', operator: 'Exists', value: 'agents' }];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD008', path: `${SPEC}.tolerations[0].operator`, problem: "value must be empty when `operator` is 'Exists'" }),
    ]);
  });

  test.each(['Gt', 'In', 'exists'])('rejects operator %s', (operator) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key: 'dedicated', operator, value: '1' }];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD008', path: `${SPEC}.tolerations[0].operator`, value: operator, problem: 'Unsupported value', valid: '"Equal", "Exists"' }),
    ]);
  });

  test.each(['NoRun', 'noschedule'])('rejects effect %s', (effect) => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ key: 'dedicated', operator: 'Exists', effect }];
    expect(POD008.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD008', path: `${SPEC}.tolerations[0].effect`, value: effect, problem: 'Unsupported value' }),
    ]);
  });

  test('reports the index of the bad toleration', () => {
    const ds = daemonSet();
    podOf(ds).tolerations = [{ operator: 'Exists' }, { key: 'k', operator: 'Exists', value: 'v' }];
    expect(POD008.check(ds).map(v => v.path)).toEqual([`${SPEC}.tolerations[1].operator`]);
  });
});

describe('POD009 nodeSelector and required node affinity', () => {
  test('accepts a nodeSelector and well-formed required terms', () => {
    const ds = daemonSet();
    podOf(ds).nodeSelector = { 'kubernetes.io/os': 'linux' };
    podOf(ds).affinity = requiredTerms([
      {
        matchExpressions: [
          { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.large', 'm5.xlarge'] },
          { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
          { key: 'gpu', operator: 'Exists' },
          { key: 'spot', operator: 'DoesNotExist' },
          { key: 'cpu-count', operator: 'Gt', values: ['4'] },
          { key: 'cpu-count', operator: 'Lt', values: ['64'] },
        ],
      },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-2'] }] },
    ]);
    expect(POD009.check(ds)).toEqual([]);
  });

  test('accepts preferred-only node affinity', () => {
    const ds = daemonSet();
    podOf(ds).affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } };
    expect(POD009.check(ds)).toEqual([]);
  });

  test.each([
    ['bad key', 'linux'],
    ['kubernetes.io/os', 'linux os'],
  ])('rejects nodeSelector %j: %j', (key, value) => {
    const ds = daemonSet();
    podOf(ds).nodeSelector = { [key]: value };
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: `${SPEC}.nodeSelector[${JSON.stringify(key)}]` }),
    ]);
  });

  test('requires at least one node selector term', () => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: TERMS, problem: 'must have at least one node selector term' }),
    ]);
  });

  test.each(['In', 'NotIn'])('requires values for %s', (operator) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchExpressions: [{ key: 'zone', operator, values: [] }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: `${TERMS}[0].matchExpressions[0].values`, problem: "must be specified when `operator` is 'In' or 'NotIn'" }),
    ]);
  });

  test.each(['Exists', 'DoesNotExist'])('forbids values for %s', (operator) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchExpressions: [{ key: 'zone', operator, values: ['a'] }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD009',
        path: `${TERMS}[0].matchExpressions[0].values`,
        value: ['a'],
        problem: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      }),
    ]);
  });

  test.each([
    ['Gt', undefined],
    ['Gt', []],
    ['Lt', ['1', '2']],
  ])('requires exactly one value for %s (values %p)', (operator, values) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchExpressions: [{ key: 'cpu-count', operator, values }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD009',
        path: `${TERMS}[0].matchExpressions[0].values`,
        problem: "must be specified single value when `operator` is 'Lt' or 'Gt'",
      }),
    ]);
  });

  test.each(['Equals', 'in', 'Gte'])('rejects expression operator %s', (operator) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchExpressions: [{ key: 'zone', operator, values: ['a'] }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: `${TERMS}[0].matchExpressions[0].operator`, value: operator, problem: 'not a valid selector operator' }),
    ]);
  });

  test('rejects an expression key that is not a qualified name', () => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchExpressions: [{ key: 'a/b/c', operator: 'Exists' }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: `${TERMS}[0].matchExpressions[0].key`, value: 'a/b/c' }),
    ]);
  });

  test.each(['metadata.labels', 'spec.nodeName', 'metadata.namespace'])('rejects matchFields key %s', (key) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchFields: [{ key, operator: 'In', values: ['node-1'] }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: `${TERMS}[0].matchFields[0].key`, value: key, problem: 'not a valid field selector key' }),
    ]);
  });

  test.each(['Exists', 'Gt'])('rejects matchFields operator %s', (operator) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([{ matchFields: [{ key: 'metadata.name', operator, values: ['node-1'] }] }]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD009', path: `${TERMS}[0].matchFields[0].operator`, value: operator, problem: 'not a valid selector operator' }),
    ]);
  });

  test.each([
    ['two values', ['node-1', 'node-2']],
    ['no values', []],
  ])('rejects matchFields with %s', (_title, values) => {
    const ds = daemonSet();
    podOf(ds).affinity = requiredTerms([
      { matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values }] },
    ]);
    expect(POD009.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD009',
        path: `${TERMS}[1].matchFields[0].values`,
        value: values,
        problem: "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
      }),
    ]);
  });
});

describe('POD010 priorityClassName and preemptionPolicy', () => {
  test.each([
    ['system-node-critical', {}],
    ['node-agent.critical', { preemptionPolicy: 'Never' }],
    ['node-agent', { preemptionPolicy: 'PreemptLowerPriority' }],
  ])('accepts %s', (name, extra) => {
    const ds = daemonSet();
    Object.assign(podOf(ds), { priorityClassName: name, ...extra });
    expect(POD010.check(ds)).toEqual([]);
  });

  test.each(['High_Priority', 'Critical', 'critical.'])('rejects priorityClassName %s', (name) => {
    const ds = daemonSet();
    podOf(ds).priorityClassName = name;
    expect(POD010.check(ds)).toEqual([
      expect.objectContaining({
        ruleId: 'POD010',
        path: `${SPEC}.priorityClassName`,
        value: name,
        problem: "must be a lowercase RFC 1123 subdomain: a-z, 0-9, '-' and '.', starting and ending with a letter or digit",
      }),
    ]);
  });

  test.each(['Always', 'never'])('rejects preemptionPolicy %s', (policy) => {
    const ds = daemonSet();
    podOf(ds).preemptionPolicy = policy;
    expect(POD010.check(ds)).toEqual([
      expect.objectContaining({ ruleId: 'POD010', path: `${SPEC}.preemptionPolicy`, value: policy, problem: 'Unsupported value', valid: '"PreemptLowerPriority", "Never"' }),
    ]);
  });
});
