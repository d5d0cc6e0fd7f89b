import { checkApiServerRules } from '../../src/validation/api-rules';
import { META001 } from '../../src/validation/metadata-rules';
import { isHeadless, SVC001, SVC002 } from '../../src/validation/service-rules';

// kubernetes-rules.md §3 (ValidateService and friends, v1 Service defaults).

/** A node-local Service that passes every API-server rule. */
function service(): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'node-agent', namespace: 'kube-system' },
    spec: {
      selector: { 'app.kubernetes.io/name': 'node-agent' },
      ports: [{ name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' }],
      internalTrafficPolicy: 'Local',
    },
  };
}

function withSpec(extra: any): any {
  const svc = service();
  Object.assign(svc.spec, extra);
  return svc;
}

test('the base Service passes every API-server rule', () => {
  expect(checkApiServerRules(service())).toEqual([]);
});

describe('META001 on a Service (DNS-1035 label)', () => {
  test.each(['node-agent', 'a', 'agent1'])('accepts %s', (name) => {
    const svc = service();
    svc.metadata.name = name;
    expect(META001.check(svc)).toEqual([]);
  });

  test.each(['1agent', 'agent.local', 'Agent', 'agent-'])('rejects %s', (name) => {
    const svc = service();
    svc.metadata.name = name;
    expect(META001.check(svc)).toEqual([
      expect.objectContaining({
        ruleId: 'META001',
        path: 'metadata.name',
        value: name,
        problem: "must be a lowercase RFC 1035 label: a-z, 0-9 and '-', starting with a letter and ending with a letter or digit",
      }),
    ]);
  });
});

