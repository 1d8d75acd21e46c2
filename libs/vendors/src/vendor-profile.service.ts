import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AccessError,
  type Actor,
  Clock,
  type FieldViolation,
  type RequestContext,
  ValidationFailedError,
} from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { PUBLIC_SCENARIO_STATUSES } from '@app/scenarios';
import { DeliveredScenarios } from './delivered-scenarios';
import type { PutVendorProfileDto } from './vendor-profile.dto';
import { VendorProfileEntity } from './vendor-profile.entity';
import { vendorProfilePolicy } from './vendor-profile.policy';
import { vendorProfileViolations } from './vendor-profile.rules';
import { VendorProfileView, type VendorOrganisationFacts } from './vendor-profile.views';
import { writeVendorSearchVector } from './vendor-search';
import { VendorError } from './vendors.errors';

export type VendorActorContext = RequestContext & { actor: Actor };

interface OrganisationRow {
  type: string;
  status: string;
  name_zh: string;
  name_en: string | null;
  district_code: string;
}

const facts = (o: OrganisationRow): VendorOrganisationFacts => ({
  nameZh: o.name_zh,
  nameEn: o.name_en,
  districtCode: o.district_code,
  status: o.status,
});

/** What the audit trail keeps of a profile: codes, numbers and counts (the texts are in the profile). */
function summary(v: VendorProfileEntity) {
  return {
    version: v.version,
    domains: v.domains,
    capabilityCodes: v.capabilityCodes,
    industryFields: v.industryFields,
    districts: v.districts,
    trl: v.trl,
    teamSize: v.teamSize,
    typicalBudgetMinYuan: v.typicalBudgetMinYuan,
    typicalBudgetMaxYuan: v.typicalBudgetMaxYuan,
    products: v.products.length,
    pastCases: v.pastCases.length,
    linkedScenarios: v.pastCases.filter((c) => c.scenarioId).length,
    certifications: v.certifications.length,
  };
}

/** The fields a PUT sets, normalised (a list left out is empty, a value left out is null). */
function profileFields(dto: PutVendorProfileDto) {
  return {
    domains: [...dto.domains],
    capabilityCodes: [...dto.capabilityCodes],
    industryFields: [...(dto.industryFields ?? [])],
    districts: [...(dto.districts ?? [])],
    description: dto.description,
    products: (dto.products ?? []).map((p) => ({ name: p.name, description: p.description, url: p.url ?? null })),
    pastCases: (dto.pastCases ?? []).map((c) => ({
      title: c.title,
      client: c.client,
      year: c.year,
      outcome: c.outcome,
      scenarioId: c.scenarioId?.toLowerCase() ?? null,
    })),
    certifications: (dto.certifications ?? []).map((c) => ({
      name: c.name,
      issuer: c.issuer,
      validUntil: c.validUntil ?? null,
    })),
    teamSize: dto.teamSize ?? null,
    trl: dto.trl ?? null,
    typicalBudgetMinYuan: dto.typicalBudgetMinYuan ?? null,
    typicalBudgetMaxYuan: dto.typicalBudgetMaxYuan ?? null,
  };
}

