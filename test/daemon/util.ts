import { App, Chart, ChartProps, Testing } from 'cdk8s';

/** The chart every daemon test builds in: `node-agents` in `kube-system`. */
export function newChart(app: App = Testing.app(), props: ChartProps = { namespace: 'kube-system' }): Chart {
  return new Chart(app, 'node-agents', props);
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
