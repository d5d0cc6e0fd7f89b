import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Duration } from 'cdk8s';
import { findProgram, start, stop } from './real-programs';
import { synthIn } from './util';
import { HardwareRngRefresher, RngFeeder } from '../../src/agents';
import { mainContainer } from '../daemon/util';

// Runs Debian's real rngd (package rng-tools5) on the command HardwareRngRefresher renders. rngd parses its
// options in order with argp: every option before `-V` is checked (unknown options and out-of-range values
// exit 64) before `-V` prints the version and exits 0. So `<rendered command> -V` proves every rendered flag
// is accepted, on any machine, with or without /dev/hwrng.

const rngd = (): string => findProgram(['rngd'], 'rng-tools5');

function renderedCommand(feeder?: RngFeeder): string[] {
  const objects = synthIn(chart => new HardwareRngRefresher(chart, 'rng', {
    image: 'registry.example.com/rng-tools:5-4.1', nodeSelector: { feature: 'hw-rng' }, feeder,
  }));
  return mainContainer(objects).command;
}

/** Runs rngd with `args` and `-V` last; returns the exit status and output. */
function parse(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(rngd(), [...args, '-V'], { encoding: 'utf-8', timeout: 10_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('HardwareRngRefresher flags on the real rngd', () => {
  test('the default command is rngd and every flag of it is accepted', () => {
    const [program, ...args] = renderedCommand();
    expect(program).toBe('rngd');
    expect(args).toEqual(['-f', '-r', '/dev/hwrng', '-o', '/dev/random']);
    const { status, output } = parse(args);
    expect(output).toMatch(/^rngd \d/);
    expect(status).toBe(0);
  });

  test('rngDevice and fillWatermark flags are accepted', () => {
    const [, ...args] = renderedCommand(RngFeeder.rngd({ rngDevice: '/dev/hwrng0', fillWatermark: 4096 }));
    expect(args.slice(-2)).toEqual(['-W', '4096']);
    expect(parse(args).status).toBe(0);
  });

  test("the construct's fillWatermark range is rngd's own: 0 and 4096 pass both, 4097 and -1 fail both", () => {
    for (const w of [0, 4096]) {
      expect(parse(renderedCommand(RngFeeder.rngd({ fillWatermark: w })).slice(1)).status).toBe(0);
    }
    for (const w of [4097, -1]) {
      expect(() => renderedCommand(RngFeeder.rngd({ fillWatermark: w }))).toThrow(/'feeder.fillWatermark'/);
      expect(parse(['-f', '-W', String(w)]).status).not.toBe(0);
    }
  });

  test('the check can fail: rngd refuses an option it does not know', () => {
    const { status, output } = parse([...renderedCommand().slice(1), '--no-such-option']);
    expect(status).toBe(64);
    expect(output).toMatch(/unrecognized option/);
  });
});

describe('the refresh-loop script under a real shell', () => {
  test('runs the command every interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rng-loop-'));
    const [sh, flag, script] = renderedCommand(RngFeeder.refreshLoop({ command: 'echo tick >> /host_dev/ticks', interval: Duration.seconds(1) }));
    expect([sh, flag]).toEqual(['sh', '-c']);
    // The rendered script with the /dev mount path pointed at a scratch directory.
    const loop = start('/bin/sh', ['-c', script.split('/host_dev').join(dir)]);
    try {
      await new Promise(r => setTimeout(r, 2500));
      const ticks = readFileSync(join(dir, 'ticks'), 'utf-8').trim().split('\n');
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(4);
      expect(loop.exited()).toBe(false);
    } finally {
      await stop(loop);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 15_000);
});
