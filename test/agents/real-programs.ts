import { ChildProcess, spawn } from 'child_process';
import { accessSync, constants } from 'fs';
import * as http from 'http';
import * as net from 'net';
import { delimiter, join } from 'path';

/**
 * The path of a real program, searched in PATH and the sbin directories. Throws (so the test fails, never
 * skips) with the Debian package to install when it is missing.
 */
export function findProgram(names: string[], debianPackage: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error(`none of ${names.join(', ')} is installed: install the Debian package ${debianPackage} (apt-get install -y ${debianPackage}); .ci/run does this on CI`);
}

/** A TCP port free on the loopback interface right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** GETs a URL; resolves with the status and body. */
export function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, res => {
      let body = '';
      res.setEncoding('utf-8');
      res.on('data', chunk => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error(`timeout on ${url}`)));
  });
}

/** A started program, with its output kept for error messages. */
export interface Started {
  readonly child: ChildProcess;
  output(): string;
  exited(): boolean;
}

/** Starts a program in its own process group (so `stop` ends it and its children). */
export function start(program: string, args: string[]): Started {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let exited = false;
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  child.on('exit', () => (exited = true));
  return { child, output: () => output, exited: () => exited };
}

/** Ends a program started by `start` (its whole process group) and waits for it to exit. */
export async function stop(started: Started | undefined): Promise<void> {
  if (!started || started.exited() || started.child.pid === undefined) return;
  const done = new Promise(resolve => started.child.once('exit', resolve));
  process.kill(-started.child.pid, 'SIGTERM');
  await done;
}

/** Polls `url` until it answers 200, at most `attempts` times `intervalMs` apart; fails with the program's output. */
export async function waitForHttp(url: string, started: Started, attempts = 100, intervalMs = 100): Promise<string> {
  for (let i = 0; i < attempts; i++) {
    if (started.exited()) throw new Error(`the program exited before serving ${url}:\n${started.output()}`);
    try {
      const { status, body } = await httpGet(url);
      if (status === 200) return body;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(`no answer from ${url} after ${attempts} attempts:\n${started.output()}`);
}
