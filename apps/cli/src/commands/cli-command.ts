import { CommandRunner } from 'nest-commander';
import type { CliOutput } from '../cli-output';

/**
 * Base of every command: an error escaping `execute` is printed as one line (a stack only for
 * unexpected errors) and sets exit code 1, so nest-commander never prints a raw error.
 */
export abstract class CliCommand<O extends object = Record<string, never>> extends CommandRunner {
  protected constructor(protected readonly out: CliOutput) {
    super();
  }

  async run(params: string[], options?: O): Promise<void> {
    try {
      await this.execute(params, options ?? ({} as O));
    } catch (e) {
      this.out.failWith(e);
    }
  }

  protected abstract execute(params: string[], options: O): Promise<void>;
}
