import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { newChart, podSpec, single } from './util';
import { Exposure, NodeDaemon } from '../../src';

describe('errors about the main container name its top-level props', () => {
  test.each([
    ['ports', { ports: [{ containerPort: 9100, hostPort: 9200 }], host: { network: true } }, /'ports\[0\]' 9200: must match `containerPort`/],
    ['security', { security: { privileged: true, allowPrivilegeEscalation: false } }, /'security' \{"allowPrivilegeEscalation":false,"privileged":true\}/],
    ['env', { env: { '1BAD': kplus.EnvValue.fromValue('x') } }, /'env' "1BAD": must consist of/],
  ])('%s', (_title, props, message) => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', ...props });
    expect(() => Testing.synth(chart)).toThrow(message);
  });
});

test('a sidecar probe without a port uses the sidecar\'s own first port', () => {
  const chart = newChart();
  new NodeDaemon(chart, 'agent', {
    image: 'example.com/agent:1.0.0',
    sidecars: [{ name: 's', image: 'example.com/s:1.0.0', ports: [{ containerPort: 9000 }], readiness: kplus.Probe.fromHttpGet('/ready') }],
  });
  expect(podSpec(Testing.synth(chart)).containers[1].readinessProbe.httpGet.port).toBe(9000);
});

test('a construct id with an underscore still gives valid object names', () => {
  const chart = newChart();
  new NodeDaemon(chart, 'trace_agent', { image: 'example.com/agent:1.0.0' });
  const ds = single(Testing.synth(chart), 'DaemonSet');
  expect(ds.metadata.name).toMatch(/^node-agents-trace-agent-[0-9a-f]{8}$/);
  expect(ds.spec.template.spec.containers[0].name).toBe('trace-agent');
});

test('with host networking, every exposed port is written as a host port, whatever the exposure', () => {
  const chart = newChart();
  new NodeDaemon(chart, 'agent', { image: 'example.com/agent:1.0.0', host: { network: true }, exposure: Exposure.localService({ port: 9100, name: 'metrics' }) });
  expect(podSpec(Testing.synth(chart)).containers[0].ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
});

describe('connect() by port name', () => {
  function build() {
    const chart = newChart();
    const daemon = new NodeDaemon(chart, 'agent', {
      image: 'example.com/agent:1.0.0',
      exposure: Exposure.localService({ port: 2020, name: 'http', servicePort: 80, additionalPorts: [{ port: 24224, name: 'forward' }] }),
    });
    const client = new kplus.Deployment(chart, 'client', { containers: [{ image: 'example.com/client:1.0.0' }] });
    return { chart, daemon, container: client.containers[0] };
  }

  test('hands out the named port', () => {
    const { daemon, container } = build();
    daemon.connect(container, { envPrefix: 'LOGS', portName: 'forward' });
    expect(container.env.variables.LOGS_PORT.value).toBe('24224');
    expect(container.env.variables.LOGS_ADDR.value).toBe('$(LOGS_HOST):24224');
  });

  test('the first port is the Service port', () => {
    const { daemon, container } = build();
    daemon.connect(container, { envPrefix: 'LOGS' });
    expect(container.env.variables.LOGS_PORT.value).toBe('80');
  });

  test('an unknown name is an error that lists the valid ones', () => {
    const { daemon, container } = build();
    expect(() => daemon.connect(container, { portName: 'grpc' })).toThrow(/\[node-agents\/agent\] 'portName' "grpc" is not an exposed port; valid: "http", "forward"/);
  });
});
