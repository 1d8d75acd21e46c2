import type { Readable } from 'node:stream';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProposalContent, ProposalDraftContent } from './proposal-content';
import type { ProposalMemberRole, ProposalMemberStatus, ReceiptDocument } from './proposal.entity';
import type { ProposalStatus } from './proposal-status';

export class ProposalMemberView {
  @ApiProperty() organisationId: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: ProposalMemberRole;
  @ApiProperty({ enum: ['invited', 'confirmed', 'declined'] }) status: ProposalMemberStatus;
  @ApiProperty() invitedAt: string;
  @ApiPropertyOptional({ nullable: true }) confirmedAt: string | null;
}

export class ProposalAttachmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '技术方案.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex (as on the receipt)' }) sha256: string;
  @ApiProperty() createdAt: string;
}

/** An attachment to send: its metadata and a stream of its (unsealed) bytes; consume or destroy it. */
export interface ProposalAttachmentDownload {
  attachment: ProposalAttachmentView;
  content: Readable;
}

/** A whole proposal: for its vendors at any time; for staff and the owning agency once opened. */
export class ProposalView {
  @ApiProperty() id: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty() status: ProposalStatus;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ nullable: true, description: 'Last submission or re-confirmation (server time)' })
  submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'SHA-256 of the current receipt' })
  receiptSha256: string | null;
  @ApiProperty({ type: [ProposalMemberView] }) members: ProposalMemberView[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'technicalApproach, kpiResponses, team, priceYuan, priceBreakdown, milestones, references, trialPlan',
  })
  content: ProposalDraftContent;
  @ApiProperty({ type: [ProposalAttachmentView] }) attachments: ProposalAttachmentView[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** A proposal the caller's organisation takes part in (its list): no content. */
export class ProposalSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() scenarioId: string;
  @ApiPropertyOptional({ nullable: true }) scenarioCode: string | null;
  @ApiProperty() scenarioTitle: string;
  @ApiPropertyOptional({ nullable: true }) proposalDeadline: string | null;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty({ enum: ['lead', 'member'], description: "The caller's organisation's part" })
  role: ProposalMemberRole;
  @ApiProperty({ enum: ['invited', 'confirmed'] }) memberStatus: ProposalMemberStatus;
  @ApiProperty() status: ProposalStatus;
  @ApiPropertyOptional({ nullable: true }) submittedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

/** A scenario's proposals: before opening only how many were submitted; after it, the opened ones. */
export class ScenarioProposalsView {
  @ApiProperty({ description: 'True until the deadline has passed and the scenario is closed' }) sealed: boolean;
  @ApiProperty({ description: 'Submitted (and, after a material amendment, re-confirmed) proposals' })
  submittedCount: number;
  @ApiPropertyOptional({ description: 'After opening: proposals not opened (not re-confirmed in time)' })
  notOpenedCount?: number;
  @ApiPropertyOptional({ type: [ProposalView], description: 'After opening only' })
  proposals?: ProposalView[];
}

export class ReceiptMemberView {
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: ProposalMemberRole;
}

export class ReceiptAttachmentView {
  @ApiProperty() id: string;
  @ApiProperty() sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() mediaType: string;
}

/** The receipt (回执) of the last submission or re-confirmation: `receiptSha256` is the hash of the rest. */
export class ReceiptView {
  @ApiProperty() receiptId: string;
  @ApiProperty({ enum: ['submission', 'reconfirmation'] }) kind: ReceiptDocument['kind'];
  @ApiProperty() proposalId: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty({ type: [ReceiptMemberView] }) members: ReceiptMemberView[];
  @ApiProperty({ description: 'Server time of the submission' }) issuedAt: string;
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of the content' }) contentSha256: string;
  @ApiProperty({ type: [ReceiptAttachmentView] }) attachments: ReceiptAttachmentView[];
  @ApiProperty({ description: 'SHA-256 of the canonical JSON of every other field' }) receiptSha256: string;
  @ApiProperty({ description: 'How the hashes are computed' }) algorithm: string;

  static of(document: ReceiptDocument, receiptSha256: string): ReceiptView {
    return { ...document, receiptSha256, algorithm: RECEIPT_ALGORITHM };
  }
}

export const RECEIPT_ALGORITHM =
  'sha256(canonical JSON: keys sorted at every depth, no whitespace); receiptSha256 covers every field but itself and algorithm';

export class HashCheckView {
  @ApiProperty() expectedSha256: string;
  @ApiPropertyOptional({ nullable: true, description: 'Null when the stored data is missing or cannot be unsealed' })
  actualSha256: string | null;
  @ApiProperty() matches: boolean;
}

export class AttachmentCheckView extends HashCheckView {
  @ApiProperty() id: string;
}

/** Staff's check of a receipt against what is stored now. */
export class ReceiptVerificationView {
  @ApiProperty() proposalId: string;
  @ApiProperty() proposalStatus: ProposalStatus;
  @ApiProperty() receiptId: string;
  @ApiProperty() receiptSha256: string;
  @ApiProperty() checkedAt: string;
  @ApiProperty({ description: 'Every check passed' }) valid: boolean;
  @ApiProperty({ description: 'The stored receipt still hashes to its receiptSha256' }) receiptIntact: boolean;
  @ApiProperty({ description: 'The audit trail recorded this receipt hash when it was issued' })
  auditRecordMatches: boolean;
  @ApiProperty({ type: HashCheckView }) content: HashCheckView;
  @ApiProperty({ type: [AttachmentCheckView] }) attachments: AttachmentCheckView[];
  @ApiProperty({ type: [String], description: 'Attachments stored now that the receipt does not name' })
  unexpectedAttachmentIds: string[];
  @ApiPropertyOptional({
    enum: ['current', 'superseded', 'unknown'],
    description: "The vendor's receipt hash, when given: the current receipt, an earlier one, or never issued",
  })
  vendorCopy?: 'current' | 'superseded' | 'unknown';
}

/** An opened proposal as the evaluation context reads it (it applies its own access rules). */
export interface OpenedProposal {
  id: string;
  scenarioId: string;
  leadOrganisationId: string;
  /** The lead and the members who confirmed. */
  members: { organisationId: string; nameZh: string; role: ProposalMemberRole }[];
  status: ProposalStatus;
  submittedAt: Date;
  content: ProposalContent;
  attachments: { id: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string }[];
}
