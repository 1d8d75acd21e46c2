import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { CommandFactory } from 'nest-commander';
import { loadConfig } from '@app/config/app-config';
import { describeError, detectLocale } from './cli-errors';

function fail(error: unknown): void {
  process.stderr.write(`${describeError(error, detectLocale())}\n`);
  process.exitCode = 1;
}

/** What AppConfigModule will validate: `.env` (if any) under the real environment. */
function environment(): Record<string, string | undefined> {
  const file = resolve(process.cwd(), '.env');
  return { ...(existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {}), ...process.env };
}

// `seed | head` closes the pipe early: the command still finishes its work, it just stops printing.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
});

async function bootstrap(): Promise<void> {
  // Checked before CliModule is even imported: importing AppConfigModule starts its validation, and
  // Nest would log a failure with a stack trace. A bad environment is one list of problems instead.
  loadConfig(environment());
  const { CliModule } = await import('./cli.module');
  await CommandFactory.run(CliModule, {
    logger: ['warn', 'error'],
    abortOnError: false,
    // Commands report their own errors (CliCommand); this catches commander-level ones.
    serviceErrorHandler: fail,
  });
}

bootstrap().catch(fail);
