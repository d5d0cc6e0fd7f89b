import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { mainContainer, newChart, ofKind, podSpec, single } from './util';
import { Exposure, NodeDaemon } from '../../src';

const IMAGE = 'example.com/trace-agent:1.4.2';

function synthExposure(exposure: Exposure): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'trace-agent', { image: IMAGE, exposure });
  return Testing.synth(chart);
}

describe('Exposure.none()', () => {
  test('renders no Service and no container ports', () => {
    const objects = synthExposure(Exposure.none());
    expect(ofKind(objects, 'Service')).toHaveLength(0);
    expect(mainContainer(objects)).not.toHaveProperty('ports');
    expect(podSpec(objects)).not.toHaveProperty('hostNetwork');
  });

  test('is the default', () => {
    const chart = newChart();
    const daemon = new NodeDaemon(chart, 'trace-agent', { image: IMAGE });
    const objects = Testing.synth(chart);
    expect(ofKind(objects, 'Service')).toHaveLength(0);
    expect(mainContainer(objects)).not.toHaveProperty('ports');
    expect(daemon.service).toBeUndefined();
  });
});

describe('Exposure.localService()', () => {
  test('renders a ClusterIP Service with internalTrafficPolicy Local that targets the named container port', () => {
    const objects = synthExposure(Exposure.localService({ port: 8126 }));
    const service = single(objects, 'Service');
    const ds = single(objects, 'DaemonSet');
    expect(service.apiVersion).toBe('v1');
    expect(service.metadata.namespace).toBe('kube-system');
    expect(service.metadata.name).toBe(ds.metadata.name);
    expect(service.spec).toEqual({
      internalTrafficPolicy: 'Local',
      selector: ds.spec.selector.matchLabels,
      ports: [{ name: 'http', port: 8126, targetPort: 'http' }],
    });
    expect(service.spec).not.toHaveProperty('clusterIP');
    expect(service.spec).not.toHaveProperty('type');
    expect(mainContainer(objects).ports).toEqual([{ name: 'http', containerPort: 8126 }]);
  });

  test('renders servicePort, serviceName, annotations, protocol and additional ports', () => {
    const objects = synthExposure(Exposure.localService({
      port: 4317,
      name: 'otlp-grpc',
      servicePort: 14317,
      serviceName: 'otel-agent',
      annotations: { 'prometheus.io/scrape': 'true' },
      additionalPorts: [{ port: 4318, name: 'otlp-http' }, { port: 6831, protocol: kplus.Protocol.UDP }],
    }));
    const service = single(objects, 'Service');
    expect(service.metadata.name).toBe('otel-agent');
    expect(service.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(service.spec.ports).toEqual([
      { name: 'otlp-grpc', port: 14317, targetPort: 'otlp-grpc' },
      { name: 'otlp-http', port: 4318, targetPort: 'otlp-http' },
      { name: 'port-6831', port: 6831, protocol: 'UDP', targetPort: 'port-6831' },
    ]);
    expect(mainContainer(objects).ports).toEqual([
      { name: 'otlp-grpc', containerPort: 4317 },
      { name: 'otlp-http', containerPort: 4318 },
      { name: 'port-6831', containerPort: 6831, protocol: 'UDP' },
    ]);
  });

  test('opens no node port', () => {
    const objects = synthExposure(Exposure.localService({ port: 8126 }));
    expect(mainContainer(objects).ports[0]).not.toHaveProperty('hostPort');
    expect(podSpec(objects)).not.toHaveProperty('hostNetwork');
  });
});

describe('Exposure.headlessService()', () => {
  test('renders clusterIP None and no internalTrafficPolicy', () => {
    const objects = synthExposure(Exposure.headlessService({ port: 8126 }));
    const service = single(objects, 'Service');
    expect(service.spec).toEqual({
      clusterIP: 'None',
      selector: single(objects, 'DaemonSet').spec.selector.matchLabels,
      ports: [{ name: 'http', port: 8126, targetPort: 'http' }],
    });
  });
});

describe('Exposure.hostPort()', () => {
  test('renders hostPort equal to the container port by default and no Service', () => {
    const objects = synthExposure(Exposure.hostPort({ port: 8126 }));
    expect(ofKind(objects, 'Service')).toHaveLength(0);
    expect(mainContainer(objects).ports).toEqual([{ name: 'http', containerPort: 8126, hostPort: 8126 }]);
    expect(podSpec(objects)).not.toHaveProperty('hostNetwork');
  });

  test('renders a different hostPort, hostIP and protocol', () => {
    const objects = synthExposure(Exposure.hostPort({ port: 8125, name: 'dogstatsd', protocol: kplus.Protocol.UDP, hostPort: 18125, hostIp: '10.0.0.1' }));
    expect(mainContainer(objects).ports).toEqual([
      { name: 'dogstatsd', containerPort: 8125, protocol: 'UDP', hostPort: 18125, hostIP: '10.0.0.1' },
    ]);
  });
});

describe('Exposure.hostNetwork()', () => {
  test('renders hostNetwork, ClusterFirstWithHostNet and hostPort equal to containerPort, with no Service', () => {
    const objects = synthExposure(Exposure.hostNetwork({ port: 9100, name: 'metrics' }));
    const spec = podSpec(objects);
    expect(ofKind(objects, 'Service')).toHaveLength(0);
    expect(spec.hostNetwork).toBe(true);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(mainContainer(objects).ports).toEqual([{ name: 'metrics', containerPort: 9100, hostPort: 9100 }]);
  });
});

describe('connect()', () => {
  /** Builds a daemon and a client Deployment (in a chart of its own), connects them, returns the client's rendered env. */
  function connectEnv(exposure: Exposure, envPrefix?: string): any[] {
    const app: App = Testing.app();
    const chart = newChart(app);
    const daemon = new NodeDaemon(chart, 'trace-agent', { image: IMAGE, exposure });
    const clients = new Chart(app, 'clients', { namespace: 'shop' });
    const deployment = new kplus.Deployment(clients, 'checkout', { containers: [{ image: 'example.com/checkout:2.1.0' }] });
    daemon.connect(deployment.containers[0], envPrefix === undefined ? {} : { envPrefix });
    Testing.synth(chart);
    return single(Testing.synth(clients), 'Deployment').spec.template.spec.containers[0].env;
  }

  test('hostPort: HOST from status.hostIP, PORT the host port, ADDR host:port', () => {
    expect(connectEnv(Exposure.hostPort({ port: 8126, hostPort: 18126 }))).toEqual([
      { name: 'TRACE_AGENT_HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'TRACE_AGENT_PORT', value: '18126' },
      { name: 'TRACE_AGENT_ADDR', value: '$(TRACE_AGENT_HOST):18126' },
    ]);
  });

  test('hostNetwork: HOST from status.hostIP, PORT the daemon port', () => {
    expect(connectEnv(Exposure.hostNetwork({ port: 9100 }))).toEqual([
      { name: 'TRACE_AGENT_HOST', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
      { name: 'TRACE_AGENT_PORT', value: '9100' },
      { name: 'TRACE_AGENT_ADDR', value: '$(TRACE_AGENT_HOST):9100' },
    ]);
  });

  test('localService: HOST is the Service DNS name in the daemon namespace, PORT the Service port', () => {
    expect(connectEnv(Exposure.localService({ port: 4317, servicePort: 14317, serviceName: 'otel-agent' }))).toEqual([
      { name: 'TRACE_AGENT_HOST', value: 'otel-agent.kube-system.svc' },
      { name: 'TRACE_AGENT_PORT', value: '14317' },
      { name: 'TRACE_AGENT_ADDR', value: '$(TRACE_AGENT_HOST):14317' },
    ]);
  });

  test('localService with the generated Service name', () => {
    const app: App = Testing.app();
    const chart = newChart(app);
    const daemon = new NodeDaemon(chart, 'trace-agent', { image: IMAGE, exposure: Exposure.localService({ port: 8126 }) });
    const clients = new Chart(app, 'clients');
    const deployment = new kplus.Deployment(clients, 'checkout', { containers: [{ image: 'example.com/checkout:2.1.0' }] });
    daemon.connect(deployment.containers[0]);
    const serviceName = single(Testing.synth(chart), 'Service').metadata.name;
    const env = single(Testing.synth(clients), 'Deployment').spec.template.spec.containers[0].env;
    expect(env[0]).toEqual({ name: 'TRACE_AGENT_HOST', value: `${serviceName}.kube-system.svc` });
    expect(env[1]).toEqual({ name: 'TRACE_AGENT_PORT', value: '8126' });
  });

  test('envPrefix replaces the container-name prefix', () => {
    expect(connectEnv(Exposure.hostPort({ port: 8126 }), 'DD_AGENT').map(e => e.name))
      .toEqual(['DD_AGENT_HOST', 'DD_AGENT_PORT', 'DD_AGENT_ADDR']);
  });

  test('throws for Exposure.none()', () => {
    const chart = newChart();
    const daemon = new NodeDaemon(chart, 'trace-agent', { image: IMAGE });
    const client = new kplus.Deployment(new Chart(chart.node.scope as App, 'clients'), 'checkout', { containers: [{ image: 'example.com/checkout:2.1.0' }] });
    expect(() => daemon.connect(client.containers[0])).toThrow(/\[node-agents\/trace-agent\] 'exposure' is none/);
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('throws for Exposure.headlessService()', () => {
    const chart = newChart();
    const daemon = new NodeDaemon(chart, 'trace-agent', { image: IMAGE, exposure: Exposure.headlessService({ port: 8126 }) });
    const client = new kplus.Deployment(new Chart(chart.node.scope as App, 'clients'), 'checkout', { containers: [{ image: 'example.com/checkout:2.1.0' }] });
    expect(() => daemon.connect(client.containers[0])).toThrow(/\[node-agents\/trace-agent\] 'exposure' is headless-service/);
    expect(ofKind(Testing.synth(chart), 'Service')).toHaveLength(1);
  });
});
