import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, systemContext } from '@app/common';
import { OutboxService } from '@app/outbox';
import { DEADLINE_REMINDER_DAYS } from './reminder-jobs';

export interface DeadlineReminderSweepResult {
  /** Reminders written by this run, per day count. */
  reminders: Record<string, number>;
}

const DAY_MS = 86_400_000;

/**
 * Which reminder a deadline owes at `now`: the smallest day count whose window it is in — more than
 * the next smaller count and at most this many days ahead — or null (passed, or further than the
 * largest count). A deadline first seen 20 hours ahead gets only the 1-day reminder, never a late
 * 3-day one.
 */
export function reminderDue(
  deadline: Date,
  now: Date,
  days: readonly number[] = DEADLINE_REMINDER_DAYS,
): number | null {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return null;
  const ascending = [...days].sort((a, b) => a - b);
  return ascending.find((d) => left <= d * DAY_MS) ?? null;
}

/**
 * Proposal-deadline reminders (揭榜截止提醒): for every published scenario whose deadline is
 * DEADLINE_REMINDER_DAYS days away or less, writes `scenario.deadline_reminder` to the outbox once per
 * (scenario, deadline, day count) — claimed by a unique marker row in the event's transaction, so a
 * rerun or a concurrent sweep writes nothing twice, and an amended deadline is a new deadline with
 * reminders of its own. The notifications pipeline routes the event (vendors with drafts, followers).
 */
@Injectable()
export class DeadlineReminderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async sweep(now: Date = this.clock.now(), batchSize = 200): Promise<DeadlineReminderSweepResult> {
    const days = [...DEADLINE_REMINDER_DAYS].sort((a, b) => a - b);
    const reminders: Record<string, number> = Object.fromEntries(days.map((d) => [String(d), 0]));
    const ctx = systemContext(`deadline-reminders:${now.toISOString()}`);
    // Constants only are interpolated: the day counts come from DEADLINE_REMINDER_DAYS.
    const dueDays = `CASE ${days
      .map((d) => `WHEN s.proposal_deadline <= $1::timestamptz + interval '${Number(d)} days' THEN ${Number(d)}`)
      .join(' ')} END`;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (em) => {
        const due = (await em.query(
          `SELECT d.id, d.proposal_deadline, d.days_before FROM (
             SELECT s.id, s.proposal_deadline, ${dueDays} AS days_before
               FROM scenario s
              WHERE s.status = 'published'
                AND s.proposal_deadline > $1::timestamptz
                AND s.proposal_deadline <= $1::timestamptz + interval '${Number(days[days.length - 1])} days'
           ) d
           WHERE NOT EXISTS (SELECT 1 FROM scenario_deadline_reminder r
                              WHERE r.scenario_id = d.id AND r.proposal_deadline = d.proposal_deadline
                                AND r.days_before = d.days_before)
           ORDER BY d.proposal_deadline, d.id
           LIMIT $2`,
          [now, batchSize],
        )) as { id: string; proposal_deadline: Date; days_before: number }[];
        let written = 0;
        for (const row of due) {
          // The marker claims the reminder; a concurrent sweep waits here, then finds it taken.
          const mine = (await em.query(
            `INSERT INTO scenario_deadline_reminder (scenario_id, proposal_deadline, days_before)
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING scenario_id`,
            [row.id, row.proposal_deadline, row.days_before],
          )) as unknown[];
          if (mine.length === 0) continue;
          const eventId = await this.outbox.publish(em, ctx, {
            type: 'scenario.deadline_reminder',
            aggregateType: 'scenario',
            aggregateId: row.id,
            payload: {
              scenarioId: row.id,
              daysBefore: row.days_before,
              proposalDeadline: row.proposal_deadline.toISOString(),
            },
          });
          await em.query(
            `UPDATE scenario_deadline_reminder SET outbox_event_id = $4
              WHERE scenario_id = $1 AND proposal_deadline = $2 AND days_before = $3`,
            [row.id, row.proposal_deadline, row.days_before, eventId],
          );
          reminders[String(row.days_before)] += 1;
          written += 1;
        }
        return { selected: due.length, written };
      });
      if (claimed.selected < batchSize || claimed.written === 0) return { reminders };
    }
  }
}
