import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ApiObject, App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Exposure, HostPathMount, NodeDaemon, NodePlacement, Priority, RbacRules, Toleration, Validations } from '../../src';
import { checkObject, familiesFor } from '../../src/validation/object-checker';
import { HARDENED } from '../support/hardened';

// Errors for what breaks, warnings for what could be better (README "Severity").

function kubeSystem(app: App = Testing.app()): Chart {
  return new Chart(app, 'node-agents', { namespace: 'kube-system' });
}

/** The three daemons a new user writes first: the README's minimal one, the Kubernetes docs' fluentd, a kube-proxy-like agent. */
const FIRST_DAEMONS: { title: string; build: (chart: Chart) => NodeDaemon }[] = [
  { title: 'the minimal daemon', build: chart => new NodeDaemon(chart, 'my-agent', { image: 'example.com/agent:1.0.0' }) },
  {
    title: "the Kubernetes docs' fluentd DaemonSet",
    build: chart => new NodeDaemon(chart, 'fluentd', {
      name: 'fluentd-elasticsearch',
      image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      selectorLabels: { name: 'fluentd-elasticsearch' },
      placement: NodePlacement.anyNode(),
      tolerations: [Toleration.exists('node-role.kubernetes.io/control-plane', kplus.TaintEffect.NO_SCHEDULE)],
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(200), limit: Size.mebibytes(200) } },
      host: {
        mounts: [
          HostPathMount.readWrite('/var/log', '/var/log', { volumeName: 'varlog' }),
          HostPathMount.readOnly('/var/lib/docker/containers', '/var/lib/docker/containers', { volumeName: 'varlibdockercontainers' }),
        ],
      },
      terminationGracePeriod: Duration.seconds(30),
      labels: { 'k8s-app': 'fluentd-logging' },
    }),
  },
  {
    title: 'a kube-proxy-like agent',
    build: chart => new NodeDaemon(chart, 'kube-proxy', {
      name: 'kube-proxy',
      image: 'registry.k8s.io/kube-proxy:v1.28.4',
      command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
      env: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
      placement: NodePlacement.linux(),
      tolerations: [Toleration.everything()],
      priority: Priority.systemNodeCritical(),
      resources: { cpu: { request: kplus.Cpu.millis(100) } },
      host: {
        network: true,
        privileged: true,
        mounts: [
          HostPathMount.readWrite('/run/xtables.lock', '/run/xtables.lock', { volumeName: 'xtables-lock' }),
          HostPathMount.readOnly('/lib/modules', '/lib/modules', { volumeName: 'lib-modules' }),
        ],
      },
      config: { mountPath: '/var/lib/kube-proxy', files: { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n' } },
      rbac: [RbacRules.readOnly('endpoints', 'services', 'nodes')],
    }),
  },
];

describe.each(FIRST_DAEMONS)('$title in kube-system', ({ build }) => {
  test('synthesizes with zero errors and zero suppressions; its findings are warnings', () => {
    const chart = kubeSystem();
    const daemon = build(chart);
    const objects = Testing.synth(chart);
    expect(objects.some(o => o.kind === 'DaemonSet')).toBe(true);
    expect(Validations.suppressionsOf(daemon)).toEqual([]);
    expect(JSON.stringify(objects)).not.toContain('daemons.cdk8s.io/suppress-');
    const ds = objects.find(o => o.kind === 'DaemonSet');
    const check = checkObject(ds, [], familiesFor({}));
    expect(check.errors).toEqual([]);
    expect(check.warnings.length).toBeGreaterThan(0);
    expect(check.warnings.every(w => /^(SEC|BP)[0-9]{3}$/.test(w.ruleId))).toBe(true);
  });

  test('with strict: true every warning is an error', () => {
    const chart = kubeSystem();
    Validations.configure(chart, { strict: true });
    build(chart);
    expect(() => Testing.synth(chart)).toThrow(/rule (SEC|BP)[0-9]{3}, a warning made an error by strict: true\)/);
  });
});

test('strict: true set on the app applies to its charts', () => {
  const app = Testing.app();
  Validations.configure(app, { strict: true });
  const chart = kubeSystem(app);
  Validations.configure(chart, { schema: true });
  new NodeDaemon(chart, 'my-agent', { image: 'example.com/agent:1.0.0' });
  expect(() => Testing.synth(chart)).toThrow(/rule SEC007, a warning made an error by strict: true/);
});

describe('one finding per cause', () => {
  test('a privileged container is one finding (SEC001), not five', () => {
    const chart = kubeSystem();
    new NodeDaemon(chart, 'agent', { ...HARDENED, security: undefined, host: { privileged: true } });
    const [ds] = Testing.synth(chart);
    const security = checkObject(ds, [], familiesFor({})).warnings.filter(w => w.ruleId.startsWith('SEC'));
    expect(security.map(w => `${w.ruleId} ${w.path}`)).toEqual(['SEC001 spec.template.spec.containers[0].securityContext.privileged']);
  });

  test('the same container unprivileged gets its hardening findings one by one', () => {
    const chart = kubeSystem();
    new NodeDaemon(chart, 'agent', { ...HARDENED, security: undefined });
    const [ds] = Testing.synth(chart);
    const rules = checkObject(ds, [], familiesFor({})).warnings.map(w => w.ruleId).sort();
    expect(rules).toEqual(['SEC006', 'SEC007', 'SEC008', 'SEC009']);
  });
});

