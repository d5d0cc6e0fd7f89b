import { Testing } from 'cdk8s';
import { findProgram, freePort, start, Started, stop, waitForHttp } from './real-programs';
import { MetricsExporter, MetricsExporterProps, NodeExporterCollector } from '../../src/agents';
import { newChart, single } from '../daemon/util';

// Runs Debian's real node_exporter (package prometheus-node-exporter) with exactly the flags MetricsExporter
// renders, the container paths mapped back to this machine's /proc, /sys and / through the rendered
// hostPath mounts, and scrapes it.

/** The main container's args with container paths turned into host paths and $(VAR) expanded for loopback. */
function runnableArgs(props: MetricsExporterProps, port: number): string[] {
  const chart = newChart();
  new MetricsExporter(chart, 'node-metrics', props);
  const pod = single(Testing.synth(chart), 'DaemonSet').spec.template.spec;
  const container = pod.containers[0];
  const hostPathOf = new Map<string, string>(pod.volumes.filter((v: any) => v.hostPath).map((v: any) => [v.name, v.hostPath.path]));
  const mounts: Array<[string, string]> = container.volumeMounts
    .filter((m: any) => hostPathOf.has(m.name))
    .map((m: any) => [m.mountPath, hostPathOf.get(m.name)!])
    .sort((a: [string, string], b: [string, string]) => b[0].length - a[0].length);
  // status.hostIP / status.podIP become the loopback address on this machine.
  const env = new Map<string, string>(container.env.map((e: any) => [e.name, e.valueFrom?.fieldRef ? '127.0.0.1' : e.value]));
  return container.args.map((arg: string) => {
    let out = arg.replace(/\$\(([A-Z_][A-Z0-9_]*)\)/g, (_, name) => env.get(name) ?? `$(${name})`);
    const path = /^(--path\.[a-z.]+=)(\/.*)$/.exec(out);
    if (path) {
      const mount = mounts.find(([m]) => path[2] === m || path[2].startsWith(`${m}/`));
      if (mount) out = path[1] + (mount[1] + path[2].slice(mount[0].length)).replace(/^\/\//, '/');
    }
    return out.replace(/^(--web\.listen-address=\[127\.0\.0\.1\]):\d+$/, `$1:${port}`);
  });
}

const program = (): string => findProgram(['prometheus-node-exporter', 'node_exporter'], 'prometheus-node-exporter');

describe('MetricsExporter flags on the real node_exporter', () => {
  let exporter: Started | undefined;
  let metrics = '';
  let args: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    args = runnableArgs({
      enableCollectors: [NodeExporterCollector.PROCESSES],
      disableCollectors: [NodeExporterCollector.ARP, NodeExporterCollector.LOADAVG],
    }, port);
    exporter = start(program(), args);
    metrics = await waitForHttp(`http://127.0.0.1:${port}/metrics`, exporter);
  }, 30_000);

  afterAll(async () => stop(exporter));

  test('the rendered paths map to this machine and the listen address to loopback', () => {
    expect(args.slice(0, 5)).toEqual([
      '--path.procfs=/proc', '--path.sysfs=/sys', '--path.rootfs=/', '--path.udev.data=/run/udev/data',
      expect.stringMatching(/^--web\.listen-address=\[127\.0\.0\.1\]:\d+$/),
    ]);
  });

  test('serves real node CPU, memory and filesystem metrics', () => {
    expect(metrics).toMatch(/^node_cpu_seconds_total\{cpu="0",mode="idle"\} \d/m);
    expect(metrics).toMatch(/^node_memory_MemTotal_bytes \d/m);
    expect(metrics).toMatch(/^node_filesystem_size_bytes\{/m);
    expect(metrics).toMatch(/^node_scrape_collector_success\{collector="filesystem"\} 1$/m);
  });

  test('an enabled off-by-default collector runs', () => {
    expect(metrics).toMatch(/^node_scrape_collector_success\{collector="processes"\} 1$/m);
    expect(metrics).toMatch(/^node_processes_threads \d/m);
  });

  test('disabled collectors are absent', () => {
    expect(metrics).not.toMatch(/collector="arp"/);
    expect(metrics).not.toMatch(/collector="loadavg"/);
    expect(metrics).not.toMatch(/^node_load1 /m);
  });

  test('the per-pod exclusion flags are accepted and applied (no container rootfs or veth series)', () => {
    expect(args.filter(a => /mount-points-exclude|ignored-devices|device-exclude/.test(a))).toHaveLength(3);
    expect(metrics).not.toMatch(/^node_filesystem_size_bytes\{[^}]*mountpoint="\/(proc|sys|var\/lib\/kubelet\/pods)[/"]/m);
    expect(metrics).not.toMatch(/^node_network_receive_bytes_total\{device="veth/m);
  });
});

describe('disableDefaultCollectors on the real node_exporter', () => {
  let exporter: Started | undefined;
  let metrics = '';

  beforeAll(async () => {
    const port = await freePort();
    exporter = start(program(), runnableArgs({ disableDefaultCollectors: true, enableCollectors: [NodeExporterCollector.CPU] }, port));
    metrics = await waitForHttp(`http://127.0.0.1:${port}/metrics`, exporter);
  }, 30_000);

  afterAll(async () => stop(exporter));

  test('only the enabled collector reports', () => {
    const collectors = [...metrics.matchAll(/^node_scrape_collector_success\{collector="([a-z_]+)"\}/gm)].map(m => m[1]);
    expect(collectors).toEqual(['cpu']);
    expect(metrics).toMatch(/^node_cpu_seconds_total\{/m);
    expect(metrics).not.toMatch(/^node_memory_MemTotal_bytes /m);
  });
});

describe('the real-binary check itself', () => {
  test('a flag node_exporter does not know makes it exit, so a bad rendered flag fails these tests', async () => {
    const port = await freePort();
    const exporter = start(program(), runnableArgs({ extraArgs: ['--collector.no-such-collector'] }, port));
    try {
      await expect(waitForHttp(`http://127.0.0.1:${port}/metrics`, exporter, 100, 100)).rejects.toThrow(/exited before serving|no answer/);
      expect(exporter.output()).toMatch(/no-such-collector/);
    } finally {
      await stop(exporter);
    }
  }, 30_000);
});
