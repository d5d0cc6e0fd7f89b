import { busyPlanOf, daemon, daemonSet, inventoryOf, node, planOf, clusterPod, priorityClass } from './helpers';
import { DaemonPlanner } from '../../src/plan';
import { ProblemKind } from '../../src/plan/report';

// The daemon pod's effective request and the API server's refusals (scheduling-fit.md section 1).
const c = (name: string, resources: Record<string, any>, extra: Record<string, any> = {}) => ({ name, image: 'x', resources, ...extra });
const inv = () => inventoryOf(node('w1', { allocatable: { cpu: '16', memory: '64Gi', pods: '110' } }));
const requestsOf = (ds: any, objects: any[] = [], sidecarContainers = false) => {
  const report = new DaemonPlanner(inv(), { sidecarContainers }).addText(JSON.stringify({ kind: 'List', items: [ds, ...objects] }), 't.json').plan();
  return Object.fromEntries(daemon(report, ds.metadata.name).requests.map(r => [r.resource, r.amount]));
};
const limitRange = (name: string, items: any[], namespace = 'kube-system') => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace }, spec: { limits: items } });
const G = 10 ** 9;

describe('PodRequests', () => {
  test('the FIT comment example: init (2 cpu, 1G), (2 cpu, 3G); containers (2 cpu, 1G), (1 cpu, 1G) -> 3 cpu, 3G', () => {
    const ds = daemonSet('a', {
      initContainers: [c('i1', { requests: { cpu: '2', memory: '1G' } }), c('i2', { requests: { cpu: '2', memory: '3G' } })],
      containers: [c('c1', { requests: { cpu: '2', memory: '1G' } }), c('c2', { requests: { cpu: '1', memory: '1G' } })],
    });
    expect(requestsOf(ds)).toEqual({ cpu: 3000, memory: 3 * G });
  });

  const sidecarFirst = daemonSet('a', {
    initContainers: [c('side', { requests: { cpu: '1' } }, { restartPolicy: 'Always' }), c('init', { requests: { cpu: '2' } })],
    containers: [c('main', { requests: { cpu: '1' } })],
  });
  const sidecarLast = daemonSet('a', {
    initContainers: [c('init', { requests: { cpu: '2' } }), c('side', { requests: { cpu: '1' } }, { restartPolicy: 'Always' })],
    containers: [c('main', { requests: { cpu: '1' } })],
  });

  test('SidecarContainers on: a sidecar first needs 3 (1 + 1 summed, the init step 2 + 1), a sidecar last needs 2', () => {
    expect(requestsOf(sidecarFirst, [], true)).toEqual({ cpu: 3000 });
    expect(requestsOf(sidecarLast, [], true)).toEqual({ cpu: 2000 });
  });

  test('SidecarContainers off (1.28 default): the API server drops restartPolicy, the sidecar is an ordinary init container, and a warning says so', () => {
    expect(requestsOf(sidecarFirst)).toEqual({ cpu: 2000 });
    const report = planOf(inv(), sidecarFirst);
    expect(report.problems).toEqual([expect.objectContaining({ kind: ProblemKind.ADMISSION, message: expect.stringMatching(/SidecarContainers feature gate \(off in 1\.28\)/) })]);
  });

  test('existing pods: the sidecar rule applies whenever restartPolicy: Always is stored', () => {
    const running = clusterPod('mesh', { node: 'w1', cpu: '14', initContainers: [c('proxy', { requests: { cpu: '1' } }, { restartPolicy: 'Always' })] });
    const report = busyPlanOf(inv(), [running], [daemonSet('agent', { containers: [c('m', { requests: { cpu: '1500m' } })] })]);
    expect(daemon(report, 'agent').fit.pending[0].detail).toBe('cpu: requests 1500m, 1 free of 16');
  });

  test('a template with only limits requests the limits (requests default to limits on Pods)', () => {
    expect(requestsOf(daemonSet('a', { containers: [c('m', { limits: { cpu: '1', memory: '1Gi' } })] }))).toEqual({ cpu: 1000, memory: 2 ** 30 });
  });
});