describe('kubelet rules: errors for what surely fails at runtime', () => {
  test('RUN001: runAsNonRoot with runAsUser 0 fails synth, naming the prop', () => {
    const chart = kubeSystem();
    new NodeDaemon(chart, 'agent', { ...HARDENED, security: { ...HARDENED.security, runAsNonRoot: true, runAsUser: 0 } });
    expect(() => Testing.synth(chart)).toThrow(/'security' true: container "agent" sets runAsNonRoot: true and runs as user 0: the kubelet refuses to start it .*rule RUN001\)/);
  });

  test('RUN001 on a hand-written DaemonSet: pod-level runAsNonRoot with a container runAsUser 0', () => {
    const ds = rawDaemonSet({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'c', image: 'x:1', securityContext: { runAsUser: 0 } }] });
    expect(checkObject(ds, [], familiesFor({})).errors.map(v => `${v.ruleId} ${v.path}`))
      .toEqual(['RUN001 spec.template.spec.securityContext.runAsNonRoot']);
  });

  test('RUN002: a probe on a port name the container does not declare', () => {
    const chart = kubeSystem();
    new NodeDaemon(chart, 'agent', { ...HARDENED, ports: [{ name: 'metrics', containerPort: 9100 }], readiness: kplus.Probe.fromTcpSocket({ port: 'health' } as any) });
    expect(() => Testing.synth(chart)).toThrow(/declares no port named "health"[^\n]*rule RUN002\). Valid: one of the container's port names: "metrics"/);
  });

  test('RUN002: a TCP probe on a port declared only for UDP, and a named UDP port', () => {
    const ds = rawDaemonSet({
      containers: [{
        name: 'dns',
        image: 'x:1',
        ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
        readinessProbe: { tcpSocket: { port: 53 } },
        livenessProbe: { httpGet: { path: '/', port: 'dns' } },
      }],
    });
    const errors = checkObject(ds, [], familiesFor({})).errors;
    expect(errors.map(v => `${v.ruleId} ${v.path}`)).toEqual([
      'RUN002 spec.template.spec.containers[0].livenessProbe.httpGet.port',
      'RUN002 spec.template.spec.containers[0].ports[0].protocol',
    ]);
    expect(errors[1].problem).toBe('port 53 of container "dns" is declared only for UDP, but readinessProbe.tcpSocket checks it over TCP, where nothing listens');
  });

  test('RUN002 passes a port declared for TCP and UDP, an undeclared number, and a declared name', () => {
    const ds = rawDaemonSet({
      containers: [{
        name: 'dns',
        image: 'x:1',
        ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }],
        readinessProbe: { tcpSocket: { port: 53 } },
        livenessProbe: { httpGet: { path: '/', port: 8080 } },
        startupProbe: { tcpSocket: { port: 'dns-tcp' } },
      }],
    });
    expect(checkObject(ds, [], familiesFor({})).errors).toEqual([]);
  });

  test('kubelet rules cannot be suppressed', () => {
    expect(() => Validations.suppress(kubeSystem(), 'RUN001', 'the image knows what it does')).toThrow(/'ruleId' "RUN001" cannot be suppressed/);
  });
});

describe('messages', () => {
  test('an unset prop reads "not set", never null', () => {
    const chart = kubeSystem();
    Validations.configure(chart, { strict: true });
    new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0' });
    expect(() => Testing.synth(chart)).toThrow(/'readiness' not set: no readiness probe/);
    expect(() => Testing.synth(chart)).toThrow(/'priority' not set: no priority class/);
    expect(() => Testing.synth(chart)).not.toThrow(/' (null|undefined)[: ]/);
  });
});

function rawDaemonSet(spec: any): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'raw', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'raw' } }, template: { metadata: { labels: { app: 'raw' } }, spec } },
  };
}

