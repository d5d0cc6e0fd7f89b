import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { newChart } from './util';
import {
  Budget, Exposure, NodeDaemon, NodeDaemonProps, Priority, RbacRules, Rollout, Toleration, TolerationOperator,
} from '../../src';

const IMAGE = 'example.com/trace-agent:1.4.2';

/** Builds `node-agents/agent` with the props; returns a function that synthesizes the chart. */
function synthOf(props: Partial<NodeDaemonProps>, withNamespace: boolean = true): () => any[] {
  const chart = withNamespace ? newChart() : newChart(Testing.app(), {});
  new NodeDaemon(chart, 'agent', { image: IMAGE, ...props });
  return () => Testing.synth(chart);
}

/** The synth error, for assertions on several parts of it. */
function synthError(props: Partial<NodeDaemonProps>, withNamespace: boolean = true): string {
  try {
    synthOf(props, withNamespace)();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synth to fail');
}

describe('the error format', () => {
  test('starts with the cdk8s validation header and names the construct path, the prop and the value', () => {
    const message = synthError({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.count(1), maxSurge: Budget.count(1) }) });
    expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[node-agents\/agent\] 'rollout' 1: /);
    expect(message).toContain('(DaemonSet spec.updateStrategy.rollingUpdate.maxSurge, rule DS005). Valid: ');
  });

  test('reports every problem at once', () => {
    const message = synthError({ minReadySeconds: -1, revisionHistoryLimit: -2 });
    expect(message).toMatch(/\[node-agents\/agent\] 'minReadySeconds' -1: must be greater than or equal to 0/);
    expect(message).toMatch(/\[node-agents\/agent\] 'revisionHistoryLimit' -2: must be greater than or equal to 0/);
  });
});

