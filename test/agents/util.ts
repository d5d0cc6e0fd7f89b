import { Chart, Testing } from 'cdk8s';
import { newChart } from '../daemon/util';

/** Builds something in a fresh `node-agents` chart (kube-system) and returns the synthesized objects. */
export function synthIn(build: (chart: Chart) => void, chart: Chart = newChart()): any[] {
  build(chart);
  return Testing.synth(chart);
}

/** The mount of the main container at `mountPath`, with its volume. */
export function mountAt(objects: any[], mountPath: string): { mount: any; volume: any } | undefined {
  const ds = objects.find(o => o.kind === 'DaemonSet');
  const pod = ds.spec.template.spec;
  const mount = (pod.containers[0].volumeMounts ?? []).find((m: any) => m.mountPath === mountPath);
  if (!mount) return undefined;
  return { mount, volume: (pod.volumes ?? []).find((v: any) => v.name === mount.name) };
}

/** The fluent-bit.conf of the single ConfigMap, as a list of sections with their key/value lines. */
export function fluentBitSections(objects: any[]): Array<{ kind: string; entries: Array<[string, string]> }> {
  const cm = objects.find(o => o.kind === 'ConfigMap');
  const text: string = cm.data['fluent-bit.conf'];
  const sections: Array<{ kind: string; entries: Array<[string, string]> }> = [];
  for (const line of text.split('\n')) {
    const header = /^\[([A-Z]+)\]$/.exec(line);
    if (header) {sections.push({ kind: header[1], entries: [] });} else if (line.trim()) {
      const [, key, value] = /^\s+(\S+)\s+(.*)$/.exec(line)!;
      sections[sections.length - 1].entries.push([key, value]);
    }
  }
  return sections;
}

/** The sections of `kind` whose `Name` is `name` (any name for SERVICE). */
export function sectionsNamed(objects: any[], kind: string, name?: string): Array<{ kind: string; entries: Array<[string, string]> }> {
  return fluentBitSections(objects).filter(x => x.kind === kind && (name === undefined || x.entries.some(([k, v]) => k === 'Name' && v === name)));
}

/** The value of `key` in the first section of `kind` whose `Name` is `name` (any name for SERVICE). */
export function sectionValue(objects: any[], kind: string, name: string | undefined, key: string): string | undefined {
  return sectionsNamed(objects, kind, name)[0]?.entries.find(([k]) => k === key)?.[1];
}