describe('app.synth(): the warning table and validation-report.md', () => {
  function appWithWarnings(): { app: App; daemon: NodeDaemon } {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = kubeSystem(app);
    const daemon = new NodeDaemon(chart, 'my-agent', { ...HARDENED, readiness: undefined, host: { pid: true } });
    return { app, daemon };
  }

  test('prints the warnings once per synth as a table of rule, object, prop and fix', () => {
    const { app } = appWithWarnings();
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { written.push(String(chunk)); return true; });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    expect(written).toHaveLength(1);
    const lines = written[0].trimEnd().split('\n');
    expect(lines[0]).toBe('2 validation warnings (synth goes on; Validations.configure(scope, { strict: true }) makes them errors):');
    expect(lines[1]).toMatch(/^RULE +OBJECT +PROP +FIX$/);
    expect(lines[2]).toMatch(/^BP005 +node-agents\/my-agent +'readiness' +a readinessProbe/);
    expect(lines[3]).toMatch(/^SEC004 +node-agents\/my-agent +'host\.pid' +hostPID unset$/);
  });

  test('the report lists the warnings and the suppressions with their severity and reasons', () => {
    const { app, daemon } = appWithWarnings();
    Validations.suppress(daemon, 'SEC004', 'reads host processes for process metrics');
    jest.spyOn(process.stderr, 'write').mockImplementationOnce(() => true);
    app.synth();
    const report = readFileSync(join(app.outdir, 'validation-report.md'), 'utf-8');
    expect(report).toContain('Synth passed: 1 objects checked, 0 errors, 1 warnings, 1 suppressed.');
    expect(report).toMatch(/## Warnings \(1\)\n\n\| rule \| object \| prop \| fix \|\n\|---\|---\|---\|---\|\n\| BP005 \| node-agents\/my-agent \| 'readiness' \| a readinessProbe/);
    expect(report).toMatch(/\| SEC004 \| warning \| spec\.template\.spec\.hostPID \| node-agents\/my-agent \| reads host processes for process metrics \|/);
    const manifest = readFileSync(join(app.outdir, 'node-agents.k8s.yaml'), 'utf-8');
    expect(manifest).toContain('daemons.cdk8s.io/suppress-SEC004: reads host processes for process metrics');
  });

  test('a suppressed error (XO003) keeps its reason in the manifest and the report', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = kubeSystem(app);
    Validations.enable(chart);
    const raw = new ApiObject(chart, 'legacy', rawDaemonSet({ priorityClassName: 'agents-high', containers: [{ name: 'c', image: 'x:1' }] }));
    Validations.configure(chart, { bestPractices: false });
    Validations.suppress(raw, 'XO003', 'agents-high is created by the cluster bootstrap');
    app.synth();
    expect(readFileSync(join(app.outdir, 'node-agents.k8s.yaml'), 'utf-8')).toContain('daemons.cdk8s.io/suppress-XO003: agents-high is created by the cluster bootstrap');
    expect(readFileSync(join(app.outdir, 'validation-report.md'), 'utf-8')).toMatch(/\| XO003 \| error \| spec\.template\.spec\.priorityClassName \| node-agents\/legacy \| agents-high is created/);
  });
});

describe('after a failed synth (README "What the output directory holds")', () => {
  test('the report says synth failed with the errors; the earlier manifests stay, unchanged', () => {
    const outdir = Testing.app().outdir;
    const first = new App({ outdir });
    new NodeDaemon(kubeSystem(first), 'agent', HARDENED);
    first.synth();
    const manifest = join(outdir, 'node-agents.k8s.yaml');
    const before = readFileSync(manifest, 'utf-8');
    expect(readFileSync(join(outdir, 'validation-report.md'), 'utf-8')).toMatch(/^Synth passed: /m);

    const second = new App({ outdir });
    new NodeDaemon(kubeSystem(second), 'agent', { ...HARDENED, minReadySeconds: -1, revisionHistoryLimit: -1 });
    expect(() => second.synth()).toThrow(/rule DS003/);
    const report = readFileSync(join(outdir, 'validation-report.md'), 'utf-8');
    expect(report).toMatch(/^\*\*Synth failed: 2 errors\.\*\* No manifest was written by this synth/m);
    expect(report).not.toMatch(/Synth passed/);
    expect(report).toMatch(/^- \[node-agents\/agent\] 'minReadySeconds' -1: .*rule DS003/m);
    expect(readFileSync(manifest, 'utf-8')).toBe(before);
  });

  test('a failure that is not a validation error is reported too', () => {
    const outdir = Testing.app().outdir;
    const app = new App({ outdir });
    const chart = kubeSystem(app);
    new NodeDaemon(chart, 'agent', HARDENED);
    new ApiObject(chart, 'broken', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: { toJSON: () => { throw new Error('cannot render'); } } } } as any);
    writeFileSync(join(outdir, 'validation-report.md'), 'Synth passed: an old report\n');
    expect(() => app.synth()).toThrow();
    expect(existsSync(join(outdir, 'validation-report.md'))).toBe(true);
    expect(readFileSync(join(outdir, 'validation-report.md'), 'utf-8')).toMatch(/^\*\*Synth failed: 1 error\.\*\*/m);
  });
});

test('Priority.existing() is not an error, and validate accepts the manifest', () => {
  const chart = kubeSystem();
  const daemon = new NodeDaemon(chart, 'agent', { ...HARDENED, priority: Priority.existing('node-agents-high') });
  expect(Testing.synth(chart)).toHaveLength(1);
  expect(Validations.suppressionsOf(daemon)).toEqual([]);
});

test('exposures keep working under the severity model', () => {
  const chart = kubeSystem();
  new NodeDaemon(chart, 'agent', { ...HARDENED, exposure: Exposure.localService({ port: 8080 }) });
  expect(Testing.synth(chart).map(o => o.kind)).toEqual(['DaemonSet', 'Service']);
});
