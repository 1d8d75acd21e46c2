import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, Clock, type RequestContext, ValidationFailedError } from '@app/common';
import { AuditService } from '@app/audit';
import { AppConfig } from '@app/config';
import { OutboxService } from '@app/outbox';
import {
  changedSnapshotFields,
  deadlineAfterAmendment,
  diffSnapshots,
  isMaterialAmendment,
  type ScenarioSnapshot,
  snapshotOf,
} from './amendment-diff';
import type { AmendScenarioDto } from './amendment.dto';
import { ScenarioAmendmentEntity, ScenarioVersionEntity } from './amendment.entity';
import {
  AmendmentDetailView,
  type AmendmentDiffView,
  AmendmentResultView,
  AmendmentSummaryView,
} from './amendment.views';
import { listPublicAmendments } from './amendment-history';
import { submissionViolations } from './scenario-checks';
import { writeScenarioSearchVector } from './scenario-search';
import { scenarioPolicy } from './scenario.policy';
import { applyScenarioFields, ScenarioService } from './scenario.service';
import { ScenarioView } from './scenario.views';
import { ScenarioError } from './scenarios.errors';
import { AmendmentError } from './amendment.errors';
import { PublicScenarioService } from './public-scenarios.service';

type ActorContext = RequestContext & { actor: Actor };

export interface AmendOptions {
  /** The clock for the deadline rules and timestamps (tests pass a fixed time). */
  now?: Date;
}

/** An amendment number from a path: anything but a positive integer names no amendment. */
function amendmentNo(raw: string): number {
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new AmendmentError('AMENDMENT_NOT_FOUND');
  return Number(raw);
}

/**
 * Amendments (变更) to published scenarios: the owning agency changes fields with a reason; every
 * version is kept and the differences can be read, with private fields redacted for the public.
 */
