import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');

/**
 * The real worker process (`apps/worker/src/main.ts` under ts-node), with `env` on top of this
 * process's environment. Its stderr and warnings go to this process's stderr (prefixed), so a crash is seen.
 */
export function spawnWorker(env: Record<string, string>, label = 'worker'): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.SX_WORKER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SX_WORKER_CPU_PROF}`] : []),
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      'apps/worker/src/main.ts',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_SWC: 'true', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const relay = (chunk: Buffer) => {
    const text = chunk.toString('utf8').trim();
    if (text && process.env.SX_TEST_WORKER_LOGS) process.stderr.write(`[${label} ${child.pid}] ${text}\n`);
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  return child;
}

/** SIGKILL (no shutdown hooks), resolves once the process is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** SIGTERM (graceful), then SIGKILL after `ms`; resolves with how it ended and how long it took. */
export async function stopGracefully(
  child: ChildProcess,
  ms = 15_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; tookMs: number }> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) {
    return { code: child.exitCode, signal: child.signalCode, tookMs: 0 };
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const result = await exited;
  clearTimeout(timer);
  return { ...result, tookMs: Date.now() - started };
}
