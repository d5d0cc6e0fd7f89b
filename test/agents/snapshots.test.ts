import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Toleration } from '../../src';
import {
  FluentBitLogLevel, HardwareRngRefresher, LogCollector, LogOutput, MetricsExporter, NodeExporterCollector, RngFeeder,
} from '../../src/agents';
import { newChart } from '../daemon/util';

// Snapshots are rewritten only on purpose (`npx projen test:update`); a diff here is read like code.

describe('agent snapshots', () => {
  test('LogCollector defaults', () => {
    const chart = newChart();
    new LogCollector(chart, 'logs', { output: LogOutput.elasticsearch({ host: 'elasticsearch-master.logging.svc' }) });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('LogCollector with every input, several outputs and a ServiceMonitor', () => {
    const chart = newChart();
    const secret = kplus.Secret.fromSecretName(chart, 'loki-creds', 'loki-credentials');
    new LogCollector(chart, 'logs', {
      outputs: [
        LogOutput.loki({ host: 'loki-gateway.logging.svc', user: 'fluent', password: kplus.EnvValue.fromSecretValue({ secret, key: 'password' }), tenantId: 'platform' }),
        LogOutput.forward({ host: 'aggregator.logging.svc', match: 'host.*' }),
      ],
      systemd: { units: ['kubelet.service', 'containerd.service'] },
      forwardInput: {},
      dockerRuntime: true,
      logLevel: FluentBitLogLevel.WARN,
      filters: [{ name: 'grep', properties: { Exclude: 'log ^GET /healthz' } }],
      serviceMonitor: { interval: Duration.seconds(30), labels: { release: 'kube-prometheus-stack' } },
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('MetricsExporter defaults', () => {
    const chart = newChart();
    new MetricsExporter(chart, 'node-metrics');
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('MetricsExporter with collectors, a ServiceMonitor and its own tolerations', () => {
    const chart = newChart();
    new MetricsExporter(chart, 'node-metrics', {
      port: 9110,
      enableCollectors: [NodeExporterCollector.PROCESSES, NodeExporterCollector.SYSTEMD],
      disableCollectors: [NodeExporterCollector.ARP],
      tolerations: [Toleration.everything()],
      serviceMonitor: { interval: Duration.seconds(15) },
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('HardwareRngRefresher defaults (rngd)', () => {
    const chart = newChart();
    new HardwareRngRefresher(chart, 'rng', { image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' } });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('HardwareRngRefresher refresh loop on control-plane nodes too', () => {
    const chart = newChart();
    new HardwareRngRefresher(chart, 'rng', {
      image: 'k8spatterns/random-generator:1.0',
      nodeSelector: { feature: 'hw-rng' },
      feeder: RngFeeder.refreshLoop({ command: 'java -cp / RandomRunner /host_dev/random 100000' }),
      tolerateControlPlane: true,
    });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });
});
