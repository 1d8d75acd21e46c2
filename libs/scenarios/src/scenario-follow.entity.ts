import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A vendor user following a scenario; the owning agency and the centre see only how many do. */
@Entity('scenario_follow')
export class ScenarioFollowEntity {
  @PrimaryColumn('uuid', { name: 'scenario_id' })
  scenarioId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
