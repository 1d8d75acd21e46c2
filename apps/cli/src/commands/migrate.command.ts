import { Command, Option } from 'nest-commander';
import { CliError } from '../cli-errors';
import { CliOutput } from '../cli-output';
import { MigrationRunner } from '../migrate/migration-runner';
import { CliCommand } from './cli-command';

interface MigrateOptions {
  revert?: boolean;
  status?: boolean;
}

@Command({
  name: 'migrate',
  description:
    'create the database if missing and apply pending migrations (--revert undoes the last, --status lists pending)',
})
export class MigrateCommand extends CliCommand<MigrateOptions> {
  constructor(
    out: CliOutput,
    private readonly migrations: MigrationRunner,
  ) {
    super(out);
  }

  protected async execute(_params: string[], options: MigrateOptions): Promise<void> {
    if (options.revert && options.status)
      throw new CliError('CLI_CONFLICTING_OPTIONS', { options: '--revert, --status' });
    if (options.status) return this.status();
    if (options.revert) return this.revert();
    const { databaseCreated, applied } = await this.migrations.apply();
    if (databaseCreated) this.out.line('created database');
    for (const name of applied) this.out.line(`applied   ${name}`);
    this.out.line(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
  }

  private async revert(): Promise<void> {
    const name = await this.migrations.revert();
    this.out.line(name ? `reverted  ${name}` : 'no migration to revert');
  }

  /** Exit code 1 while anything is pending, so deploy scripts can gate on it. */
  private async status(): Promise<void> {
    const { database, exists, pending } = await this.migrations.status();
    if (!exists) this.out.line(`database ${database} does not exist`);
    for (const name of pending) this.out.line(`pending   ${name}`);
    if (pending.length) {
      this.out.line(`${pending.length} migration(s) pending`);
      this.out.markFailed();
    } else {
      this.out.line(`database ${database} is up to date`);
    }
  }

  @Option({ flags: '--revert', description: 'undo the last applied migration' })
  parseRevert(): boolean {
    return true;
  }

  @Option({ flags: '--status', description: 'list pending migrations; exit code 1 if there are any' })
  parseStatus(): boolean {
    return true;
  }
}
