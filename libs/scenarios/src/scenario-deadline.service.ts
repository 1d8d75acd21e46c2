import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, systemContext } from '@app/common';
import { ScenarioService } from './scenario.service';

/** Closes published scenarios whose proposal deadline has passed (揭榜截止). */
@Injectable()
export class ScenarioDeadlineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly clock: Clock,
  ) {}

  /**
   * Closes every published scenario whose deadline is at or before `now` (default: the
   * server's Clock), `batchSize` at a time, each batch in one transaction and each scenario through
   * ScenarioService.transition (audit + event). Rows another run holds are skipped (SKIP LOCKED), so
   * concurrent runs never close the same scenario twice; what is left overdue is caught up by the
   * next run. Returns how many this run closed.
   */
  async closeOverdue(now?: Date, batchSize = 100): Promise<number> {
    const at = now ?? this.clock.now();
    let closed = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (em) => {
        const rows = (await em.query(
          `SELECT id FROM scenario
            WHERE status = 'published' AND proposal_deadline <= $1::timestamptz
            ORDER BY proposal_deadline, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED`,
          [at, batchSize],
        )) as { id: string }[];
        const ctx = { ...systemContext(`close-overdue:${new Date().toISOString()}`), actor: null };
        for (const { id } of rows) {
          await this.scenarios.transition(ctx, id, 'close', { manager: em, now: at });
        }
        return rows.length;
      });
      closed += n;
      if (n < batchSize) return closed;
    }
  }
}
