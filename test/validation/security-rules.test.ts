import { BEST_PRACTICE_RULES, BP001, BP002, BP003, BP004, BP005, BP006, BP007, imageTag } from '../../src/validation/best-practice-rules';
import { SEC001, SEC002, SEC003, SEC004, SEC005, SEC006, SEC007, SEC008, SEC009, SEC010, SEC011, SECURITY_RULES } from '../../src/validation/security-rules';

// The kube-linter / Polaris checks: each rule has a hardened DaemonSet that passes and mutations that trip it.

const C0 = 'spec.template.spec.containers[0]';

/** A DaemonSet that passes every security and best-practice rule. */
function hardened(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          priorityClassName: 'system-node-critical',
          automountServiceAccountToken: false,
          containers: [{
            name: 'agent',
            image: 'example.com/agent:1.2.3',
            readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              runAsNonRoot: true,
              runAsUser: 10001,
              capabilities: { drop: ['ALL'] },
            },
          }],
          volumes: [{ name: 'state', hostPath: { path: '/var/lib/agent', type: 'DirectoryOrCreate' } }],
        },
      },
    },
  };
}

const pod = (ds: any) => ds.spec.template.spec;
const sc = (ds: any) => pod(ds).containers[0].securityContext;

test('the hardened DaemonSet passes every security and best-practice rule', () => {
  const ds = hardened();
  expect([...SECURITY_RULES, ...BEST_PRACTICE_RULES].flatMap(r => r.check(ds))).toEqual([]);
});

test('rule IDs are unique and documented', () => {
  const rules = [...SECURITY_RULES, ...BEST_PRACTICE_RULES];
  expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
  for (const r of rules) expect(r.description.length).toBeGreaterThan(10);
});

