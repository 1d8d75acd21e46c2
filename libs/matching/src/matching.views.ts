import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MatchFeedbackKind, StoredMatchComponent } from './matching.entity';

export class MatchComponentView {
  @ApiProperty({ example: 'capability' })
  key: string;

  @ApiProperty({ example: 18.5 })
  points: number;

  @ApiProperty({ example: 25 })
  max: number;

  @ApiProperty({ type: 'object', additionalProperties: true })
  detail: Record<string, unknown>;
}

export class MatchedVendorView {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ description: 'Public name of the vendor organisation' })
  name: string;

  @ApiProperty({ description: '0–100' })
  score: number;

  @ApiProperty({ type: [MatchComponentView] })
  components: StoredMatchComponent[];

  @ApiProperty({ type: [String] })
  matchedTerms: string[];

  @ApiProperty({ description: 'Staff already invited this vendor to apply' })
  invited: boolean;
}

export class ScenarioMatchesView {
  @ApiProperty({ format: 'uuid' })
  scenarioId: string;

  @ApiPropertyOptional({ nullable: true, description: 'Engine version of the stored scores (null: none yet)' })
  scoringVersion: string | null;

  @ApiPropertyOptional({ nullable: true })
  computedAt: string | null;

  @ApiProperty({ type: [MatchedVendorView] })
  items: MatchedVendorView[];
}

export class RecommendedScenarioSummaryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ nullable: true })
  code: string | null;

  @ApiProperty()
  title: string;

  @ApiProperty()
  domain: string;

  @ApiPropertyOptional({ nullable: true })
  sector: string | null;

  @ApiPropertyOptional({ nullable: true })
  district: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Proposal deadline' })
  deadline: string | null;
}

export class RecommendationView {
  @ApiProperty({ type: RecommendedScenarioSummaryView })
  scenario: RecommendedScenarioSummaryView;

  @ApiProperty({ description: '0–100, after the feedback adjustment' })
  score: number;

  @ApiProperty({ description: 'The engine score before feedback' })
  engineScore: number;

  @ApiProperty({ type: [MatchComponentView], description: "The engine's components plus `feedback`" })
  components: StoredMatchComponent[];

  @ApiProperty({ type: [String] })
  matchedTerms: string[];

  @ApiPropertyOptional({ enum: ['interested', 'not_relevant'], nullable: true })
  feedback: MatchFeedbackKind | null;
}

export class RecommendationsView {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ type: [RecommendationView] })
  items: RecommendationView[];
}

export class MatchFeedbackView {
  @ApiProperty({ format: 'uuid' })
  scenarioId: string;

  @ApiProperty({ enum: ['interested', 'not_relevant'] })
  kind: MatchFeedbackKind;

  @ApiProperty()
  at: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  scenarioId: string;

  @ApiProperty({ format: 'uuid' })
  vendorOrganisationId: string;

  @ApiProperty()
  vendorName: string;

  @ApiProperty({ format: 'uuid' })
  invitedBy: string;

  @ApiPropertyOptional({ nullable: true })
  message: string | null;

  @ApiProperty()
  at: string;
}

export class InvitationListView {
  @ApiProperty({ type: [InvitationView] })
  items: InvitationView[];
}
