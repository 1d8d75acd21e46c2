import type { Readable } from 'node:stream';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MilestoneChanges } from './delivery-rules';
import { acceptanceOutcome, type AcceptanceOutcome, isOverdue } from './delivery-rules';
import type {
  AcceptanceRoundEntity,
  AcceptanceVerdictEntity,
  DeliveryEntity,
  MilestoneChangeEntity,
  MilestoneEntity,
  ProgressReportAttachmentEntity,
  ProgressReportEntity,
  TrialResultEntity,
} from './delivery.entity';
import type {
  AcceptanceParty,
  AcceptanceRoundStatus,
  AcceptanceVerdict,
  MilestoneChangeStatus,
  MilestoneParty,
  MilestoneStatus,
} from './delivery-status';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export class MilestoneChangeView {
  @ApiProperty() id: string;
  @ApiProperty() milestoneId: string;
  @ApiProperty({ enum: ['vendor', 'agency'] }) proposedByParty: MilestoneParty;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The fields that change, new values' })
  changes: MilestoneChanges;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The same fields when proposed' })
  before: MilestoneChanges;
  @ApiProperty({ enum: ['proposed', 'agreed', 'refused'] }) status: MilestoneChangeStatus;
  @ApiPropertyOptional({ nullable: true }) answerComment: string | null;
  @ApiProperty() proposedAt: string;
  @ApiPropertyOptional({ nullable: true }) answeredAt: string | null;

  static of(c: MilestoneChangeEntity): MilestoneChangeView {
    return {
      id: c.id,
      milestoneId: c.milestoneId,
      proposedByParty: c.proposedByParty,
      reason: c.reason,
      changes: c.changes,
      before: c.before,
      status: c.status,
      answerComment: c.answerComment,
      proposedAt: c.createdAt.toISOString(),
      answeredAt: iso(c.answeredAt),
    };
  }
}

export class MilestoneView {
  @ApiProperty() id: string;
  @ApiProperty() deliveryId: string;
  @ApiProperty() seq: number;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026-09-30', description: 'A calendar day in Huzhou' }) dueDate: string;
  @ApiProperty() deliverables: string;
  @ApiPropertyOptional({ nullable: true }) paymentPercent: number | null;
  @ApiProperty({ enum: ['pending', 'reported', 'completed'] }) status: MilestoneStatus;
  @ApiProperty({ description: 'Derived from server time: pending after its due day ended (Huzhou)' })
  overdue: boolean;
  @ApiPropertyOptional({ nullable: true }) reportedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why the agency last returned it' }) returnReason: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [MilestoneChangeView], description: 'Proposed changes, oldest first' })
  changes: MilestoneChangeView[];

  static of(m: MilestoneEntity, now: Date, changes: MilestoneChangeEntity[] = []): MilestoneView {
    return {
      id: m.id,
      deliveryId: m.deliveryId,
      seq: m.seq,
      title: m.title,
      dueDate: m.dueDate,
      deliverables: m.deliverables,
      paymentPercent: m.paymentPercent,
      status: m.status,
      overdue: isOverdue(m, now),
      reportedAt: iso(m.reportedAt),
      completedAt: iso(m.completedAt),
      returnReason: m.returnReason,
      version: m.version,
      changes: changes.map((c) => MilestoneChangeView.of(c)),
    };
  }
}

export class ProgressAttachmentView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '阶段测试报告.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256: string;
  @ApiProperty() createdAt: string;

  static of(a: ProgressReportAttachmentEntity): ProgressAttachmentView {
    return {
      id: a.id,
      fileName: a.fileName,
      mediaType: a.mediaType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      createdAt: a.createdAt.toISOString(),
    };
  }
}

/** A progress report's file to send: metadata and a stream of its bytes (consume or destroy it). */
export interface ProgressAttachmentDownload {
  attachment: ProgressAttachmentView;
  content: Readable;
}

export class ProgressReportView {
  @ApiProperty() id: string;
  @ApiProperty() deliveryId: string;
  @ApiPropertyOptional({ nullable: true }) milestoneId: string | null;
  @ApiProperty() text: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) percentComplete: number;
  @ApiProperty() organisationId: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [ProgressAttachmentView] }) attachments: ProgressAttachmentView[];

  static of(r: ProgressReportEntity, attachments: ProgressReportAttachmentEntity[] = []): ProgressReportView {
    return {
      id: r.id,
      deliveryId: r.deliveryId,
      milestoneId: r.milestoneId,
      text: r.text,
      percentComplete: r.percentComplete,
      organisationId: r.organisationId,
      createdAt: r.createdAt.toISOString(),
      attachments: attachments.map((a) => ProgressAttachmentView.of(a)),
    };
  }
}

export class DeliveryMemberView {
  @ApiProperty() organisationId: string;
  @ApiProperty() nameZh: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: 'lead' | 'member';
}

