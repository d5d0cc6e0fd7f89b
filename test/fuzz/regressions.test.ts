import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Exposure, HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter, NodeArch, NodeDaemon, NodePlacement, NodeRequirement, RngFeeder,
  Validations,
} from '../../src';
import { checkApiServerRules } from '../../src/validation/api-rules';
import { referenceErrors } from '../reference';

// Regression tests for the bugs the fuzzer found (B1-B7, also listed in KNOWN_BUGS in harness.ts, where the
// property counts them instead of failing). Each test states the property for the shrunk input: synth
// succeeds, or it fails with the library's own error whose every line names the construct path and the
// prop the user set.

function newChart(namespaced: boolean): Chart {
  const app = new App({ outdir: join(tmpdir(), 'cdk8s-daemons-fuzz-no-outdir') });
  const chart = new Chart(app, 'node-agents', namespaced ? { namespace: 'kube-system' } : {});
  Validations.configure(chart, { bestPractices: false, crossObject: false });
  return chart;
}

/** The problem lines of the error thrown while building or synthesizing, or undefined when synth succeeds. */
function problems(build: (chart: Chart) => void, namespaced: boolean): string[] | undefined {
  const chart = newChart(namespaced);
  try {
    build(chart);
    Testing.synth(chart);
    return undefined;
  } catch (e) {
    const err = e as Error;
    const text = `${err.name}: ${err.message}`;
    if (err.name !== 'Error') return [text];
    const header = 'Validation failed with the following errors:\n  ';
    return err.message.startsWith(header) ? err.message.slice(header.length).split(/\n {2}(?=\[)/) : [err.message];
  }
}

/** Synth succeeds, or every problem line is `[<path>...] '<prop>...` for one of `props`. */
function expectValidOrNaming(build: (chart: Chart) => void, path: string, props: string[], namespaced = true): void {
  const lines = problems(build, namespaced) ?? [];
  const named = new RegExp(`^\\[${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^\\]]*)?\\] '(${props.join('|')})([.[][^']*)?'`);
  expect(lines.filter(l => !named.test(l))).toEqual([]);
}

/** Synth fails, and every problem line names one of `props`. */
function expectErrorNaming(build: (chart: Chart) => void, path: string, props: string[], namespaced = true): void {
  expect(problems(build, namespaced)).toBeDefined();
  expectValidOrNaming(build, path, props, namespaced);
}

const IMAGE = 'example.com/agent:1.0.0';

describe('B1: a repeated architecture in images', () => {
  test('is reported as the library\'s images error, not a constructs duplicate-id crash', () => {
    expectErrorNaming(chart => new NodeDaemon(chart, 'agent', {
      images: [{ arch: NodeArch.ARM64, image: IMAGE }, { arch: NodeArch.ARM64, image: IMAGE }],
    }), 'node-agents/agent', ['images']);
  });
});

describe('B2: a Duration that is not whole seconds names its prop', () => {
  test('terminationGracePeriod', () => {
    expectValidOrNaming(chart => new NodeDaemon(chart, 'agent', { image: IMAGE, terminationGracePeriod: Duration.millis(1500) }),
      'node-agents/agent', ['terminationGracePeriod']);
  });

  test('a probe timing', () => {
    expectValidOrNaming(chart => new NodeDaemon(chart, 'agent', {
      image: IMAGE, liveness: kplus.Probe.fromTcpSocket({ port: 8080, periodSeconds: Duration.seconds(1.5) }),
    }), 'node-agents/agent', ['liveness']);
  });

  test('LogCollector flushInterval', () => {
    expectValidOrNaming(chart => new LogCollector(chart, 'logs', { output: LogOutput.stdout(), flushInterval: Duration.millis(500) }),
      'node-agents/logs', ['flushInterval']);
  });

  test('serviceMonitor interval', () => {
    expectValidOrNaming(chart => new MetricsExporter(chart, 'metrics', { serviceMonitor: { interval: Duration.millis(1500) } }),
      'node-agents/metrics', ['serviceMonitor']);
  });
});

describe("B3: problems without a recorded origin are blamed on 'props'", () => {
  test('a volumeMounts volume with an invalid name', () => {
    expectErrorNaming(chart => new NodeDaemon(chart, 'agent', {
      image: IMAGE, volumeMounts: [{ volume: kplus.Volume.fromEmptyDir(chart, 'Id0', 'Bad_Name'), path: '/data' }],
    }), 'node-agents/agent', ['volumeMounts']);
  });

  test('a bad label on the ConfigMap', () => {
    expectErrorNaming(chart => new NodeDaemon(chart, 'agent', {
      image: IMAGE, labels: { team: 'a b' }, config: { files: { 'agent.yaml': 'level: info\n' }, mountPath: '/etc/agent' },
    }), 'node-agents/agent', ['labels']);
  });

  test('a bad annotation key on the Service', () => {
    expectErrorNaming(chart => new NodeDaemon(chart, 'agent', {
      image: IMAGE, exposure: Exposure.localService({ port: 8126, annotations: { 'a b': 'x' } }),
    }), 'node-agents/agent', ['exposure']);
  });
});

describe('B4: a bad label value the library derives from a prop names that prop', () => {
  test('version', () => {
    expectErrorNaming(chart => new NodeDaemon(chart, 'agent', { image: IMAGE, version: 'a b' }), 'node-agents/agent', ['version']);
  });

  test('a 64-character name (a valid object name)', () => {
    expectValidOrNaming(chart => new NodeDaemon(chart, 'agent', { image: IMAGE, name: 'x'.repeat(64) }), 'node-agents/agent', ['name']);
  });
});

describe('B5: LogCollector values fluent-bit cannot take name their prop', () => {
  test('an empty output host', () => {
    expectErrorNaming(chart => new LogCollector(chart, 'logs', { output: LogOutput.loki({ host: '' }) }), 'node-agents/logs', ['output']);
  });

  test('empty Loki labels', () => {
    expectValidOrNaming(chart => new LogCollector(chart, 'logs', { output: LogOutput.loki({ host: 'loki.logging.svc', labels: {} }) }),
      'node-agents/logs', ['output']);
  });

  test('a filter without a name', () => {
    expectErrorNaming(chart => new LogCollector(chart, 'logs', { output: LogOutput.stdout(), filters: [{ name: '' }] }), 'node-agents/logs', ['filters']);
  });
});

describe('B6: ServiceMonitor problems name the serviceMonitor prop', () => {
  test('a bad ServiceMonitor label', () => {
    expectErrorNaming(chart => new MetricsExporter(chart, 'metrics', { serviceMonitor: { labels: { release: 'a b' } } }),
      'node-agents/metrics', ['serviceMonitor']);
  });
});

describe("B7: agent errors name the agent's prop, not the NodeDaemon prop it fills in", () => {
  test('HardwareRngRefresher nodeSelector', () => {
    expectErrorNaming(chart => new HardwareRngRefresher(chart, 'rng', { image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { 'hw rng': 'true' } }),
      'node-agents/rng', ['nodeSelector']);
  });

  test('HardwareRngRefresher feeder rngDevice', () => {
    expectValidOrNaming(chart => new HardwareRngRefresher(chart, 'rng', {
      image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' }, feeder: RngFeeder.rngd({ rngDevice: '/dev/random' }),
    }), 'node-agents/rng', ['feeder']);
  });

  test('LogCollector metricsPort', () => {
    expectErrorNaming(chart => new LogCollector(chart, 'logs', { output: LogOutput.stdout(), metricsPort: 0 }), 'node-agents/logs', ['metricsPort']);
  });

  test('MetricsExporter name that is no Service name', () => {
    expectValidOrNaming(chart => new MetricsExporter(chart, 'metrics', { name: '1st-exporter' }), 'node-agents/metrics', ['name']);
  });

  test('LogCollector in a chart without a namespace', () => {
    expectValidOrNaming(chart => new LogCollector(chart, 'logs', { output: LogOutput.stdout() }), 'node-agents/logs', ['kubernetesMetadata'], false);
  });
});

// Disagreements the differential fuzz found between the library and the reference (test/reference).

test('D1: ClusterRole and ClusterRoleBinding names are path segments, as the API server checks them (the library refused 日本)', () => {
  for (const kind of ['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding']) {
    const obj = { apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: { name: '日本' }, rules: [], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } };
    expect(checkApiServerRules(obj).filter(v => v.path === 'metadata.name')).toEqual([]);
    expect(referenceErrors(obj).filter(e => e.field === 'metadata.name')).toEqual([]);
    const bad = { ...obj, metadata: { name: 'a/b' } };
    expect(checkApiServerRules(bad).map(v => v.path)).toContain('metadata.name');
    expect(referenceErrors(bad).map(e => e.field)).toContain('metadata.name');
  }
});

test('D2: node affinity values are not label values (Gt -1 is accepted by both sides)', () => {
  const chart = newChart(true);
  new MetricsExporter(chart, 'fuzz', { placement: NodePlacement.linux().withRequirements(NodeRequirement.greaterThan('app', -1)) });
  const objects = Testing.synth(chart);
  expect(objects.flatMap((o: any) => (o.kind === 'ServiceMonitor' ? [] : referenceErrors(o)))).toEqual([]);
});

test('D3: an empty runtimeClassName is refused by both sides (the reference took it for unset)', () => {
  const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { runtimeClassName: '', containers: [{ name: 'm', image: 'i:1' }] } };
  expect(checkApiServerRules(obj).map(v => v.path)).toContain('spec.runtimeClassName');
  expect(referenceErrors(obj).map(e => e.field)).toContain('spec.runtimeClassName');
});

test('D4: a LogCollector output credential from a Secret without a name names the output, not an internal prop', () => {
  expectValidOrNaming(chart => new LogCollector(chart, 'fuzz', {
    output: LogOutput.loki({ host: 'loki.logging.svc', password: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(chart, 'creds', ''), key: 'password' }) }),
  }), 'node-agents/fuzz', ['output']);
});