describe('LimitRange defaults at admission', () => {
  const bare = daemonSet('bare', { containers: [c('m', {}), c('n', { requests: { cpu: '30m' } })] });

  test('defaultRequest fills missing requests of every container (630m expected, 1630m real: karpenter-provider-aws #3199)', () => {
    const lr = limitRange('defaults', [{ type: 'Container', defaultRequest: { cpu: '800m', memory: '100Mi' } }]);
    expect(requestsOf(bare, [lr])).toEqual({ cpu: 830, memory: 200 * 2 ** 20 });
  });

  test('item defaulting: max becomes default, default becomes defaultRequest; min becomes defaultRequest', () => {
    expect(requestsOf(bare, [limitRange('max-only', [{ type: 'Container', max: { cpu: '2' } }])])).toEqual({ cpu: 2030 });
    expect(requestsOf(bare, [limitRange('min-only', [{ type: 'Container', min: { cpu: '10m' } }])])).toEqual({ cpu: 40 });
  });

  test('only LimitRanges of the DaemonSet\'s namespace apply; the first in name order to set a value wins', () => {
    expect(requestsOf(bare, [limitRange('other', [{ type: 'Container', defaultRequest: { cpu: '1' } }], 'apps')])).toEqual({ cpu: 30 });
    const two = [limitRange('b', [{ type: 'Container', defaultRequest: { cpu: '300m' } }]), limitRange('a', [{ type: 'Container', defaultRequest: { cpu: '100m' } }])];
    expect(requestsOf(bare, two)).toEqual({ cpu: 130 });
  });

  test('what LimitRanger set is noted on the DaemonSet', () => {
    const report = planOf(inv(), bare, limitRange('d', [{ type: 'Container', defaultRequest: { cpu: '1' } }]));
    expect(daemon(report, 'bare').admissionNotes).toEqual(['LimitRange set cpu request for container m']);
  });
});

