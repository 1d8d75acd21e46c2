import { Injectable } from '@nestjs/common';
import { ProposalService } from '@app/proposals';

/**
 * Which scenarios a vendor organisation verifiably delivered on this platform: it took part in the
 * awarded proposal and the scenario reached accepted or demonstration. A past case linking one of
 * them shows as verified; any other case is self-declared. The proposals context owns who took
 * part in what, so the answer is its own (`ProposalService.deliveredScenarioIdsOf`).
 */
@Injectable()
export class DeliveredScenarios {
  constructor(private readonly proposals: ProposalService) {}

  idsOf(organisationId: string): Promise<string[]> {
    return this.proposals.deliveredScenarioIdsOf(organisationId);
  }
}
