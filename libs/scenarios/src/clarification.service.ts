import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { AccessError, type Actor } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import type { AnswerQuestionDto, AskQuestionDto } from './clarification.dto';
import { QuestionView } from './clarification.views';
import { EngagementError } from './engagement.errors';
import { ScenarioEntity } from './scenario.entity';
import { scenarioPolicy } from './scenario.policy';
import { ScenarioQuestionEntity } from './scenario-question.entity';
import type { ActorContext } from './scenario.service';
import type { ScenarioStatus } from './scenario-status';
import { ScenarioError } from './scenarios.errors';
import { assertVerifiedVendor } from './vendor-access';

/** Vendors ask only while proposals are open. */
const ASKABLE: readonly ScenarioStatus[] = ['published'];
/** The agency answers (or revises an answer) while proposals are open and after the deadline. */
const ANSWERABLE: readonly ScenarioStatus[] = ['published', 'closed'];

/**
 * Q&A (澄清答疑) on published scenarios. Fair clarification: a question is anonymous to everybody —
 * the public, other vendors and the agency itself; only the asker recognises it (`mine`), and the
 * centre can find the asker through the (staff-only) audit trail. Answers are public.
 */
@Injectable()
export class ClarificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** A vendor user of a verified vendor asks on a scenario open for proposals. */
  async ask(ctx: ActorContext, scenarioId: string, dto: AskQuestionDto): Promise<QuestionView> {
    return this.dataSource.transaction(async (em) => {
      const s = await this.lockVisible(em, ctx.actor, scenarioId);
      const organisationId = await assertVerifiedVendor(em, ctx.actor);
      if (!ASKABLE.includes(s.status)) throw new EngagementError('ENGAGEMENT_QUESTIONS_CLOSED', { status: s.status });
      const q = await em.save(
        em.create(ScenarioQuestionEntity, {
          scenarioId: s.id,
          askedByUserId: ctx.actor.userId,
          askedByOrganisationId: organisationId,
          question: dto.question,
          answer: null,
          answeredBy: null,
          answeredAt: null,
        }),
      );
      const saved = await em.findOneOrFail(ScenarioQuestionEntity, { where: { id: q.id } });
      // No asker identity in the event: its consumers (notifications) must not learn who asked.
      await this.outbox.publish(em, ctx, {
        type: 'scenario.question_asked',
        aggregateType: 'scenario',
        aggregateId: s.id,
        payload: { scenarioId: s.id, questionId: saved.id, agencyOrganisationId: s.agencyOrganisationId },
      });
      // The audit trail (staff only) records the asker as the actor.
      await this.audit.record(em, ctx, {
        action: 'scenario.question_ask',
        objectType: 'scenario_question',
        objectId: saved.id,
        after: { scenarioId: s.id, code: s.code, question: saved.question },
      });
      return QuestionView.forCaller(saved, ctx.actor.userId);
    });
  }

  /**
   * The questions of a scenario the caller can see, oldest first. The owning agency and the centre
   * see all of them (to answer); everybody else the answered ones plus their own unanswered ones.
   */
  async list(actor: Actor, scenarioId: string): Promise<QuestionView[]> {
    const em = this.dataSource.manager;
    const s = await em.findOne(ScenarioEntity, { where: { id: scenarioId } });
    if (!s || !scenarioPolicy.canView(actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
    const where = scenarioPolicy.seesEverything(actor, s)
      ? { scenarioId }
      : [
          { scenarioId, answer: Not(IsNull()) },
          { scenarioId, askedByUserId: actor.userId },
        ];
    const rows = await em.find(ScenarioQuestionEntity, { where, order: { askedAt: 'ASC', id: 'ASC' } });
    return rows.map((q) => QuestionView.forCaller(q, actor.userId));
  }

  /** The owning agency answers, or revises its answer, while the scenario is published or closed. */
  async answer(
    ctx: ActorContext,
    scenarioId: string,
    questionId: string,
    dto: AnswerQuestionDto,
  ): Promise<QuestionView> {
    return this.dataSource.transaction(async (em) => {
      const s = await this.lockVisible(em, ctx.actor, scenarioId);
      if (!scenarioPolicy.isOwningAgencyMember(ctx.actor, s)) throw new AccessError('ACCESS_FORBIDDEN');
      const q = await em.findOne(ScenarioQuestionEntity, {
        where: { id: questionId, scenarioId: s.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!q) throw new EngagementError('ENGAGEMENT_QUESTION_NOT_FOUND');
      if (!ANSWERABLE.includes(s.status)) throw new EngagementError('ENGAGEMENT_ANSWERS_CLOSED', { status: s.status });
      const before = { scenarioId: s.id, answer: q.answer };
      const revised = q.answer !== null;
      q.answer = dto.answer;
      q.answeredBy = ctx.actor.userId;
      q.answeredAt = new Date();
      await em.save(q);
      await this.outbox.publish(em, ctx, {
        type: 'scenario.question_answered',
        aggregateType: 'scenario',
        aggregateId: s.id,
        payload: { scenarioId: s.id, questionId: q.id, agencyOrganisationId: s.agencyOrganisationId, revised },
      });
      await this.audit.record(em, ctx, {
        action: revised ? 'scenario.question_revise_answer' : 'scenario.question_answer',
        objectType: 'scenario_question',
        objectId: q.id,
        before,
        after: { scenarioId: s.id, code: s.code, answer: q.answer },
      });
      return QuestionView.forCaller(q, ctx.actor.userId);
    });
  }

  /** The scenario, share-locked so its status cannot change meanwhile; not found unless `actor` may see it. */
  private async lockVisible(em: EntityManager, actor: Actor, id: string): Promise<ScenarioEntity> {
    const s = await em.findOne(ScenarioEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
    if (!s || !scenarioPolicy.canView(actor, s)) throw new ScenarioError('SCENARIO_NOT_FOUND');
    return s;
  }
}
