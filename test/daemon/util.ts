import { App, Chart, ChartProps, Testing } from 'cdk8s';
import { Validations } from '../../src';

/**
 * The chart every daemon test builds in: `node-agents` in `kube-system`. These tests are about rendering,
 * so the security, best-practice and cross-object rules are off here; they have tests of their own
 * (test/validation/security-rules.test.ts, test/daemon/best-practices.test.ts). API-server rules always run.
 */
export function newChart(app: App = Testing.app(), props: ChartProps = { namespace: 'kube-system' }): Chart {
  const chart = new Chart(app, 'node-agents', props);
  Validations.configure(chart, { bestPractices: false, crossObject: false });
  return chart;
}

/** All synthesized objects of one kind. */
export function ofKind(objects: any[], kind: string): any[] {
  return objects.filter(o => o.kind === kind);
}

/** The single synthesized object of one kind (fails the test when there are none or several). */
export function single(objects: any[], kind: string): any {
  const found = ofKind(objects, kind);
  if (found.length !== 1) throw new Error(`expected exactly one ${kind}, found ${found.length}`);
  return found[0];
}

/** The pod spec of the single DaemonSet. */
export function podSpec(objects: any[]): any {
  return single(objects, 'DaemonSet').spec.template.spec;
}

/** The main (first) container of the single DaemonSet. */
export function mainContainer(objects: any[]): any {
  return podSpec(objects).containers[0];
}

/** True when every matchLabels entry of `selector` is present with the same value in `labels`. */
export function selects(selector: { [key: string]: string }, labels: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
