import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BatchStatus } from './batch-status';
import type { BatchPublicationError, ScenarioBatchEntity } from './batch.entity';
import type { ScenarioEntity } from './scenario.entity';
import type { ScenarioStatus } from './scenario-status';

export class BatchView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ example: 3 }) number: number;
  @ApiProperty({ example: '2026年第3批场景机会清单' }) title: string;
  @ApiProperty({ enum: ['draft', 'scheduled', 'published'] }) status: BatchStatus;
  @ApiPropertyOptional({ nullable: true }) publishAt: string | null;
  @ApiPropertyOptional({ nullable: true }) publishedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Why the last scheduled publication was refused: {code, params, publishAt, at}',
  })
  publicationError: BatchPublicationError | null;

  static of(b: ScenarioBatchEntity): BatchView {
    return {
      id: b.id,
      year: b.year,
      number: b.number,
      title: b.title,
      status: b.status,
      publishAt: b.publishAt?.toISOString() ?? null,
      publishedAt: b.publishedAt?.toISOString() ?? null,
      createdAt: b.createdAt.toISOString(),
      publicationError: b.publicationError,
    };
  }
}

export class BatchScenarioView {
  @ApiProperty() id: string;
  @ApiPropertyOptional({ nullable: true }) code: string | null;
  @ApiProperty() title: string;
  @ApiProperty() status: ScenarioStatus;
  @ApiPropertyOptional({ nullable: true }) proposalDeadline: string | null;

  static of(s: ScenarioEntity): BatchScenarioView {
    return {
      id: s.id,
      code: s.code,
      title: s.title,
      status: s.status,
      proposalDeadline: s.proposalDeadline?.toISOString() ?? null,
    };
  }
}

export class BatchDetailView extends BatchView {
  @ApiProperty({ type: [BatchScenarioView] }) scenarios: BatchScenarioView[];
}
