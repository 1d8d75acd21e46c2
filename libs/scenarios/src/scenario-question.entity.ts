import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A vendor's clarification question on a published scenario and the owning agency's answer. Who
 * asked is stored only so the asker can recognise their own question: no view ever shows it.
 */
@Entity('scenario_question')
export class ScenarioQuestionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @Column('uuid', { name: 'asked_by_user_id' })
  askedByUserId: string;

  @Column('uuid', { name: 'asked_by_organisation_id' })
  askedByOrganisationId: string;

  @Column('text')
  question: string;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('uuid', { name: 'answered_by', nullable: true })
  answeredBy: string | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @Column('timestamptz', { name: 'asked_at', default: () => 'now()' })
  askedAt: Date;
}
