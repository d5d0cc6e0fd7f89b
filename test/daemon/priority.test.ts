import { Testing } from 'cdk8s';
import { newChart, ofKind, podSpec, single } from './util';
import { NodeDaemon, PreemptionPolicy, Priority } from '../../src';

const IMAGE = 'example.com/fluent-bit:3.0.7';

function synthPriority(priority?: Priority): any[] {
  const chart = newChart();
  new NodeDaemon(chart, 'logs', { image: IMAGE, priority });
  return Testing.synth(chart);
}

describe('no priority', () => {
  test('renders no priorityClassName and no PriorityClass', () => {
    const objects = synthPriority();
    expect(podSpec(objects)).not.toHaveProperty('priorityClassName');
    expect(ofKind(objects, 'PriorityClass')).toHaveLength(0);
  });
});

describe('Priority.existing()', () => {
  test('references the class by name without creating it', () => {
    const objects = synthPriority(Priority.existing('node-agents-high'));
    expect(podSpec(objects).priorityClassName).toBe('node-agents-high');
    expect(ofKind(objects, 'PriorityClass')).toHaveLength(0);
  });
});

describe('system priority classes', () => {
  test('systemNodeCritical references system-node-critical', () => {
    const objects = synthPriority(Priority.systemNodeCritical());
    expect(podSpec(objects).priorityClassName).toBe('system-node-critical');
    expect(ofKind(objects, 'PriorityClass')).toHaveLength(0);
  });

  test('systemClusterCritical references system-cluster-critical', () => {
    const objects = synthPriority(Priority.systemClusterCritical());
    expect(podSpec(objects).priorityClassName).toBe('system-cluster-critical');
    expect(ofKind(objects, 'PriorityClass')).toHaveLength(0);
  });
});

describe('Priority.create()', () => {
  test('renders a cluster-scoped PriorityClass with value, preemptionPolicy and description', () => {
    const objects = synthPriority(Priority.create({
      name: 'node-logging',
      value: 1000000,
      preemptionPolicy: PreemptionPolicy.NEVER,
      description: 'Log collectors: scheduled ahead of workloads, never preempting them',
    }));
    const pc = single(objects, 'PriorityClass');
    expect(pc.apiVersion).toBe('scheduling.k8s.io/v1');
    expect(pc.metadata.name).toBe('node-logging');
    expect(pc.metadata).not.toHaveProperty('namespace');
    expect(pc.value).toBe(1000000);
    expect(pc.preemptionPolicy).toBe('Never');
    expect(pc.description).toBe('Log collectors: scheduled ahead of workloads, never preempting them');
    expect(pc).not.toHaveProperty('globalDefault');
  });

  test('the pods reference the created class', () => {
    const objects = synthPriority(Priority.create({ name: 'node-logging', value: 1000000 }));
    expect(podSpec(objects).priorityClassName).toBe('node-logging');
  });

  test('without a name, the class takes the daemon name and the pods reference it', () => {
    const objects = synthPriority(Priority.create({ value: 500000, preemptionPolicy: PreemptionPolicy.PREEMPT_LOWER_PRIORITY }));
    const pc = single(objects, 'PriorityClass');
    expect(pc.metadata.name).toBe(single(objects, 'DaemonSet').metadata.name);
    expect(pc.metadata).not.toHaveProperty('namespace');
    expect(pc.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(podSpec(objects).priorityClassName).toBe(pc.metadata.name);
  });

  test('renders globalDefault only when given', () => {
    const objects = synthPriority(Priority.create({ name: 'node-logging', value: 1000, globalDefault: false }));
    expect(single(objects, 'PriorityClass').globalDefault).toBe(false);
  });

  test('the namespaced DaemonSet keeps its namespace', () => {
    const objects = synthPriority(Priority.create({ name: 'node-logging', value: 1000 }));
    expect(single(objects, 'DaemonSet').metadata.namespace).toBe('kube-system');
  });
});