export class DeliveryView {
  @ApiProperty() id: string;
  @ApiProperty() scenarioId: string;
  @ApiProperty() proposalId: string;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty({ type: [DeliveryMemberView] }) members: DeliveryMemberView[];
  @ApiPropertyOptional({ nullable: true, description: 'The awarded amount (yuan)' }) amountYuan: number | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: [MilestoneView] }) milestones: MilestoneView[];
  @ApiProperty({ type: [ProgressReportView], description: 'Newest last' }) reports: ProgressReportView[];

  static of(
    d: DeliveryEntity,
    names: Map<string, string>,
    milestones: MilestoneView[],
    reports: ProgressReportView[],
  ): DeliveryView {
    return {
      id: d.id,
      scenarioId: d.scenarioId,
      proposalId: d.proposalId,
      leadOrganisationId: d.leadOrganisationId,
      members: d.memberOrganisationIds.map((organisationId) => ({
        organisationId,
        nameZh: names.get(organisationId) ?? '',
        role: organisationId === d.leadOrganisationId ? 'lead' : 'member',
      })),
      amountYuan: d.amountYuan,
      startedAt: d.startedAt.toISOString(),
      milestones,
      reports,
    };
  }
}

export class TrialResultView {
  @ApiProperty() id: string;
  @ApiProperty() scenarioId: string;
  @ApiPropertyOptional({ nullable: true }) deliveryId: string | null;
  @ApiProperty() metric: string;
  @ApiProperty() baseline: string;
  @ApiProperty() target: string;
  @ApiProperty() unit: string;
  @ApiProperty() measuredValue: string;
  @ApiProperty() met: boolean;
  @ApiProperty() method: string;
  @ApiPropertyOptional({ nullable: true }) notes: string | null;
  @ApiProperty() measuredAt: string;
  @ApiProperty({ enum: ['agency', 'centre'] }) recordedByParty: AcceptanceParty;
  @ApiProperty() recordedAt: string;

  static of(t: TrialResultEntity): TrialResultView {
    return {
      id: t.id,
      scenarioId: t.scenarioId,
      deliveryId: t.deliveryId,
      metric: t.metric,
      baseline: t.baseline,
      target: t.target,
      unit: t.unit,
      measuredValue: t.measuredValue,
      met: t.met,
      method: t.method,
      notes: t.notes,
      measuredAt: t.measuredAt.toISOString(),
      recordedByParty: t.recordedByParty,
      recordedAt: t.createdAt.toISOString(),
    };
  }
}

export class AcceptanceVerdictView {
  @ApiProperty({ enum: ['agency', 'centre'] }) party: AcceptanceParty;
  @ApiProperty({ enum: ['met', 'partially_met', 'not_met'] }) verdict: AcceptanceVerdict;
  @ApiPropertyOptional({ nullable: true }) comments: string | null;
  @ApiProperty() recordedAt: string;

  static of(v: AcceptanceVerdictEntity): AcceptanceVerdictView {
    return { party: v.party, verdict: v.verdict, comments: v.comments, recordedAt: v.recordedAt.toISOString() };
  }
}

export class AcceptanceRoundView {
  @ApiProperty() roundNo: number;
  @ApiProperty({ enum: ['open', 'accepted', 'not_met'] }) status: AcceptanceRoundStatus;
  @ApiProperty({
    enum: ['awaiting_verdicts', 'acceptable', 'not_met'],
    description: 'What the verdicts allow: staff may accept when acceptable',
  })
  outcome: AcceptanceOutcome;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional({ nullable: true }) closedAt: string | null;
  @ApiProperty({ type: [AcceptanceVerdictView] }) verdicts: AcceptanceVerdictView[];

  static of(r: AcceptanceRoundEntity, verdicts: AcceptanceVerdictEntity[]): AcceptanceRoundView {
    const given = Object.fromEntries(verdicts.map((v) => [v.party, v.verdict]));
    return {
      roundNo: r.roundNo,
      status: r.status,
      outcome: acceptanceOutcome(given),
      openedAt: r.openedAt.toISOString(),
      closedAt: iso(r.closedAt),
      verdicts: verdicts
        .slice()
        .sort((a, b) => a.party.localeCompare(b.party))
        .map((v) => AcceptanceVerdictView.of(v)),
    };
  }
}

export class ReplicationView {
  @ApiProperty({ description: 'The new draft' }) scenarioId: string;
  @ApiProperty() agencyOrganisationId: string;
  @ApiProperty() createdAt: string;
}

export class DemonstrationView {
  @ApiProperty() citation: string;
  @ApiProperty() designatedAt: string;
  @ApiProperty({ description: 'Scenarios created from this one (replications)' }) replicationCount: number;
  @ApiPropertyOptional({
    type: [ReplicationView],
    description: 'The replications themselves: for the owning agency and the centre only',
  })
  replications?: ReplicationView[];
}

/** Everything about a scenario's delivery that the caller may see. */
export class DeliveryOverviewView {
  @ApiProperty() scenarioId: string;
  @ApiProperty() scenarioStatus: string;
  @ApiProperty({ type: [DeliveryView], description: 'A vendor sees only the delivery it takes part in' })
  deliveries: DeliveryView[];
  @ApiProperty({ type: [TrialResultView], description: 'Oldest measurement first' }) trialResults: TrialResultView[];
  @ApiProperty({ type: [AcceptanceRoundView], description: 'Oldest round first' })
  acceptanceRounds: AcceptanceRoundView[];
  @ApiPropertyOptional({ type: DemonstrationView, nullable: true }) demonstration: DemonstrationView | null;
}

/** Start of delivery: the scenario's new status and the deliveries created. */
export class DeliveryStartView {
  @ApiProperty() scenarioId: string;
  @ApiProperty() scenarioStatus: string;
  @ApiProperty({ type: [DeliveryView] }) deliveries: DeliveryView[];
}