describe('isHeadless', () => {
  test.each([
    ['clusterIPs ["None"]', { clusterIP: 'None', clusterIPs: ['None'] }, true],
    ['clusterIP "None" alone (normalised into clusterIPs)', { clusterIP: 'None' }, true],
    ['no clusterIP', {}, false],
    ['a real clusterIP', { clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10'] }, false],
    ['"None" plus another IP', { clusterIP: 'None', clusterIPs: ['None', '10.0.0.1'] }, false],
  ])('%s -> %p', (_title, spec, expected) => {
    expect(isHeadless({ spec })).toBe(expected);
  });
});

describe('SVC001 ports', () => {
  test.each([
    ['one unnamed port', { ports: [{ port: 80 }] }],
    ['two named ports', { ports: [{ name: 'otlp-grpc', port: 4317 }, { name: 'otlp-http', port: 4318 }] }],
    ['a port name longer than 15 characters (DNS-1123 label, not IANA)', { ports: [{ name: 'prometheus-metrics-http', port: 9100 }] }],
    ['the same port number on different protocols', { ports: [{ name: 'dns-udp', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53 }] }],
    ['ports 1 and 65535', { ports: [{ name: 'a', port: 1 }, { name: 'b', port: 65535, protocol: 'SCTP' }] }],
    ['targetPort 0 (defaults to port)', { ports: [{ port: 80, targetPort: 0 }] }],
    ['targetPort "" (defaults to port)', { ports: [{ port: 80, targetPort: '' }] }],
    ['a numeric targetPort', { ports: [{ port: 80, targetPort: 8080 }] }],
    ['a named targetPort', { ports: [{ port: 80, targetPort: 'http-alt' }] }],
    ['a headless Service without ports', { clusterIP: 'None', clusterIPs: ['None'], ports: undefined }],
    ['a headless Service with clusterIP "None" only', { clusterIP: 'None', ports: [] }],
    ['an ExternalName Service without ports', { type: 'ExternalName', externalName: 'example.com', ports: undefined, selector: undefined }],
    ['nodePort on a NodePort Service', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }],
    ['nodePort on a LoadBalancer Service', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 30080 }] }],
  ])('accepts %s', (_title, extra) => {
    expect(SVC001.check(withSpec(extra))).toEqual([]);
  });

  test.each([
    ['no ports', undefined],
    ['an empty list', []],
  ])('requires ports on a non-headless Service (%s)', (_title, ports) => {
    expect(SVC001.check(withSpec({ ports }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports', value: ports, problem: 'Required value' }),
    ]);
  });

  test('requires ports when clusterIPs holds a real IP', () => {
    expect(SVC001.check(withSpec({ clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10'], ports: [] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports', problem: 'Required value' }),
    ]);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
  ])('requires a name on every port when there are several (%s)', (_title, name) => {
    const svc = withSpec({ ports: [{ name: 'metrics', port: 9100 }, { name, port: 9101 }] });
    expect(SVC001.check(svc)).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[1].name', value: name, problem: 'Required value' }),
    ]);
  });

  test('reports every unnamed port', () => {
    expect(SVC001.check(withSpec({ ports: [{ port: 80 }, { port: 81 }] })).map(v => v.path)).toEqual(['spec.ports[0].name', 'spec.ports[1].name']);
  });

  test.each([
    ['Metrics', "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit"],
    ['http_alt', "must be a lowercase RFC 1123 label: a-z, 0-9 and '-', starting and ending with a letter or digit"],
    ['a'.repeat(64), 'must be no more than 63 characters'],
  ])('rejects port name %s', (name, problem) => {
    expect(SVC001.check(withSpec({ ports: [{ name, port: 80 }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[0].name', value: name, problem }),
    ]);
  });

  test('rejects duplicate port names', () => {
    expect(SVC001.check(withSpec({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[1].name', value: 'http', problem: 'Duplicate value' }),
    ]);
  });

  test.each([0, 65536, -80, undefined])('rejects port %p', (port) => {
    expect(SVC001.check(withSpec({ ports: [{ port }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[0].port', value: port, problem: 'must be between 1 and 65535, inclusive' }),
    ]);
  });

  test.each(['HTTP', 'tcp'])('rejects protocol %s', (protocol) => {
    expect(SVC001.check(withSpec({ ports: [{ port: 80, protocol }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[0].protocol', value: protocol, problem: 'Unsupported value' }),
    ]);
  });

  test('rejects a duplicate (protocol, port) pair, counting an unset protocol as TCP', () => {
    expect(SVC001.check(withSpec({ ports: [{ name: 'a', port: 80, protocol: 'TCP' }, { name: 'b', port: 80, targetPort: 8080 }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[1]', problem: 'Duplicate value' }),
    ]);
  });

  test.each([65536, -1])('rejects numeric targetPort %p', (targetPort) => {
    expect(SVC001.check(withSpec({ ports: [{ port: 80, targetPort }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[0].targetPort', value: targetPort, problem: 'must be between 1 and 65535, inclusive' }),
    ]);
  });

  test.each([
    ['prometheus-metrics', 'must be no more than 15 characters'],
    ['8080', 'must contain at least one letter (a-z)'],
    ['Metrics', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['http--alt', 'must not contain consecutive hyphens'],
  ])('rejects named targetPort %s (IANA_SVC_NAME)', (targetPort, problem) => {
    expect(SVC001.check(withSpec({ ports: [{ port: 80, targetPort }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[0].targetPort', value: targetPort, problem }),
    ]);
  });

  test.each([
    ['explicit', { type: 'ClusterIP' }],
    ['defaulted', {}],
  ])('rejects nodePort on a ClusterIP Service (%s type)', (_title, extra) => {
    expect(SVC001.check(withSpec({ ...extra, ports: [{ port: 80, nodePort: 30080 }] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC001', path: 'spec.ports[0].nodePort', value: 30080, problem: "may not be used when `type` is 'ClusterIP'" }),
    ]);
  });
});

describe('SVC002 type, traffic policies and clusterIPs', () => {
  test.each([
    ['type ClusterIP', { type: 'ClusterIP' }],
    ['type NodePort', { type: 'NodePort' }],
    ['type LoadBalancer', { type: 'LoadBalancer' }],
    ['type ExternalName', { type: 'ExternalName', externalName: 'example.com' }],
    ['internalTrafficPolicy Cluster', { internalTrafficPolicy: 'Cluster' }],
    ['internalTrafficPolicy unset (defaulted to Cluster)', { internalTrafficPolicy: undefined }],
    ['internalTrafficPolicy on an ExternalName Service', { type: 'ExternalName', externalName: 'example.com', internalTrafficPolicy: 'Cluster' }],
    ['externalTrafficPolicy on NodePort', { type: 'NodePort', externalTrafficPolicy: 'Local' }],
    ['externalTrafficPolicy on LoadBalancer', { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster' }],
    ['externalTrafficPolicy on ClusterIP with externalIPs', { externalIPs: ['192.0.2.10'], externalTrafficPolicy: 'Local' }],
    ['a headless Service', { clusterIP: 'None', clusterIPs: ['None'] }],
    ['a headless Service with internalTrafficPolicy Local', { clusterIP: 'None', internalTrafficPolicy: 'Local' }],
    ['clusterIP and a matching clusterIPs', { clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10'] }],
    ['dual-stack clusterIPs starting with clusterIP', { clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10', 'fd00::10'] }],
    ['clusterIP alone', { clusterIP: '10.0.0.10' }],
    ['no selector', { selector: undefined }],
  ])('accepts %s', (_title, extra) => {
    expect(SVC002.check(withSpec(extra))).toEqual([]);
  });

  test.each(['Headless', 'clusterIP', 'NodeLocal'])('rejects type %s', (type) => {
    expect(SVC002.check(withSpec({ type }))).toEqual([
      expect.objectContaining({
        ruleId: 'SVC002',
        path: 'spec.type',
        value: type,
        problem: 'Unsupported value',
        valid: '"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"',
      }),
    ]);
  });

  test.each(['Node', 'local', ''])('rejects internalTrafficPolicy %j', (itp) => {
    expect(SVC002.check(withSpec({ internalTrafficPolicy: itp }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC002', path: 'spec.internalTrafficPolicy', value: itp, problem: 'Unsupported value', valid: '"Cluster", "Local"' }),
    ]);
  });

  test.each([
    ['defaulted ClusterIP', {}],
    ['explicit ClusterIP', { type: 'ClusterIP' }],
    ['headless ClusterIP', { clusterIP: 'None' }],
  ])('rejects externalTrafficPolicy on a %s Service without externalIPs', (_title, extra) => {
    expect(SVC002.check(withSpec({ ...extra, externalTrafficPolicy: 'Local' }))).toEqual([
      expect.objectContaining({
        ruleId: 'SVC002',
        path: 'spec.externalTrafficPolicy',
        value: 'Local',
        problem: 'may only be set for externally-accessible services',
      }),
    ]);
  });

  test('rejects clusterIPs when clusterIP is not specified', () => {
    expect(SVC002.check(withSpec({ clusterIPs: ['None'] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC002', path: 'spec.clusterIPs', value: ['None'], problem: 'must be empty when `clusterIP` is not specified' }),
    ]);
  });

  test('rejects clusterIPs whose first value differs from clusterIP', () => {
    const found = SVC002.check(withSpec({ clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.11'] }));
    expect(found).toEqual([expect.objectContaining({ ruleId: 'SVC002', problem: 'first value must match `clusterIP`' })]);
    expect(found[0].path.startsWith('spec.clusterIPs')).toBe(true);
  });

  test('rejects "None" with a second cluster IP', () => {
    expect(SVC002.check(withSpec({ clusterIP: 'None', clusterIPs: ['None', '10.0.0.10'] }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC002', path: 'spec.clusterIPs', value: ['None', '10.0.0.10'], problem: "'None' must be the first and only value" }),
    ]);
  });

  test.each([
    ['NodePort', { clusterIP: 'None', clusterIPs: ['None'] }],
    ['NodePort', { clusterIP: 'None' }],
    ['LoadBalancer', { clusterIP: 'None', clusterIPs: ['None'] }],
  ])('rejects a headless %s Service', (type, extra) => {
    expect(SVC002.check(withSpec({ type, ...extra }))).toEqual([
      expect.objectContaining({ ruleId: 'SVC002', path: 'spec.clusterIPs[0]', value: 'None', problem: `may not be set to 'None' for ${type} services` }),
    ]);
  });

  test.each([
    ['a key that is not a qualified name', { 'bad key': 'x' }, 'spec.selector["bad key"]'],
    ['a value that is not a label value', { app: 'node agent' }, 'spec.selector["app"]'],
  ])('rejects a selector with %s', (_title, selector, path) => {
    expect(SVC002.check(withSpec({ selector }))).toEqual([expect.objectContaining({ ruleId: 'SVC002', path })]);
  });
});
