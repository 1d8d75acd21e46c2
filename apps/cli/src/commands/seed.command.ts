import { Command, Option } from 'nest-commander';
import { CliOutput } from '../cli-output';
import { DataContext } from '../data-context';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../seed/demo-data';
import { DemoSeeder } from '../seed/demo-seeder';
import { CliCommand } from './cli-command';

interface SeedOptions {
  allowProduction?: boolean;
}

@Command({
  name: 'seed',
  description:
    'load the taxonomy and the Huzhou demo organisations, accounts and scenarios (published in a batch; safe to run again)',
})
export class SeedCommand extends CliCommand<SeedOptions> {
  constructor(
    out: CliOutput,
    private readonly data: DataContext,
  ) {
    super(out);
  }

  protected async execute(_params: string[], options: SeedOptions): Promise<void> {
    const seeder = await this.data.get(DemoSeeder);
    const report = await seeder.seed({
      allowProduction: options.allowProduction,
      onProgress: (p) => this.out.progress(p),
    });
    this.out.line(
      `${report.created} created (taxonomy terms ${report.taxonomyTermsChanged}, organisations ${report.organisationsCreated}, users ${report.usersCreated}, scenarios ${report.scenariosCreated}, batches ${report.batchesCreated}, vendor profiles ${report.vendorProfilesCreated}, earlier-batch scenarios ${report.historicScenariosCreated}, proposals ${report.proposalsCreated})`,
    );
    this.out.line(`demo accounts (password ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS)
      this.out.line(`  ${a.role.padEnd(15)} ${a.email.padEnd(38)} ${a.organisation ?? '—'}`);
  }

  @Option({ flags: '--allow-production', description: 'seed even with NODE_ENV=production' })
  parseAllowProduction(): boolean {
    return true;
  }
}
