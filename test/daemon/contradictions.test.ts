import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { newChart, ofKind, single } from './util';
import { AppArmorProfile, Budget, Exposure, NodeArch, NodeDaemon, NodeDaemonProps, Rollout, Toleration, Validations } from '../../src';

// The same setting in two props, and traps that look right but do nothing: refused, or explained.

const IMAGE = 'example.com/agent:1.0.0';

function synthError(props: Partial<NodeDaemonProps>, chart: Chart = newChart()): string {
  new NodeDaemon(chart, 'agent', { image: IMAGE, ...props });
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth succeeded');
}

describe('one setting, two props', () => {
  test('host.privileged and security.privileged are refused together, naming both', () => {
    expect(synthError({ host: { privileged: true }, security: { privileged: false } }))
      .toMatch(/\[node-agents\/agent\] 'host.privileged' \(true\) and 'security.privileged' \(false\) are both set: .*give one/);
  });

  test('even when they agree', () => {
    expect(synthError({ host: { privileged: true }, security: { privileged: true } })).toMatch(/'host.privileged' \(true\) and 'security.privileged' \(true\) are both set/);
  });

  test('host.capabilities and security.addCapabilities are refused together, naming both', () => {
    expect(synthError({ host: { capabilities: [kplus.Capability.NET_ADMIN] }, security: { addCapabilities: [kplus.Capability.SYS_PTRACE] } }))
      .toMatch(/'host.capabilities' \(NET_ADMIN\) and 'security.addCapabilities' \(SYS_PTRACE\) are both set: .*list them all in one/);
  });

  test('either one alone renders', () => {
    for (const props of [{ host: { privileged: true } }, { security: { privileged: true } }]) {
      const chart = newChart();
      new NodeDaemon(chart, 'agent', { image: IMAGE, ...props });
      expect(single(Testing.synth(chart), 'DaemonSet').spec.template.spec.containers[0].securityContext).toEqual({ privileged: true });
    }
  });

  test('an AppArmor profile in podAnnotations and in appArmorProfile is refused', () => {
    expect(synthError({
      appArmorProfile: AppArmorProfile.runtimeDefault(),
      podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/agent': 'unconfined' },
    })).toMatch(/'podAnnotations' "container.apparmor.security.beta.kubernetes.io\/agent" and 'appArmorProfile' both set the AppArmor profile of container "agent"/);
  });
});

describe('labels that would overwrite the selector', () => {
  test('podLabels with a selector key and another value are refused, naming the key', () => {
    expect(synthError({ podLabels: { 'app.kubernetes.io/name': 'other' } }))
      .toMatch(/'podLabels' sets the selector label "app.kubernetes.io\/name" to "other", but the selector needs "agent"/);
  });

  test('labels likewise, with selectorLabels', () => {
    expect(synthError({ selectorLabels: { app: 'agent' }, labels: { app: 'collector' } }))
      .toMatch(/'labels' sets the selector label "app" to "collector", but the selector needs "agent"/);
  });

  test('with images, podLabels may not set the architecture selector label', () => {
    expect(synthError({
      image: undefined,
      images: [{ arch: NodeArch.AMD64, image: 'example.com/agent:1.0.0' }, { arch: NodeArch.ARM64, image: 'example.com/agent:1.0.0' }],
      podLabels: { 'daemons.cdk8s.io/arch': 'amd64' },
    })).toMatch(/'podLabels' sets the selector label "daemons.cdk8s.io\/arch" to "amd64"/);
  });

  test('the same value as the selector is accepted', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', { image: IMAGE, podLabels: { 'app.kubernetes.io/name': 'agent', 'team': 'obs' } });
    expect(single(Testing.synth(chart), 'DaemonSet').spec.template.metadata.labels.team).toBe('obs');
  });
});

describe('tolerationSeconds for a taint the DaemonSet controller manages (BP008)', () => {
  function strictChart(): Chart {
    const chart = new Chart(Testing.app(), 'node-agents', { namespace: 'kube-system' });
    // BP008 is a warning: strict mode makes it an error, so that synth reports it.
    Validations.configure(chart, { crossObject: false, strict: true });
    return chart;
  }

  test.each(['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready'])('%s is reported on the toleration', key => {
    expect(synthError({ tolerations: [Toleration.controlPlane(), Toleration.noExecuteFor(key, 300)] }, strictChart()))
      .toMatch(new RegExp(`'tolerations\\[1\\]' 300: never applies: the DaemonSet controller replaces this toleration of ${key.replace(/\./g, '\\.')} with its own.*rule BP008`));
  });

  test('another NoExecute taint is not', () => {
    expect(synthError({ tolerations: [Toleration.noExecuteFor('example.com/maintenance', 600)] }, strictChart())).not.toMatch(/BP008/);
  });

  test('a suppression with a reason silences it', () => {
    const chart = strictChart();
    const daemon = new NodeDaemon(chart, 'agent', { image: IMAGE, tolerations: [Toleration.noExecuteFor('node.kubernetes.io/unreachable', 300)] });
    Validations.suppress(daemon, 'BP008', 'kept for clusters whose controller predates 1.13');
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/BP008/);
  });
});

