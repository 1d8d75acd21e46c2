import { Command } from 'nest-commander';
import { AuditVerifier } from '@app/audit';
import { CliOutput } from '../cli-output';
import { DataContext } from '../data-context';
import { CliCommand } from './cli-command';

const REASONS = {
  hash_mismatch: "the record's stored columns no longer match its hash (the record was changed)",
  broken_link:
    'its prev_hash is not the hash of the record before it (a record before it was deleted, inserted or rewritten)',
} as const;

@Command({
  name: 'audit:verify',
  description: 'verify the hash chain of the whole audit trail (exit code 1 if tampered)',
})
export class AuditVerifyCommand extends CliCommand {
  constructor(
    out: CliOutput,
    private readonly data: DataContext,
  ) {
    super(out);
  }

  protected async execute(): Promise<void> {
    const verifier = await this.data.get(AuditVerifier);
    const report = await verifier.verify();
    if (report.ok) {
      this.out.line(`OK: ${report.checked} audit record(s) checked, chain intact`);
      // Truncation at the end is invisible to the chain itself: the head is worth writing down.
      if (report.head) this.out.line(`head: record ${report.head.id}, hash ${report.head.hash}`);
      return;
    }
    const bad = report.firstTampered!;
    this.out.fail(
      `TAMPERED: audit record ${bad.id} (${bad.reason}): ${REASONS[bad.reason]}; ${report.checked} record(s) checked`,
    );
  }
}
