import { POD011, POD012, POD013, POD014 } from '../../src/validation/container-detail-rules';

// Container details the API server rejects (found missing by the fuzzer): mounts, quantities, probes, IDs.

const C0 = 'spec.template.spec.containers[0]';

function daemonSet(container: any = {}, podSecurity?: any): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'a', namespace: 'n' },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: {
          securityContext: podSecurity,
          containers: [{
            name: 'c',
            image: 'i:1',
            volumeMounts: [{ name: 'v', mountPath: '/data', subPath: 'sub/dir', mountPropagation: 'HostToContainer' }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
            livenessProbe: { httpGet: { path: '/', port: 'http' }, successThreshold: 1 },
            readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 3 },
            securityContext: { runAsUser: 65534, runAsGroup: 0 },
            ...container,
          }],
          volumes: [{ name: 'v', emptyDir: {} }],
        },
      },
    },
  };
}

test('a DaemonSet with valid details passes all four rules', () => {
  const ds = daemonSet();
  expect([POD011, POD012, POD013, POD014].flatMap(r => r.check(ds))).toEqual([]);
});

test.each([
  ['POD011 empty mountPath', POD011, { volumeMounts: [{ name: 'v', mountPath: '' }] }, `${C0}.volumeMounts[0].mountPath`, 'Required value'],
  ['POD011 absolute subPath', POD011, { volumeMounts: [{ name: 'v', mountPath: '/d', subPath: '/etc' }] }, `${C0}.volumeMounts[0].subPath`, 'must be a relative path'],
  ['POD011 subPath with ..', POD011, { volumeMounts: [{ name: 'v', mountPath: '/d', subPath: 'a/../../etc' }] }, `${C0}.volumeMounts[0].subPath`, "must not contain '..'"],
  ['POD011 Bidirectional without privileged', POD011, { volumeMounts: [{ name: 'v', mountPath: '/d', mountPropagation: 'Bidirectional' }] },
    `${C0}.volumeMounts[0].mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'],
  ['POD012 negative cpu', POD012, { resources: { requests: { cpu: '-5m' } } }, `${C0}.resources.requests["cpu"]`, 'must be greater than or equal to 0'],
  ['POD012 not a quantity', POD012, { resources: { limits: { memory: '64 MB' } } }, `${C0}.resources.limits["memory"]`, 'quantities must match the regular expression of resource.Quantity'],
  ['POD012 request above limit', POD012, { resources: { requests: { memory: '256Mi' }, limits: { memory: '128Mi' } } },
    `${C0}.resources.requests["memory"]`, 'must be less than or equal to memory limit of 128Mi'],
  ['POD013 probe port 0', POD013, { livenessProbe: { tcpSocket: { port: 0 } } }, `${C0}.livenessProbe.tcpSocket.port`, 'must be between 1 and 65535, inclusive'],
  ['POD013 probe port name too long', POD013, { readinessProbe: { httpGet: { path: '/', port: 'metrics-endpoint' } } }, `${C0}.readinessProbe.httpGet.port`, 'must be no more than 15 characters'],
  ['POD013 liveness successThreshold 2', POD013, { livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } }, `${C0}.livenessProbe.successThreshold`, 'must be 1'],
  ['POD014 negative runAsUser', POD014, { securityContext: { runAsUser: -1 } }, `${C0}.securityContext.runAsUser`, 'must be between 0 and 2147483647, inclusive'],
])('%s', (_title, r, container, path, problem) => {
  expect(r.check(daemonSet(container))).toEqual([expect.objectContaining({ ruleId: r.id, path, problem })]);
});

test('POD014 checks the pod-level security context too', () => {
  expect(POD014.check(daemonSet({}, { runAsGroup: -2 }))).toEqual([expect.objectContaining({ path: 'spec.template.spec.securityContext.runAsGroup' })]);
});

test('POD012 compares requests and limits as quantities, not strings', () => {
  expect(POD012.check(daemonSet({ resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1024Mi' } } }))).toEqual([]);
  expect(POD012.check(daemonSet({ resources: { requests: { cpu: '1500m' }, limits: { cpu: '1' } } }))).toHaveLength(1);
});

describe('POD012 extended resources (device plugins)', () => {
  test.each([
    ['equal request and limit', { requests: { 'smarter-devices/hwrng': '1' }, limits: { 'smarter-devices/hwrng': '1' } }, undefined],
    ['a limit alone (the request defaults to it)', { limits: { 'nvidia.com/gpu': '2' } }, undefined],
    ['a request without a limit', { requests: { 'nvidia.com/gpu': '1' } }, 'Limit must be set for non overcommitable resources'],
    ['a request different from the limit', { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } }, 'must be equal to nvidia.com/gpu limit of 2'],
    ['a fraction of a device', { requests: { 'nvidia.com/gpu': '500m' }, limits: { 'nvidia.com/gpu': '500m' } }, 'must be an integer'],
  ])('%s', (_title, resources, problem) => {
    const found = POD012.check(daemonSet({ resources }));
    if (problem === undefined) expect(found).toEqual([]);
    else expect(found).toEqual([expect.objectContaining({ ruleId: 'POD012', problem })]);
  });
});