describe.each([
  ['SEC001 privileged', SEC001, (ds: any) => { sc(ds).privileged = true; sc(ds).allowPrivilegeEscalation = true; }, `${C0}.securityContext.privileged`],
  ['SEC002 allowPrivilegeEscalation unset', SEC002, (ds: any) => { delete sc(ds).allowPrivilegeEscalation; }, `${C0}.securityContext`],
  ['SEC003 hostNetwork', SEC003, (ds: any) => { pod(ds).hostNetwork = true; }, 'spec.template.spec.hostNetwork'],
  ['SEC004 hostPID', SEC004, (ds: any) => { pod(ds).hostPID = true; }, 'spec.template.spec.hostPID'],
  ['SEC005 hostIPC', SEC005, (ds: any) => { pod(ds).hostIPC = true; }, 'spec.template.spec.hostIPC'],
  ['SEC006 runAsUser 0', SEC006, (ds: any) => { sc(ds).runAsUser = 0; delete sc(ds).runAsNonRoot; }, `${C0}.securityContext`],
  ['SEC006 neither runAsNonRoot nor runAsUser', SEC006, (ds: any) => { delete sc(ds).runAsUser; delete sc(ds).runAsNonRoot; }, `${C0}.securityContext`],
  ['SEC007 writable root filesystem', SEC007, (ds: any) => { sc(ds).readOnlyRootFilesystem = false; }, `${C0}.securityContext`],
  ['SEC008 capabilities not dropped', SEC008, (ds: any) => { sc(ds).capabilities = { drop: ['NET_RAW'] }; }, `${C0}.securityContext`],
  ['SEC009 NET_RAW added', SEC009, (ds: any) => { sc(ds).capabilities.add = ['NET_RAW']; }, `${C0}.securityContext.capabilities.add`],
  ['SEC009 nothing dropped', SEC009, (ds: any) => { delete sc(ds).capabilities; }, `${C0}.securityContext`],
  ['SEC010 the whole node filesystem', SEC010, (ds: any) => { pod(ds).volumes[0].hostPath.path = '/'; }, 'spec.template.spec.volumes[0].hostPath.path'],
  ['SEC010 under /etc', SEC010, (ds: any) => { pod(ds).volumes[0].hostPath.path = '/etc/kubernetes'; }, 'spec.template.spec.volumes[0].hostPath.path'],
  ['SEC010 /dev device', SEC010, (ds: any) => { pod(ds).volumes[0].hostPath.path = '/dev/hwrng'; }, 'spec.template.spec.volumes[0].hostPath.path'],
  ['SEC011 docker.sock', SEC011, (ds: any) => { pod(ds).volumes[0].hostPath.path = '/var/run/docker.sock'; }, 'spec.template.spec.volumes[0].hostPath.path'],
  ['SEC011 containerd.sock', SEC011, (ds: any) => { pod(ds).volumes[0].hostPath.path = '/run/containerd/containerd.sock'; }, 'spec.template.spec.volumes[0].hostPath.path'],
  ['BP001 latest', BP001, (ds: any) => { pod(ds).containers[0].image = 'example.com/agent:latest'; }, `${C0}.image`],
  ['BP001 no tag', BP001, (ds: any) => { pod(ds).containers[0].image = 'registry:5000/agent'; }, `${C0}.image`],
  ['BP002 no cpu request', BP002, (ds: any) => { delete pod(ds).containers[0].resources.requests.cpu; }, `${C0}.resources.requests`],
  ['BP003 no memory request', BP003, (ds: any) => { delete pod(ds).containers[0].resources.requests.memory; }, `${C0}.resources.requests`],
  ['BP004 no memory limit', BP004, (ds: any) => { delete pod(ds).containers[0].resources.limits; }, `${C0}.resources.limits`],
  ['BP005 no readiness probe', BP005, (ds: any) => { delete pod(ds).containers[0].readinessProbe; }, `${C0}.readinessProbe`],
  ['BP006 no priority class', BP006, (ds: any) => { delete pod(ds).priorityClassName; }, 'spec.template.spec.priorityClassName'],
  ['BP007 default token automounted', BP007, (ds: any) => { delete pod(ds).automountServiceAccountToken; }, 'spec.template.spec.automountServiceAccountToken'],
])('%s', (_title, r, mutate, path) => {
  test('trips on the mutation, at the offending path', () => {
    const ds = hardened();
    mutate(ds);
    const found = r.check(ds);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.objectContaining({ ruleId: r.id, path }));
    expect(found[0].problem.length).toBeGreaterThan(10);
  });

  test('passes the hardened DaemonSet', () => {
    expect(r.check(hardened())).toEqual([]);
  });
});

describe('rule details', () => {
  test('SEC006 accepts a pod-level non-root user', () => {
    const ds = hardened();
    delete sc(ds).runAsUser;
    delete sc(ds).runAsNonRoot;
    pod(ds).securityContext = { runAsUser: 65534 };
    expect(SEC006.check(ds)).toEqual([]);
  });

  test('SEC010 does not flag narrow paths outside the sensitive directories', () => {
    const ds = hardened();
    pod(ds).volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'etcish', hostPath: { path: '/etcetera' } }];
    expect(SEC010.check(ds)).toEqual([]);
  });

  test('BP007 accepts an account of its own with the token mounted', () => {
    const ds = hardened();
    pod(ds).automountServiceAccountToken = true;
    pod(ds).serviceAccountName = 'agent';
    expect(BP007.check(ds)).toEqual([]);
  });

  test('checks init containers for security but not for probes and requests', () => {
    const ds = hardened();
    pod(ds).initContainers = [{ name: 'init', image: 'example.com/init:1.0.0', securityContext: { privileged: true } }];
    expect(SEC001.check(ds)).toEqual([expect.objectContaining({ path: 'spec.template.spec.initContainers[0].securityContext.privileged' })]);
    expect([BP002, BP005].flatMap(r => r.check(ds))).toEqual([]);
  });

  test.each([
    ['example.com/agent:1.2.3', '1.2.3'],
    ['registry:5000/agent', undefined],
    ['registry:5000/agent:v2', 'v2'],
    ['example.com/agent@sha256:abc', '@digest'],
  ])('imageTag(%s)', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});
