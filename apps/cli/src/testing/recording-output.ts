import type { Locale } from '@app/common';
import { CliOutput } from '../cli-output';

/** CliOutput for tests: keeps what a command printed and its exit code instead of touching the process. */
export class RecordingOutput extends CliOutput {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  exitCode = 0;
  override readonly locale: Locale = 'en';
  protected override readonly interactive = false;

  get text(): string {
    return [...this.stdout, ...this.stderr].join('');
  }

  reset(): void {
    this.stdout.length = 0;
    this.stderr.length = 0;
    this.exitCode = 0;
  }

  protected override write(stream: 'out' | 'err', text: string): void {
    (stream === 'out' ? this.stdout : this.stderr).push(text);
  }

  protected override setExitCode(code: number): void {
    this.exitCode = code;
  }
}
