import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ScenarioDoc, VendorDoc } from './engine';

/** A verified vendor's analysed profile (the engine's VendorDoc), kept while it is eligible for matching. */
@Entity('match_vendor_doc')
export class MatchVendorDocEntity {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('jsonb')
  doc: VendorDoc;

  @Column('real', { name: 'doc_length' })
  docLength: number;

  @Column('int', { name: 'profile_version' })
  profileVersion: number;

  @Column('int', { name: 'accepted_deliveries' })
  acceptedDeliveries: number;

  @Column('text', { name: 'scoring_version' })
  scoringVersion: string;

  @Column('timestamptz', { name: 'analysed_at' })
  analysedAt: Date;
}

/** A vendor's candidate-generation postings (vendorPostingWeights). */
@Entity('match_vendor_posting')
export class MatchVendorPostingEntity {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('text')
  term: string;

  @Column('real')
  weight: number;
}

/** A scenario's analysed text (the engine's ScenarioDoc) as of `scenarioVersion`. */
@Entity('match_scenario_doc')
export class MatchScenarioDocEntity {
  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('jsonb')
  doc: ScenarioDoc;

  @Column('int', { name: 'scenario_version' })
  scenarioVersion: number;

  @Column('text', { name: 'scoring_version' })
  scoringVersion: string;

  @Column('timestamptz', { name: 'analysed_at' })
  analysedAt: Date;
}

/** An open scenario's query weights (scenarioQueryWeights): a vendor is ranked against open scenarios by them. */
@Entity('match_scenario_posting')
export class MatchScenarioPostingEntity {
  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @PrimaryColumn('text')
  term: string;

  @Column('real')
  weight: number;
}

/** The vendor corpus: document count and total length (one row). */
@Entity('match_corpus')
export class MatchCorpusEntity {
  @PrimaryColumn('smallint')
  id: number;

  @Column('int', { name: 'doc_count' })
  docCount: number;

  @Column('double precision', { name: 'total_length' })
  totalLength: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}

/** Document frequency of a term over vendor documents. */
@Entity('match_term_df')
export class MatchTermDfEntity {
  @PrimaryColumn('text')
  term: string;

  @Column('int')
  df: number;
}

/** Stored component of a score: the engine's, as it explained it. */
export interface StoredMatchComponent {
  key: string;
  points: number;
  max: number;
  detail: Record<string, unknown>;
}

/** The exact score of a (scenario, vendor) pair, with its explanation and the engine version. */
@Entity('match_score')
export class MatchScoreEntity {
  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @PrimaryColumn('uuid', { name: 'vendor_organisation_id' })
  vendorOrganisationId: string;

  @Column('real')
  score: number;

  @Column('jsonb')
  components: StoredMatchComponent[];

  @Column('text', { name: 'matched_terms', array: true })
  matchedTerms: string[];

  @Column('text', { name: 'scoring_version' })
  scoringVersion: string;

  /** Among the scenario's best MATCH_STORE_TOP_N vendors. */
  @Column('boolean', { name: 'in_scenario_top' })
  inScenarioTop: boolean;

  /** Among the vendor's best MATCH_STORE_TOP_N open scenarios. */
  @Column('boolean', { name: 'in_vendor_top' })
  inVendorTop: boolean;

  @Column('timestamptz', { name: 'computed_at' })
  computedAt: Date;
}

export const MATCH_FEEDBACK_KINDS = ['interested', 'not_relevant'] as const;
export type MatchFeedbackKind = (typeof MATCH_FEEDBACK_KINDS)[number];

/** A vendor's feedback on a recommended scenario (one per vendor and scenario; the last one counts). */
@Entity('match_feedback')
export class MatchFeedbackEntity {
  @PrimaryColumn('uuid', { name: 'vendor_organisation_id' })
  vendorOrganisationId: string;

  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('text')
  kind: MatchFeedbackKind;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** Staff invited a vendor to apply to a published scenario (邀请揭榜); once per scenario and vendor. */
@Entity('match_invitation')
export class MatchInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('uuid', { name: 'vendor_organisation_id' })
  vendorOrganisationId: string;

  @Column('uuid', { name: 'invited_by' })
  invitedBy: string;

  @Column('text', { nullable: true })
  message: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

export const MATCHING_ENTITIES = [
  MatchVendorDocEntity,
  MatchVendorPostingEntity,
  MatchScenarioDocEntity,
  MatchScenarioPostingEntity,
  MatchCorpusEntity,
  MatchTermDfEntity,
  MatchScoreEntity,
  MatchFeedbackEntity,
  MatchInvitationEntity,
];
