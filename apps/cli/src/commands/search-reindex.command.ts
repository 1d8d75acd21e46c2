import { Command } from 'nest-commander';
import { ScenarioSearchIndexer } from '@app/scenarios';
import { VendorSearchIndexer } from '@app/vendors';
import { CliOutput } from '../cli-output';
import { DataContext } from '../data-context';
import { CliCommand } from './cli-command';

@Command({
  name: 'search:reindex',
  description: "rebuild every scenario's and vendor profile's search vector (after an analyzer or dictionary change)",
})
export class SearchReindexCommand extends CliCommand {
  constructor(
    out: CliOutput,
    private readonly data: DataContext,
  ) {
    super(out);
  }

  protected async execute(): Promise<void> {
    const indexer = await this.data.get(ScenarioSearchIndexer);
    const started = Date.now();
    const total = await indexer.reindexAll({ onBatch: (done) => this.out.line(`… ${done} scenario(s) reindexed`) });
    const vendors = await (await this.data.get(VendorSearchIndexer)).reindexAll();
    this.out.line(
      `reindexed ${total} scenario(s) and ${vendors} vendor profile(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
}
