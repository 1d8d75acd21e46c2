import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldDiff } from './amendment-diff';
import type { ScenarioAmendmentEntity } from './amendment.entity';
import { ScenarioView } from './scenario.views';

/** One amendment in the public history: never who made it. */
export class AmendmentSummaryView {
  @ApiProperty({ description: '1, 2, 3 … per scenario' }) no: number;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [String], description: 'Fields that changed (private ones included, without values)' })
  changedFields: string[];
  @ApiProperty({ description: 'Budget, deadline, KPIs or requirements changed: proposals must be re-confirmed' })
  material: boolean;
  @ApiProperty({ description: 'The proposal deadline is later than before' }) deadlineExtended: boolean;
  @ApiProperty() amendedAt: string;

  static of(
    a: Pick<
      ScenarioAmendmentEntity,
      'amendmentNo' | 'reason' | 'changedFields' | 'material' | 'deadlineExtended' | 'amendedAt'
    >,
  ): AmendmentSummaryView {
    return {
      no: a.amendmentNo,
      reason: a.reason,
      changedFields: a.changedFields,
      material: a.material,
      deadlineExtended: a.deadlineExtended,
      amendedAt: a.amendedAt.toISOString(),
    };
  }
}

export class FieldDiffView {
  @ApiProperty() field: string;
  @ApiPropertyOptional({ description: 'Absent when hidden' }) before?: unknown;
  @ApiPropertyOptional({ description: 'Absent when hidden' }) after?: unknown;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object', properties: { op: { enum: ['equal', 'insert', 'delete'] }, text: { type: 'string' } } },
    description: 'Text fields: character-level changes',
  })
  changes?: FieldDiff['changes'];
  @ApiPropertyOptional({ description: 'Changed, but the values are private' }) hidden?: true;
}

/** An amendment with the field-level differences between the versions before and after it. */
export class AmendmentDiffView extends AmendmentSummaryView {
  @ApiProperty() fromVersion: number;
  @ApiProperty() toVersion: number;
  @ApiProperty({ type: [FieldDiffView] }) diff: FieldDiff[];
}

/** What the owning agency and the centre see: who amended, and the deadline before and after. */
export class AmendmentDetailView extends AmendmentDiffView {
  @ApiProperty() amendedBy: string;
  @ApiPropertyOptional({ nullable: true }) deadlineBefore: string | null;
  @ApiPropertyOptional({ nullable: true }) deadlineAfter: string | null;
}

export class AmendmentResultView {
  @ApiProperty({ type: AmendmentDetailView }) amendment: AmendmentDetailView;
  @ApiProperty({ type: ScenarioView }) scenario: ScenarioView;
}
