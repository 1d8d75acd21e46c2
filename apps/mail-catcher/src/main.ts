import { spawn } from 'node:child_process';
import { startMailCatcher } from './mail-catcher';

/**
 * `node dist/apps/mail-catcher/main.js [--smtp-port 1025] [--http-port 1080] [-- <command> [args…]]`
 *
 * Starts the local mail catcher (SMTP on 127.0.0.1:1025, web page on http://127.0.0.1:1080). With a
 * command after `--` it also runs that command (e.g. the API) and lives as long as it does: one
 * terminal, one Ctrl-C, for the quick start. If the SMTP port is taken (another catcher, Mailpit)
 * the command still starts.
 */
function parse(argv: string[]): { smtpPort: number; httpPort: number; command: string[] } {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  const option = (name: string, env: string | undefined, fallback: number) => {
    const i = own.indexOf(name);
    const raw = i !== -1 ? own[i + 1] : env;
    const n = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got ${raw}`);
    return n;
  };
  return {
    smtpPort: option('--smtp-port', process.env.MAIL_CATCHER_SMTP_PORT, 1025),
    httpPort: option('--http-port', process.env.MAIL_CATCHER_HTTP_PORT, 1080),
    command,
  };
}

async function main(): Promise<void> {
  const { smtpPort, httpPort, command } = parse(process.argv.slice(2));
  let catcher: Awaited<ReturnType<typeof startMailCatcher>> | null = null;
  try {
    catcher = await startMailCatcher({ smtpPort, httpPort });
    console.log(
      `Mail catcher: SMTP on ${catcher.host}:${catcher.smtpPort}, messages at http://${catcher.host}:${catcher.httpPort}/`,
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (command.length === 0) throw new Error(`Mail catcher could not start: ${reason}`);
    console.warn(`Mail catcher not started (${reason}); starting ${command[0]} anyway`);
  }
  const stop = async (code: number) => {
    await catcher?.close();
    process.exit(code);
  };
  if (command.length === 0) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
    return;
  }
  const child = spawn(command[0], command.slice(1), { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${command[0]}: ${error.message}`);
    void stop(1);
  });
  child.on('exit', (code, signal) => void stop(code ?? (signal ? 128 + 15 : 1)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
