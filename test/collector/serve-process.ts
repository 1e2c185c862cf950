/** Starts `crm-note-lint serve` as a child process and waits for the URL it prints first. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/crm-note-lint.mjs', import.meta.url));

export interface ServeChild { url: string; child: ChildProcess; stderr: () => string; stop(): Promise<void> }

export function startServe(args: string[], env: Record<string, string> = {}, timeoutMs = 240_000): Promise<ServeChild> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve did not start in time: ${err}`)); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}): ${err}`)); });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        url: out.slice(0, nl).trim().replace(/\/$/, ''),
        child,
        stderr: () => err,
        stop: () => new Promise<void>((r) => {
          if (child.exitCode !== null || child.signalCode !== null) return r();
          child.once('exit', () => r());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}

export function killHard(c: ServeChild): Promise<void> {
  return new Promise((r) => {
    if (c.child.exitCode !== null || c.child.signalCode !== null) return r();
    c.child.once('exit', () => r());
    c.child.kill('SIGKILL');
  });
}
