import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { newChart, podSpec } from './util';
import { NodeDaemon, Toleration, TolerationOperator } from '../../src';

const IMAGE = 'example.com/trace-agent:1.4.2';

function tolerationsOf(...tolerations: Toleration[]): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'trace-agent', { image: IMAGE, tolerations });
  return podSpec(Testing.synth(chart)).tolerations;
}

describe('no tolerations', () => {
  test('renders no tolerations field', () => {
    const chart = newChart();
    new NodeDaemon(chart, 'trace-agent', { image: IMAGE });
    expect(podSpec(Testing.synth(chart))).not.toHaveProperty('tolerations');
  });
});

describe('Toleration.of()', () => {
  test('renders the fields as given', () => {
    expect(tolerationsOf(Toleration.of({
      key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'logging', effect: kplus.TaintEffect.PREFER_NO_SCHEDULE,
    }))).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'PreferNoSchedule' }]);
  });

  test('renders no operator when none is given (the API defaults it to Equal)', () => {
    expect(tolerationsOf(Toleration.of({ key: 'dedicated', value: 'logging' }))).toEqual([{ key: 'dedicated', value: 'logging' }]);
  });

  test('renders tolerationSeconds with NoExecute', () => {
    expect(tolerationsOf(Toleration.of({
      key: 'node.kubernetes.io/not-ready', operator: TolerationOperator.EXISTS, effect: kplus.TaintEffect.NO_EXECUTE, tolerationSeconds: 300,
    }))).toEqual([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
  });
});

describe('Toleration.exists()', () => {
  test('with an effect', () => {
    expect(tolerationsOf(Toleration.exists('dedicated', kplus.TaintEffect.NO_EXECUTE)))
      .toEqual([{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }]);
  });

  test('without an effect matches every effect', () => {
    expect(tolerationsOf(Toleration.exists('dedicated'))).toEqual([{ key: 'dedicated', operator: 'Exists' }]);
  });
});

describe('Toleration.equal()', () => {
  test('with an effect', () => {
    expect(tolerationsOf(Toleration.equal('dedicated', 'logging', kplus.TaintEffect.NO_SCHEDULE)))
      .toEqual([{ key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoSchedule' }]);
  });

  test('without an effect', () => {
    expect(tolerationsOf(Toleration.equal('dedicated', 'logging'))).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'logging' }]);
  });
});

describe('Toleration.everything()', () => {
  test('renders operator Exists with no key and no effect', () => {
    expect(tolerationsOf(Toleration.everything())).toEqual([{ operator: 'Exists' }]);
  });
});

describe('Toleration.controlPlane() and legacyMaster()', () => {
  test('controlPlane tolerates node-role.kubernetes.io/control-plane:NoSchedule', () => {
    expect(tolerationsOf(Toleration.controlPlane()))
      .toEqual([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('legacyMaster tolerates node-role.kubernetes.io/master:NoSchedule', () => {
    expect(tolerationsOf(Toleration.legacyMaster()))
      .toEqual([{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }]);
  });
});

describe('Toleration.noExecuteFor()', () => {
  test('renders Exists, NoExecute and tolerationSeconds', () => {
    expect(tolerationsOf(Toleration.noExecuteFor('node.kubernetes.io/unreachable', 60)))
      .toEqual([{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]);
  });
});

describe('several tolerations', () => {
  test('are rendered in the given order', () => {
    expect(tolerationsOf(Toleration.controlPlane(), Toleration.legacyMaster(), Toleration.noExecuteFor('node.kubernetes.io/unreachable', 60)))
      .toEqual([
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
      ]);
  });
});