describe('rolling update budgets (DS005)', () => {
  test('maxSurge with a non-zero maxUnavailable', () => {
    expect(synthOf({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.count(1), maxSurge: Budget.count(1) }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' 1: may not be set when maxUnavailable is non-zero \(DaemonSet spec\.updateStrategy\.rollingUpdate\.maxSurge, rule DS005\)/);
  });

  test('maxSurge with the default maxUnavailable of rollingUpdate()', () => {
    expect(synthOf({ rollout: Rollout.rollingUpdate({ maxSurge: Budget.percent(10) }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' "10%": may not be set when maxUnavailable is non-zero/);
  });

  test('a maxUnavailable percentage over 100%', () => {
    expect(synthOf({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.percent(101) }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' "101%": must not be greater than 100% \(DaemonSet spec\.updateStrategy\.rollingUpdate\.maxUnavailable, rule DS005\)/);
  });

  test('a maxSurge percentage over 100%', () => {
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.percent(150) }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' "150%": must not be greater than 100% \(DaemonSet spec\.updateStrategy\.rollingUpdate\.maxSurge, rule DS005\)/);
  });

  test('both zero', () => {
    expect(synthOf({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.count(0) }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' 0: cannot be 0 when maxSurge is 0 \(DaemonSet spec\.updateStrategy\.rollingUpdate\.maxUnavailable, rule DS005\)/);
  });

  test('both zero through a 0% surge', () => {
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.percent(0) }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' 0: cannot be 0 when maxSurge is 0/);
  });

  test('100%, a pure surge and onDelete pass', () => {
    expect(synthOf({ rollout: Rollout.rollingUpdate({ maxUnavailable: Budget.percent(100) }) })()).toHaveLength(1);
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.percent(100) }) })()).toHaveLength(1);
    expect(synthOf({ rollout: Rollout.onDelete() })()).toHaveLength(1);
  });
});

describe('minReadySeconds and revisionHistoryLimit (DS003)', () => {
  test('a negative minReadySeconds', () => {
    expect(synthOf({ minReadySeconds: -5 }))
      .toThrow(/\[node-agents\/agent\] 'minReadySeconds' -5: must be greater than or equal to 0 \(DaemonSet spec\.minReadySeconds, rule DS003\)/);
  });

  test('a negative revisionHistoryLimit', () => {
    expect(synthOf({ revisionHistoryLimit: -1 }))
      .toThrow(/\[node-agents\/agent\] 'revisionHistoryLimit' -1: must be greater than or equal to 0 \(DaemonSet spec\.revisionHistoryLimit, rule DS003\)/);
  });
});

describe('tolerations (POD008)', () => {
  test('tolerationSeconds without NoExecute', () => {
    expect(synthOf({
      tolerations: [Toleration.of({ key: 'k', operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_SCHEDULE, tolerationSeconds: 30 })],
    })).toThrow(/\[node-agents\/agent\] 'tolerations\[0\]' "NoSchedule": effect must be 'NoExecute' when `tolerationSeconds` is set \(DaemonSet spec\.template\.spec\.tolerations\[0\]\.effect, rule POD008\)/);
  });

  test('tolerationSeconds with no effect', () => {
    expect(synthOf({ tolerations: [Toleration.controlPlane(), Toleration.of({ key: 'k', operator: TolerationOperator.EXISTS, tolerationSeconds: 30 })] }))
      .toThrow(/\[node-agents\/agent\] 'tolerations\[1\]' not set: effect must be 'NoExecute' when `tolerationSeconds` is set/);
  });

  test('Exists with a value', () => {
    expect(synthOf({ tolerations: [Toleration.of({ key: 'dedicated', operator: TolerationOperator.EXISTS, value: 'logging' })] }))
      .toThrow(/\[node-agents\/agent\] 'tolerations\[0\]' "logging": value must be empty when `operator` is 'Exists' \(DaemonSet spec\.template\.spec\.tolerations\[0\]\.operator, rule POD008\)/);
  });

  test('an empty key with operator Equal', () => {
    expect(synthOf({ tolerations: [Toleration.of({ operator: TolerationOperator.EQUAL, value: 'logging' })] }))
      .toThrow(/\[node-agents\/agent\] 'tolerations\[0\]' "Equal": operator must be Exists when `key` is empty/);
  });

  test('an empty key with no operator', () => {
    expect(synthOf({ tolerations: [Toleration.of({ effect: kplus.TaintEffect.NO_SCHEDULE })] }))
      .toThrow(/\[node-agents\/agent\] 'tolerations\[0\]' not set: operator must be Exists when `key` is empty, which means "match all values and all keys" \(DaemonSet spec\.template\.spec\.tolerations\[0\]\.operator, rule POD008\)/);
  });

  test('the factories pass', () => {
    expect(synthOf({
      tolerations: [Toleration.everything(), Toleration.controlPlane(), Toleration.noExecuteFor('node.kubernetes.io/unreachable', 30), Toleration.equal('a', 'b')],
    })()).toHaveLength(1);
  });
});

describe('hostPort under hostNetwork (POD004)', () => {
  test('a sidecar hostPort different from its containerPort', () => {
    expect(synthOf({ host: { network: true }, sidecars: [{ name: 'statsd', image: 'example.com/statsd:1.0.0', ports: [{ containerPort: 9100, hostPort: 9200 }] }] }))
      .toThrow(/\[node-agents\/agent\] 'sidecars\[0\]\.ports\[0\]' 9200: must match `containerPort` when `hostNetwork` is true \(DaemonSet spec\.template\.spec\.containers\[1\]\.ports\[0\]\.hostPort, rule POD004\)/);
  });

  test('a hostPort exposure on a different port than the container', () => {
    expect(synthOf({ host: { network: true }, exposure: Exposure.hostPort({ port: 8126, hostPort: 18126 }) }))
      .toThrow(/\[node-agents\/agent\] 'exposure' 18126: must match `containerPort` when `hostNetwork` is true/);
  });

  test('an equal hostPort passes', () => {
    expect(synthOf({ host: { network: true }, ports: [{ containerPort: 9100, hostPort: 9100 }] })()).toHaveLength(1);
  });
});

describe('privileged with allowPrivilegeEscalation false (POD006)', () => {
  test('host.privileged with security.allowPrivilegeEscalation false', () => {
    expect(synthOf({ host: { privileged: true }, security: { allowPrivilegeEscalation: false } }))
      .toThrow(/\[node-agents\/agent\] 'host\.privileged' \{"allowPrivilegeEscalation":false,"privileged":true\}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true \(DaemonSet spec\.template\.spec\.containers\[0\]\.securityContext, rule POD006\)/);
  });

  test('an init container with both settings', () => {
    expect(synthOf({
      initContainers: [{ name: 'sysctl', image: 'busybox:1.36', security: { privileged: true, allowPrivilegeEscalation: false } }],
    })).toThrow(/\[node-agents\/agent\] 'initContainers\[0\]\.security' \{"allowPrivilegeEscalation":false,"privileged":true\}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true/);
  });
});

describe('port names (POD002)', () => {
  test('an exposed port name over 15 characters', () => {
    const message = synthError({ exposure: Exposure.localService({ port: 8126, name: 'trace-agent-http' }) });
    expect(message).toMatch(/\[node-agents\/agent\] 'exposure' "trace-agent-http": must be no more than 15 characters \(DaemonSet spec\.template\.spec\.containers\[0\]\.ports\[0\]\.name, rule POD002\)/);
    expect(message).toMatch(/\[node-agents\/agent\] 'exposure' "trace-agent-http": must be no more than 15 characters \(Service spec\.ports\[0\]\.targetPort, rule SVC001\)/);
  });

  test('a sidecar port name over 15 characters', () => {
    expect(synthOf({ sidecars: [{ name: 'exporter', image: 'example.com/exporter:1.0.0', ports: [{ containerPort: 9102, name: 'prometheus-metrics' }] }] }))
      .toThrow(/\[node-agents\/agent\] 'sidecars\[0\]\.ports\[0\]' "prometheus-metrics": must be no more than 15 characters/);
  });

  test('a 15-character name passes', () => {
    expect(synthOf({ exposure: Exposure.localService({ port: 8126, name: 'trace-agent-htt' }) })()).toHaveLength(2);
  });
});

describe('created PriorityClass (PC001)', () => {
  test('a value above 1000000000', () => {
    expect(synthOf({ priority: Priority.create({ value: 1000000001 }) }))
      .toThrow(/\[node-agents\/agent\] 'priority' 1000000001: maximum allowed value of a user defined priority is 1000000000 \(PriorityClass value, rule PC001\)/);
  });

  test('a name with the reserved system- prefix', () => {
    expect(synthOf({ priority: Priority.create({ name: 'system-foo', value: 1000 }) }))
      .toThrow(/\[node-agents\/agent\] 'priority' "system-foo": priority class names with 'system-' prefix are reserved for system use only\. error: system-foo is not a known system priority class \(PriorityClass metadata\.name, rule PC001\)/);
  });

  test('exactly 1000000000 passes', () => {
    expect(synthOf({ priority: Priority.create({ name: 'node-critical-ish', value: 1000000000 }) })()).toHaveLength(2);
  });
});

describe('missing image', () => {
  test('neither image nor images', () => {
    expect(synthOf({ image: undefined }))
      .toThrow(/\[node-agents\/agent\] 'image' is required \(or 'images', one per architecture\)/);
  });

  test('the empty image is reported on the wire field too (POD001)', () => {
    expect(synthOf({ image: undefined }))
      .toThrow(/\[node-agents\/agent\] 'image' "": Required value \(DaemonSet spec\.template\.spec\.containers\[0\]\.image, rule POD001\)/);
  });
});

describe('surge with host ports', () => {
  test('a surge rollout with a hostPort exposure stalls', () => {
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.count(1) }), exposure: Exposure.hostPort({ port: 8126 }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' surges \(maxSurge 1\) but the daemon binds host ports: the surge pod cannot bind the port the old pod holds/);
  });

  test('a surge rollout with host networking stalls', () => {
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.percent(10) }), exposure: Exposure.hostNetwork({ port: 9100 }) }))
      .toThrow(/\[node-agents\/agent\] 'rollout' surges \(maxSurge 10%\) but the daemon binds host ports/);
  });

  test('a surge rollout with a hostPort on a container port stalls', () => {
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.count(2) }), ports: [{ containerPort: 8125, hostPort: 8125, name: 'dogstatsd' }] }))
      .toThrow(/\[node-agents\/agent\] 'rollout' surges \(maxSurge 2\) but the daemon binds host ports/);
  });

  test('a surge rollout behind a local Service passes', () => {
    expect(synthOf({ rollout: Rollout.surge({ maxSurge: Budget.count(1) }), exposure: Exposure.localService({ port: 8126 }) })()).toHaveLength(2);
  });
});

describe('rbac without a chart namespace', () => {
  test('is an error naming rbac', () => {
    expect(synthOf({ rbac: [RbacRules.readOnly('pods')] }, false))
      .toThrow(/\[node-agents\/agent\] 'rbac' needs a namespace on the chart: the ClusterRoleBinding must name the ServiceAccount's namespace/);
  });

  test('passes in a namespaced chart', () => {
    expect(synthOf({ rbac: [RbacRules.readOnly('pods')] })()).toHaveLength(4);
  });
});
