import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Exposure, NodeDaemon, Priority, Validations } from '../../src';
import { HARDENED } from '../support/hardened';

// Validation of whole apps: objects that are not ours, cross-object rules, suppressions and the report.


function rawDaemonSet(chart: Chart, id: string, spec: any): ApiObject {
  return new ApiObject(chart, id, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: id }, spec } as any);
}

describe('objects that are not built by this library', () => {
  test('a hand-written DaemonSet in an enabled chart is checked against the API-server rules', () => {
    const chart = new Chart(Testing.app(), 'raw', { namespace: 'kube-system' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false });
    rawDaemonSet(chart, 'legacy', {
      selector: { matchLabels: { app: 'legacy' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } },
      template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } },
    });
    expect(() => Testing.synth(chart)).toThrow(/\[raw\] raw\/legacy \(DaemonSet legacy\) spec\.updateStrategy\.rollingUpdate\.maxSurge 1: may not be set when maxUnavailable is non-zero \(rule DS005\)/);
  });

  test('an escape-hatch patch on a NodeDaemon object is checked too', () => {
    const chart = new Chart(Testing.app(), 'patched', { namespace: 'kube-system' });
    Validations.configure(chart, { strict: true });
    const daemon = new NodeDaemon(chart, 'agent', HARDENED);
    // cdk8s applies patches before the L1 key mapping, so the L1 key `hostPid` is what reaches the wire as hostPID.
    daemon.daemonSets[0].addJsonPatch(JsonPatch.add('/spec/template/spec/hostPid', true));
    expect(() => Testing.synth(chart)).toThrow(/'host\.pid' true: hostPID shares the node's namespace/);
  });

  test('a chart without any construct of ours is not checked unless enabled', () => {
    const chart = new Chart(Testing.app(), 'plain');
    rawDaemonSet(chart, 'legacy', { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } });
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});

describe('cross-object rules', () => {
  test('two daemons binding the same host port on the same nodes fail synth', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    for (const id of ['one', 'two']) {
      const d = new NodeDaemon(chart, id, { ...HARDENED, exposure: Exposure.hostPort({ port: 9100 }) });
      Validations.suppress(d, 'SEC003', 'not host network here, only a host port');
    }
    expect(() => Testing.synth(chart)).toThrow(/agents\/two\/Resource \(DaemonSet agents-two-[0-9a-f]+\) spec\.template\.spec: host port TCP\/\/9100 is also bound by DaemonSet kube-system\/agents-one-[0-9a-f]+ on the same nodes \(rule XO002\)/);
  });

  test('a priority class that nothing defines fails synth, unless suppressed with a reason', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    Validations.enable(chart);
    const raw = rawDaemonSet(chart, 'legacy', {
      selector: { matchLabels: { app: 'legacy' } },
      template: { metadata: { labels: { app: 'legacy' } }, spec: { priorityClassName: 'agents-high', containers: [{ name: 'c', image: 'x:1' }] } },
    });
    expect(() => Testing.synth(chart)).toThrow(/no PriorityClass named "agents-high" in the app and it is not a system class[^\n]*rule XO003/);
    Validations.suppress(raw, 'XO003', 'agents-high is created by the cluster bootstrap');
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('Priority.existing() declares the class as existing: no error, and the manifest says so for validate', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    new NodeDaemon(chart, 'agent', { ...HARDENED, priority: Priority.existing('agents-high') });
    const [ds] = Testing.synth(chart);
    expect(ds.spec.template.spec.priorityClassName).toBe('agents-high');
    expect(ds.metadata.annotations).toEqual({ 'daemons.cdk8s.io/existing-priority-class': 'agents-high' });
    expect(Validations.suppressionsOf(chart.node.findChild('agent'))).toEqual([]);
  });

  test('cross-object rules see objects of every enabled chart of the app', () => {
    const app = Testing.app();
    const priorities = new Chart(app, 'priorities');
    Validations.enable(priorities);
    new ApiObject(priorities, 'pc', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'agents-high' }, value: 100000 } as any);
    const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
    new NodeDaemon(chart, 'agent', { ...HARDENED, priority: Priority.existing('agents-high') });
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});

describe('validation report', () => {
  test('lists every suppressed finding with its reason, next to the manifests, identically on re-run', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
    const daemon = new NodeDaemon(chart, 'metrics', { ...HARDENED, host: { pid: true } });
    Validations.suppress(daemon, 'SEC004', 'reads host processes for process metrics');
    app.synth();
    const file = join(app.outdir, 'validation-report.md');
    expect(existsSync(file)).toBe(true);
    const first = readFileSync(file, 'utf-8');
    expect(first).toContain('| agents/metrics/Resource (DaemonSet agents-metrics-');
    expect(first).toMatch(/\| SEC004 \| warning \| spec\.template\.spec\.hostPID \| agents\/metrics \| reads host processes for process metrics \|/);
    expect(first).toContain('## Suppressed findings (1)');
    app.synth();
    expect(readFileSync(file, 'utf-8')).toBe(first);
  });
});

describe('strict schema at synth', () => {
  test('an unknown field added by a JSON patch to a hand-written object fails synth, naming the path', () => {
    const chart = new Chart(Testing.app(), 'raw', { namespace: 'kube-system' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false });
    const ds = rawDaemonSet(chart, 'legacy', {
      selector: { matchLabels: { app: 'legacy' } },
      template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } },
    });
    ds.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/volumes', []));
    expect(() => Testing.synth(chart)).toThrow(/raw\/legacy \(DaemonSet legacy\) spec\.template\.spec\.containers\[0\]\.volumes "volumes": unknown field "volumes" \(rule SCHEMA\)/);
  });

  test('a JSON patch the L1 mapping drops silently on a NodeDaemon object fails synth', () => {
    const chart = new Chart(Testing.app(), 'patched', { namespace: 'kube-system' });
    const daemon = new NodeDaemon(chart, 'agent', HARDENED);
    daemon.daemonSets[0].addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/volumes', []));
    expect(() => Testing.synth(chart)).toThrow(/JSON patch add \/spec\/template\/spec\/containers\/0\/volumes never reached the manifest/);
  });

  test('wrong types and values are named with what is allowed', () => {
    const chart = new Chart(Testing.app(), 'raw', { namespace: 'kube-system' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false });
    rawDaemonSet(chart, 'legacy', {
      selector: { matchLabels: { app: 'legacy' } },
      minReadySeconds: 'ten',
      template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'x:1', imagePullPolicy: 'Sometimes' }] } },
    });
    expect(() => Testing.synth(chart)).toThrow(/spec\.minReadySeconds "ten": must be an integer \(rule SCHEMA\)/);
    expect(() => Testing.synth(chart)).toThrow(/imagePullPolicy "Sometimes": Unsupported value \(rule SCHEMA\)\. Valid: "Always", "IfNotPresent", "Never"/);
  });

  test('the schema check can be switched off per chart', () => {
    const chart = new Chart(Testing.app(), 'raw', { namespace: 'kube-system' });
    Validations.enable(chart);
    Validations.configure(chart, { bestPractices: false, schema: false });
    const ds = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } } as any);
    ds.addJsonPatch(JsonPatch.add('/extra', 1));
    // The test setup still checks the output against the strict schema; check the chart's own validation only.
    expect(chart.node.validate()).toEqual([]);
  });
});