describe('connect() to a host port bound to one hostIP', () => {
  function client(): kplus.Container {
    const chart = new Chart(Testing.app(), 'apps');
    return new kplus.Deployment(chart, 'shop', { containers: [{ image: 'example.com/shop:2.3.0' }] }).containers[0];
  }

  test('is refused: clients get the node IP, where nothing listens', () => {
    const daemon = new NodeDaemon(newChart(), 'agent', { image: IMAGE, exposure: Exposure.hostPort({ port: 8126, hostIp: '127.0.0.1' }) });
    expect(() => daemon.connect(client())).toThrow(/\[node-agents\/agent\] 'exposure' binds the host port to hostIp "127.0.0.1": connect\(\) hands clients the node IP/);
  });

  test.each(['0.0.0.0', '::', undefined])('hostIp %s (every node address) connects', hostIp => {
    const daemon = new NodeDaemon(newChart(), 'agent', { image: IMAGE, exposure: Exposure.hostPort({ port: 8126, hostIp }) });
    const container = client();
    daemon.connect(container);
    expect(container.env.variables.AGENT_HOST.valueFrom).toEqual({ fieldRef: { fieldPath: 'status.hostIP' } });
  });
});

describe('per-architecture version labels', () => {
  const images = [{ arch: NodeArch.AMD64, image: 'example.com/agent:2.0.1' }, { arch: NodeArch.ARM64, image: 'example.com/agent:2.0.0-arm' }];

  test('each DaemonSet and its pods carry their own image\'s version; shared objects none when they differ', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', { images, exposure: Exposure.localService({ port: 8126 }) });
    const objects = Testing.synth(chart);
    const byArch = Object.fromEntries(ofKind(objects, 'DaemonSet').map(ds => [ds.spec.selector.matchLabels['daemons.cdk8s.io/arch'], ds]));
    expect(byArch.amd64.metadata.labels['app.kubernetes.io/version']).toBe('2.0.1');
    expect(byArch.amd64.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2.0.1');
    expect(byArch.arm64.metadata.labels['app.kubernetes.io/version']).toBe('2.0.0-arm');
    expect(byArch.arm64.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2.0.0-arm');
    expect(single(objects, 'Service').metadata.labels).not.toHaveProperty(['app.kubernetes.io/version']);
  });

  test('shared objects carry the version when every image has it', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', {
      images: [{ arch: NodeArch.AMD64, image: 'example.com/agent:2.0.1' }, { arch: NodeArch.ARM64, image: 'example.com/agent-arm:2.0.1' }],
      exposure: Exposure.localService({ port: 8126 }),
    });
    expect(single(Testing.synth(chart), 'Service').metadata.labels['app.kubernetes.io/version']).toBe('2.0.1');
  });

  test('version wins over every image tag', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'agent', { images, version: '2.0' });
    for (const ds of ofKind(Testing.synth(chart), 'DaemonSet')) expect(ds.spec.template.metadata.labels['app.kubernetes.io/version']).toBe('2.0');
  });
});

describe('Rollout.rollingUpdate() and the surge error', () => {
  test('the surge-with-host-ports error points at Rollout.rollingUpdate(), which gives the default', () => {
    const message = synthError({ rollout: Rollout.surge({ maxSurge: Budget.count(1) }), exposure: Exposure.hostPort({ port: 8126 }) });
    expect(message).toMatch(/Valid: Rollout.rollingUpdate\(\) \(delete first, 10% of the nodes at a time: the default\)/);
    const chart = newChart();
    new NodeDaemon(chart, 'agent', { image: IMAGE, rollout: Rollout.rollingUpdate(), exposure: Exposure.hostPort({ port: 8126 }) });
    const other = newChart();
    new NodeDaemon(other, 'agent', { image: IMAGE, exposure: Exposure.hostPort({ port: 8126 }) });
    expect(single(Testing.synth(chart), 'DaemonSet').spec.updateStrategy).toEqual(single(Testing.synth(other), 'DaemonSet').spec.updateStrategy);
  });
});