describe('refused at admission: no pod, FailedCreate', () => {
  const refusal = (ds: any, ...objects: any[]) => {
    const report = planOf(inv(), ds, ...objects);
    const fit = daemon(report, ds.metadata.name).fit;
    expect(fit.runs).toEqual([]);
    expect(report.problems.some(p => p.kind === ProblemKind.REJECTED)).toBe(true);
    return fit.rejected.map(r => `${r.node}: ${r.reason}`);
  };

  test('LimitRange min, max and ratio, in LimitRanger\'s words', () => {
    const small = daemonSet('small', { containers: [c('m', { requests: { cpu: '50m' }, limits: { cpu: '150m' } })] });
    expect(refusal(small, limitRange('lr', [{ type: 'Container', min: { cpu: '100m' } }]))).toEqual(['w1: minimum cpu usage per Container is 100m, but request is 50m']);
    expect(refusal(daemonSet('big', { containers: [c('m', { limits: { cpu: '2' } })] }), limitRange('lr', [{ type: 'Container', max: { cpu: '1' } }])))
      .toEqual(['w1: maximum cpu usage per Container is 1, but limit is 2']);
    expect(refusal(small, limitRange('lr', [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }])))
      .toEqual(['w1: cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000']);
  });

  test('max with no limit at all; min with no request at all', () => {
    const bare = daemonSet('bare', { containers: [c('m', { requests: { memory: '1Gi' } })] });
    // max turns into the default limit, so only a limit-less container of another resource trips it: memory max without default limit.
    expect(refusal(daemonSet('nolimit', { containers: [c('m', { requests: { cpu: '1' } })] }), {
      ...limitRange('lr', [{ type: 'Pod', max: { cpu: '4' } }]),
    })).toEqual(['w1: maximum cpu usage per Pod is 4.  No limit is specified']);
    expect(refusal(bare, limitRange('lr', [{ type: 'Pod', min: { cpu: '100m' } }]))).toEqual(['w1: minimum cpu usage per Pod is 100m.  No request is specified']);
  });

  test('a LimitRange default limit below an explicit request fails validation', () => {
    const ds = daemonSet('req', { containers: [c('m', { requests: { cpu: '1' } })] });
    expect(refusal(ds, limitRange('lr', [{ type: 'Container', default: { cpu: '500m' } }])))
      .toEqual(['w1: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m']);
  });

  const kata = (extra: Record<string, any> = {}) => ({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'kata' }, handler: 'kata', ...extra });

  test('RuntimeClass: a conflicting nodeSelector, a differing overhead, an overhead without the class\'s', () => {
    const ds = (spec: Record<string, any>) => daemonSet('sandboxed', { runtimeClassName: 'kata', ...spec });
    const labelled = inventoryOf(node('w1', { labels: { 'kubernetes.io/os': 'linux', 'sandbox': 'no' } }));
    const conflicting = planOf(labelled, ds({ nodeSelector: { sandbox: 'no' } }), kata({ scheduling: { nodeSelector: { sandbox: 'yes' } } }));
    expect(daemon(conflicting, 'sandboxed').fit.rejected)
      .toEqual([{ node: 'w1', reason: 'conflict: runtimeClass.scheduling.nodeSelector[sandbox] = yes; pod.spec.nodeSelector[sandbox] = no' }]);
    expect(refusal(ds({ overhead: { cpu: '1' } }), kata({ overhead: { podFixed: { cpu: '250m' } } })))
      .toEqual(['w1: pod rejected: Pod\'s Overhead doesn\'t match RuntimeClass\'s defined Overhead']);
    expect(refusal(ds({ overhead: { cpu: '1' } }), kata())).toEqual(['w1: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead']);
  });

  test('Priority admission: a template priority that differs from the class value', () => {
    expect(refusal(daemonSet('p', { priorityClassName: 'agents', priority: 5 }), priorityClass('agents', 1000)))
      .toEqual(['w1: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name']);
  });

  test('RuntimeClass overhead is part of the request; its nodeSelector, which the controller does not see, leaves the pod Pending for good', () => {
    const inv2 = inventoryOf(node('plain'), node('sandbox', { labels: { 'kubernetes.io/os': 'linux', 'sandbox': 'yes' } }));
    const ds = daemonSet('sandboxed', { runtimeClassName: 'kata', containers: [c('m', { requests: { cpu: '100m' } })] });
    const report = planOf(inv2, ds, kata({ overhead: { podFixed: { cpu: '250m', memory: '120Mi' } }, scheduling: { nodeSelector: { sandbox: 'yes' } } }));
    const d = daemon(report, 'sandboxed');
    expect(d.requests).toEqual([{ resource: 'cpu', amount: 350 }, { resource: 'memory', amount: 120 * 2 ** 20 }]);
    expect(d.desiredNumberScheduled).toBe(2);
    expect(d.fit.runs).toEqual(['sandbox']);
    expect(d.fit.pending).toEqual([{
      node: 'plain',
      reason: 'node(s) didn\'t match Pod\'s node affinity/selector',
      detail: 'RuntimeClass nodeSelector sandbox=yes',
      preemption: 'Preemption is not helpful for scheduling',
    }]);
  });

  test('a RuntimeClass that is not in the input adds nothing and is a warning', () => {
    const report = planOf(inv(), daemonSet('gvisor', { runtimeClassName: 'gvisor' }));
    expect(report.problems.map(p => p.kind)).toEqual([ProblemKind.ADMISSION]);
    expect(daemon(report, 'gvisor').fit.runs).toEqual(['w1']);
  });
});

describe('Priority admission', () => {
  test('a class the input does not define takes the value existing pods of that class show', () => {
    const report = busyPlanOf(inv(), [clusterPod('other', { node: 'w1', cpu: '16', priority: 0 }), clusterPod('seen', { priority: 7000, priorityClassName: 'platform', phase: 'Pending' })],
      [daemonSet('agent', { priorityClassName: 'platform', containers: [c('m', { requests: { cpu: '1' } })] })]);
    const d = daemon(report, 'agent');
    expect(d.priority).toBe(7000);
    expect(d.fit.preempts[0].victims).toEqual(['apps/other']);
    expect(report.problems.some(p => p.kind === ProblemKind.UNKNOWN_PRIORITY_CLASS)).toBe(false);
  });
});
