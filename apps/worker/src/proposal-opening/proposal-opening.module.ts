import { Module } from '@nestjs/common';
import { ProposalsModule } from '@app/proposals';
import { FlagProposalsForReconfirmation, OpenProposalsAtClosing } from './proposal-opening.handlers';

/** Domain-event handlers that flag proposals after material amendments and open them at closing. */
@Module({
  imports: [ProposalsModule],
  providers: [FlagProposalsForReconfirmation, OpenProposalsAtClosing],
})
export class ProposalOpeningModule {}