@Injectable()
export class AmendmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    private readonly scenarios: ScenarioService,
    private readonly publicScenarios: PublicScenarioService,
    private readonly clock: Clock,
  ) {}

  /**
   * Amends a published scenario of the caller's agency, based on the version the caller read. The
   * result must pass the submission rules; a material change close to the deadline extends it.
   */
  async amend(ctx: ActorContext, id: string, dto: AmendScenarioDto, options: AmendOptions = {}) {
    return this.dataSource.transaction(async (em): Promise<AmendmentResultView> => {
      const s = await this.scenarios.lockOwnedForChange(em, ctx.actor, id);
      if (s.status !== 'published') throw new AmendmentError('AMENDMENT_SCENARIO_NOT_PUBLISHED', { status: s.status });
      if (s.version !== dto.version) {
        throw new ScenarioError('SCENARIO_VERSION_CONFLICT', { current: s.version }, 'version');
      }
      const now = options.now ?? this.clock.now();
      const before = snapshotOf(s);
      const deadlineBefore = s.proposalDeadline;
      const summaryBefore = { code: s.code, status: s.status, title: s.title, version: s.version };

      applyScenarioFields(s, dto.changes);
      const requested = changedSnapshotFields(before, snapshotOf(s));
      if (requested.length === 0) {
        throw new ValidationFailedError([{ field: 'changes', rule: 'amendment.no_change' }]);
      }
      const violations = submissionViolations(s, now);
      if (violations.length) {
        throw new ValidationFailedError(violations.map((v) => ({ ...v, field: `changes.${v.field}` })));
      }
      const material = isMaterialAmendment(requested);
      s.proposalDeadline = deadlineAfterAmendment({
        material,
        requested: s.proposalDeadline,
        now,
        minNoticeDays: this.config.AMENDMENT_MIN_NOTICE_DAYS,
      });
      const after = snapshotOf(s);
      const changedFields = changedSnapshotFields(before, after);
      const deadlineExtended =
        !!deadlineBefore && !!s.proposalDeadline && s.proposalDeadline.getTime() > deadlineBefore.getTime();

      s.version += 1;
      await em.save(s);
      await writeScenarioSearchVector(em, s);

      // Version 1 (as published) is written lazily, at the first amendment.
      const [{ last }] = (await em.query(
        `SELECT max(version_no)::int AS last FROM scenario_version WHERE scenario_id = $1`,
        [s.id],
      )) as { last: number | null }[];
      if (last === null) {
        await em.insert(ScenarioVersionEntity, {
          scenarioId: s.id,
          versionNo: 1,
          snapshot: before,
          createdAt: s.publishedAt ?? now,
        });
      }
      const fromVersion = last ?? 1;
      const toVersion = fromVersion + 1;
      await em.insert(ScenarioVersionEntity, {
        scenarioId: s.id,
        versionNo: toVersion,
        snapshot: after,
        createdAt: now,
      });
      const [{ count }] = (await em.query(
        `SELECT count(*)::int AS count FROM scenario_amendment WHERE scenario_id = $1`,
        [s.id],
      )) as { count: number }[];
      const amendment = em.create(ScenarioAmendmentEntity, {
        scenarioId: s.id,
        amendmentNo: count + 1,
        reason: dto.reason,
        changedFields,
        material,
        deadlineBefore,
        deadlineAfter: s.proposalDeadline,
        deadlineExtended,
        fromVersion,
        toVersion,
        amendedBy: ctx.actor.userId,
        amendedAt: now,
      });
      await em.insert(ScenarioAmendmentEntity, amendment);

      const proposalDeadline = s.proposalDeadline?.toISOString() ?? null;
      await this.outbox.publish(em, ctx, {
        type: 'scenario.amended',
        aggregateType: 'scenario',
        aggregateId: s.id,
        payload: {
          scenarioId: s.id,
          agencyOrganisationId: s.agencyOrganisationId,
          amendmentNo: amendment.amendmentNo,
          material,
          changedFields,
          deadlineExtended,
          proposalDeadline,
        },
      });
      if (material) {
        await this.outbox.publish(em, ctx, {
          type: 'scenario.reconfirmation_required',
          aggregateType: 'scenario',
          aggregateId: s.id,
          payload: { scenarioId: s.id, amendmentNo: amendment.amendmentNo, proposalDeadline },
        });
      }
      await this.audit.record(em, ctx, {
        action: 'scenario.amend',
        objectType: 'scenario',
        objectId: s.id,
        before: { ...summaryBefore, proposalDeadline: deadlineBefore?.toISOString() ?? null },
        after: {
          code: s.code,
          status: s.status,
          title: s.title,
          version: s.version,
          proposalDeadline,
          amendmentNo: amendment.amendmentNo,
          reason: dto.reason,
          changedFields,
          material,
          deadlineExtended,
        },
      });
      return {
        amendment: this.detail(amendment, before, after),
        scenario: ScenarioView.of(s),
      };
    });
  }

  /** The public history of a public scenario (by code or id): never who amended. */
  async listPublic(codeOrId: string): Promise<AmendmentSummaryView[]> {
    const s = await this.publicScenarios.findPublic(codeOrId);
    return listPublicAmendments(this.dataSource.manager, s.id);
  }

  /** One amendment of a public scenario with its differences; private fields show as changed, without values. */
  async getPublic(codeOrId: string, no: string): Promise<AmendmentDiffView> {
    const s = await this.publicScenarios.findPublic(codeOrId);
    const { amendment, from, to } = await this.load(this.dataSource.manager, s.id, amendmentNo(no));
    return { ...AmendmentSummaryView.of(amendment), ...this.versions(amendment), diff: diffSnapshots(from, to, false) };
  }

  /** One amendment with full values and who made it: the owning agency and the centre only. */
  async get(actor: Actor, id: string, no: string): Promise<AmendmentDetailView> {
    const em = this.dataSource.manager;
    const s = await this.scenarios.findVisible(em, actor, id);
    if (!scenarioPolicy.seesEverything(actor, s)) throw new AccessError('ACCESS_FORBIDDEN');
    const { amendment, from, to } = await this.load(em, s.id, amendmentNo(no));
    return this.detail(amendment, from, to);
  }

  private async load(em: EntityManager, scenarioId: string, no: number) {
    const amendment = await em.findOne(ScenarioAmendmentEntity, { where: { scenarioId, amendmentNo: no } });
    if (!amendment) throw new AmendmentError('AMENDMENT_NOT_FOUND');
    const versions = await em.find(ScenarioVersionEntity, {
      where: [
        { scenarioId, versionNo: amendment.fromVersion },
        { scenarioId, versionNo: amendment.toVersion },
      ],
    });
    const snapshot = (n: number) => versions.find((v) => v.versionNo === n)?.snapshot;
    const from = snapshot(amendment.fromVersion);
    const to = snapshot(amendment.toVersion);
    if (!from || !to) throw new Error(`scenario_version rows missing for amendment ${amendment.id}`);
    return { amendment, from, to };
  }

  private versions(a: ScenarioAmendmentEntity) {
    return { fromVersion: a.fromVersion, toVersion: a.toVersion };
  }

  private detail(a: ScenarioAmendmentEntity, from: ScenarioSnapshot, to: ScenarioSnapshot): AmendmentDetailView {
    return {
      ...AmendmentSummaryView.of(a),
      ...this.versions(a),
      diff: diffSnapshots(from, to, true),
      amendedBy: a.amendedBy,
      deadlineBefore: a.deadlineBefore?.toISOString() ?? null,
      deadlineAfter: a.deadlineAfter?.toISOString() ?? null,
    };
  }
}
