import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@app/common';
import { ScenarioEntity } from './scenario.entity';
import { type DuplicateCandidate, type VettingChecklist, vettingChecks } from './scenario-checks';
import { type ActorContext, ScenarioService } from './scenario.service';
import { ScenarioView, VettingDetailView, VettingQueueItemView } from './scenario.views';
import type { ScenarioField } from './scenario.dto';

/** Enablement-centre vetting (审核) of submitted scenarios. */
@Injectable()
export class VettingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
  ) {}

  /** Submitted scenarios, oldest submission first, with how long each has waited. */
  async queue(now = new Date()): Promise<VettingQueueItemView[]> {
    const rows = await this.dataSource.getRepository(ScenarioEntity).find({
      where: { status: 'submitted' },
      order: { submittedAt: 'ASC', id: 'ASC' },
      take: 200,
    });
    return rows.map((s) => {
      const submittedAt = s.submittedAt ?? s.updatedAt;
      return {
        id: s.id,
        code: s.code,
        title: s.title,
        domain: s.domain,
        agencyOrganisationId: s.agencyOrganisationId,
        submittedAt: submittedAt.toISOString(),
        waitingHours: Math.floor((now.getTime() - submittedAt.getTime()) / 360_000) / 10,
      };
    });
  }

  async detail(actor: Actor, id: string): Promise<VettingDetailView> {
    const em = this.dataSource.manager;
    const s = await this.scenarios.findVisible(em, actor, id);
    return { scenario: ScenarioView.of(s), checklist: await this.checklist(em, s) };
  }

  async decide(
    ctx: ActorContext,
    id: string,
    decision: 'approve' | 'return' | 'reject',
    input: { comments?: Partial<Record<ScenarioField, string>>; reason?: string },
  ): Promise<ScenarioView> {
    const s = await this.scenarios.findVisible(this.dataSource.manager, ctx.actor, id);
    const checklist = await this.checklist(this.dataSource.manager, s);
    return this.scenarios.transition(ctx, id, decision, {
      reason: input.reason ?? null,
      review: { comments: (input.comments ?? {}) as Record<string, string>, checklist },
    });
  }

  async checklist(em: EntityManager, s: ScenarioEntity): Promise<VettingChecklist> {
    return { ...vettingChecks(s), duplicates: await this.duplicates(em, s) };
  }

  /** The five most similar other non-draft scenarios (pg_trgm similarity of title + summary). */
  private async duplicates(em: EntityManager, s: ScenarioEntity): Promise<DuplicateCandidate[]> {
    const rows = (await em.query(
      `SELECT id, code, title, status, similarity(title || ' ' || coalesce(summary, ''), $2) AS similarity
         FROM scenario
        WHERE id <> $1 AND status <> 'draft'
          AND similarity(title || ' ' || coalesce(summary, ''), $2) > 0
        ORDER BY similarity DESC, id
        LIMIT 5`,
      [s.id, `${s.title} ${s.summary ?? ''}`],
    )) as (Omit<DuplicateCandidate, 'similarity'> & { similarity: number | string })[];
    return rows.map((r) => ({ ...r, similarity: Math.round(Number(r.similarity) * 1000) / 1000 }));
  }
}
