import { Injectable } from '@nestjs/common';
import type { Locale } from '@app/common';
import { describeError, detectLocale } from './cli-errors';

export interface Progress {
  step: number;
  steps: number;
  label: string;
  done: number;
  total: number;
  created: number;
}

/**
 * Everything a command prints, and its exit status. Commands never touch `process` themselves, so
 * tests can run them in-process and read what they said (see testing/recording-output.ts).
 */
@Injectable()
export class CliOutput {
  readonly locale: Locale = detectLocale();
  /** Whether progress may be redrawn in place; off when output goes to a file or a pipe. */
  protected readonly interactive: boolean = Boolean(process.stdout.isTTY);

  line(text: string): void {
    this.write('out', `${text}\n`);
  }

  /** Prints a failure and makes the process exit with code 1 (after the app closes cleanly). */
  fail(text: string): void {
    this.write('err', `${text}\n`);
    this.setExitCode(1);
  }

  /** Exit code 1 without a message of its own (the output already said why). */
  markFailed(): void {
    this.setExitCode(1);
  }

  failWith(error: unknown): void {
    this.fail(describeError(error, this.locale));
  }

  /** `[3/5] vendors … 7/12`, redrawn in a terminal; only the finished line otherwise. */
  progress(p: Progress): void {
    const finished = p.done === p.total;
    const text = `[${p.step}/${p.steps}] ${p.label} … ${p.done}/${p.total}${finished ? ` (${p.created} created)` : ''}`;
    if (this.interactive) this.write('out', `\r\x1b[2K${text}${finished ? '\n' : ''}`);
    else if (finished) this.line(text);
  }

  protected write(stream: 'out' | 'err', text: string): void {
    (stream === 'out' ? process.stdout : process.stderr).write(text);
  }

  protected setExitCode(code: number): void {
    process.exitCode = code;
  }
}