/** A vendor's capability profile (场景能力清单): kept by the vendor, read by the centre. */
@Injectable()
export class VendorProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly delivered: DeliveredScenarios,
  ) {}

  /** The caller's own organisation's profile. */
  async getMine(actor: Actor): Promise<VendorProfileView> {
    if (!actor.organisationId || !vendorProfilePolicy.ownsProfileOf(actor, actor.organisationId))
      throw new AccessError('ACCESS_FORBIDDEN');
    return this.view(actor.organisationId);
  }

  /** Any vendor's profile, listed or not, for centre staff. */
  async getFor(actor: Actor, organisationId: string): Promise<VendorProfileView> {
    if (!vendorProfilePolicy.readsAnyProfile(actor)) throw new AccessError('ACCESS_FORBIDDEN');
    return this.view(organisationId);
  }

  /**
   * Creates the caller's organisation's profile (no `version`) or replaces it (the `version` read):
   * a stale or missing version is a conflict. In one transaction: the profile, its search vector,
   * the `vendor_profile.updated` event and, last, the audit record.
   */
  async put(ctx: VendorActorContext, dto: PutVendorProfileDto): Promise<{ view: VendorProfileView; created: boolean }> {
    const organisationId = ctx.actor.organisationId;
    if (!organisationId || !vendorProfilePolicy.ownsProfileOf(ctx.actor, organisationId))
      throw new AccessError('ACCESS_FORBIDDEN');
    const fields = profileFields(dto);
    const violations = vendorProfileViolations(fields, this.clock.now());
    violations.push(...(await this.unknownLinkedScenarios(fields.pastCases)));
    if (violations.length) throw new ValidationFailedError(violations);

    const result = await this.dataSource.transaction(async (em) => {
      const org = await this.vendorOrganisation(em, organisationId);
      if (!org) throw new VendorError('VENDOR_ORGANISATION_NOT_FOUND');
      const existing = await em.findOne(VendorProfileEntity, {
        where: { organisationId },
        lock: { mode: 'pessimistic_write' },
      });
      const current = existing?.version ?? 0;
      if ((dto.version ?? 0) !== current)
        throw new VendorError('VENDOR_PROFILE_VERSION_CONFLICT', { current }, 'version');
      const before = existing ? summary(existing) : null;
      let saved: VendorProfileEntity;
      if (existing) {
        Object.assign(existing, fields, { version: current + 1 });
        saved = await em.save(existing);
      } else {
        // A concurrent first PUT may have created it meanwhile: then this one is stale.
        const inserted = await em
          .createQueryBuilder()
          .insert()
          .into(VendorProfileEntity)
          .values({ organisationId, ...fields, version: 1 })
          .orIgnore()
          .execute();
        if ((inserted.raw as unknown[]).length === 0) {
          const [row] = (await em.query(`SELECT version FROM vendor_profile WHERE organisation_id = $1`, [
            organisationId,
          ])) as { version: number }[];
          throw new VendorError('VENDOR_PROFILE_VERSION_CONFLICT', { current: row?.version ?? 0 }, 'version');
        }
        saved = await em.findOneByOrFail(VendorProfileEntity, { organisationId });
      }
      await writeVendorSearchVector(em, saved, { nameZh: org.name_zh, nameEn: org.name_en });
      await this.outbox.publish(em, ctx, {
        type: 'vendor_profile.updated',
        aggregateType: 'vendor_profile',
        aggregateId: organisationId,
        payload: { organisationId, version: saved.version },
      });
      await this.audit.record(em, ctx, {
        action: existing ? 'vendor_profile.update' : 'vendor_profile.create',
        objectType: 'vendor_profile',
        objectId: organisationId,
        before,
        after: summary(saved),
      });
      return { saved, org, created: !existing };
    });
    const delivered = new Set(await this.delivered.idsOf(organisationId));
    return { view: VendorProfileView.of(result.saved, facts(result.org), delivered), created: result.created };
  }

  private async view(organisationId: string): Promise<VendorProfileView> {
    const em = this.dataSource.manager;
    const [v, org] = await Promise.all([
      em.findOne(VendorProfileEntity, { where: { organisationId } }),
      this.vendorOrganisation(em, organisationId),
    ]);
    if (!v || !org) throw new VendorError('VENDOR_PROFILE_NOT_FOUND');
    return VendorProfileView.of(v, facts(org), new Set(await this.delivered.idsOf(organisationId)));
  }

  private async vendorOrganisation(em: EntityManager, id: string): Promise<OrganisationRow | null> {
    const [org] = (await em.query(
      `SELECT type, status, name_zh, name_en, district_code FROM organisation WHERE id = $1`,
      [id],
    )) as OrganisationRow[];
    return org && org.type === 'vendor' ? org : null;
  }

  /** A case may link only a scenario the public can see (a link to anything else is refused, not kept). */
  private async unknownLinkedScenarios(cases: { scenarioId: string | null }[]): Promise<FieldViolation[]> {
    const ids = cases.flatMap((c) => (c.scenarioId ? [c.scenarioId] : []));
    if (ids.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT id FROM scenario WHERE id = ANY ($1::uuid[]) AND status = ANY ($2::text[])`,
      [ids, PUBLIC_SCENARIO_STATUSES],
    )) as { id: string }[];
    const known = new Set(rows.map((r) => r.id));
    return cases.flatMap((c, i) =>
      c.scenarioId && !known.has(c.scenarioId)
        ? [{ field: `pastCases[${i}].scenarioId`, rule: 'vendor.case_scenario_unknown' }]
        : [],
    );
  }
}
