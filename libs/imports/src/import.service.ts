import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessError, type Actor, Clock, huzhouYear, isCentreRole, type RequestContext } from '@app/common';
import { AuditService } from '@app/audit';
import { OrganisationService } from '@app/identity';
import { OutboxService } from '@app/outbox';
import {
  applyScenarioFields,
  BatchService,
  ScenarioEntity,
  ScenarioService,
  VettingService,
  writeScenarioSearchVector,
} from '@app/scenarios';
import { VendorProfileEntity, VendorProfileService } from '@app/vendors';
import { SCENARIO_COLUMNS, VENDOR_COLUMNS } from './import-columns';
import {
  duplicateErrors,
  type ExistingOrganisation,
  mergedProfile,
  mergedProfileErrors,
  validateScenarioRow,
  validateVendorRow,
  type ValidScenarioRow,
  type ValidVendorRow,
} from './import-rows';
import { type ImportFormat, readTable } from './import-table';
import { ImportError, ImportRejectedError, type ImportRowError } from './imports.errors';
import type { ImportFile } from './import-upload';

export type StaffContext = RequestContext & { actor: Actor };

export interface ImportItem {
  row: number;
  key: string | null;
  /** The scenario or vendor organisation id; null in a dry run. */
  id: string | null;
  action: 'created' | 'updated';
}

export interface ImportResult {
  dryRun: boolean;
  format: ImportFormat;
  rows: number;
  created: number;
  updated: number;
  /** Scenarios published by this import (publish=true). */
  published: number;
  /** The batch the import published its scenarios in. */
  batchId: string | null;
  items: ImportItem[];
}

export interface ScenarioImportOptions {
  dryRun?: boolean;
  publish?: boolean;
  agencyOrganisationId?: string | null;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Imports of scenarios and vendor profiles from CSV, XLSX or JSON (staff). Every row is validated
 * with the API's own DTO classes and the contexts' rules before anything is written: one bad row and
 * nothing is stored (422 with every row error). Writes go through the contexts' services, so events
 * and audit records are the ones the API writes.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly vetting: VettingService,
    private readonly batches: BatchService,
    private readonly profiles: VendorProfileService,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Validates every row of a scenario file; throws ImportRejectedError listing every problem. */
  async validateScenarios(file: ImportFile, options: ScenarioImportOptions): Promise<ValidScenarioRow[]> {
    const now = this.clock.now();
    const defaultAgencyId = options.agencyOrganisationId
      ? await this.verifiedAgency(options.agencyOrganisationId)
      : null;
    const table = await readTable(file.format, file.content, SCENARIO_COLUMNS);
    const agenciesByName = new Map<string, string[]>();
    const names = [
      ...new Set(
        table.rows
          .map((r) => r.values.agency)
          .filter((a): a is string => typeof a === 'string')
          .map((a) => a.trim()),
      ),
    ];
    if (names.length) {
      const rows = (await this.dataSource.query(
        `SELECT id, name_zh FROM organisation WHERE type = 'agency' AND status = 'verified' AND name_zh = ANY ($1::text[])`,
        [names],
      )) as { id: string; name_zh: string }[];
      for (const r of rows) agenciesByName.set(r.name_zh, [...(agenciesByName.get(r.name_zh) ?? []), r.id]);
    }
    const errors: ImportRowError[] = [...table.errors, ...duplicateErrors(table.rows, 'key')];
    const valid: ValidScenarioRow[] = [];
    for (const raw of table.rows) {
      const result = await validateScenarioRow(raw, {
        now,
        publish: options.publish ?? false,
        agenciesByName,
        defaultAgencyId,
      });
      if ('ok' in result) valid.push(result.ok);
      else errors.push(...result.errors);
    }
    if (errors.length) throw new ImportRejectedError('IMPORT_ROWS_INVALID', sortErrors(errors));
    return valid;
  }

  /**
   * Creates the scenarios as drafts of their agencies — and with `publish`, takes them through the
   * life cycle: submitted (by the staff member on the agency's behalf), approved (vetting), then
   * published as one new batch of their own. Drafts, submission and approval are one transaction;
   * the batch's creation, membership and publication are BatchService's own transactions (it opens
   * them itself), run only once every row has been created and approved.
   */
  async importScenarios(ctx: StaffContext, file: ImportFile, options: ScenarioImportOptions): Promise<ImportResult> {
    assertCentre(ctx.actor);
    const rows = await this.validateScenarios(file, options);
    const base = {
      format: file.format,
      rows: rows.length,
      updated: 0,
      batchId: null as string | null,
    };
    if (options.dryRun) {
      return {
        ...base,
        dryRun: true,
        created: 0,
        published: 0,
        items: rows.map((r) => ({ row: r.row, key: r.key, id: null, action: 'created' })),
      };
    }
    const now = this.clock.now();
    const importId = randomUUID();
    const ids = await this.dataSource.transaction(async (em) => {
      const created: string[] = [];
      for (const r of rows) {
        const id = await this.insertDraft(em, ctx, r, importId);
        if (options.publish) {
          await this.scenarios.transition(onBehalfOf(ctx, r.agencyOrganisationId, 'agency_officer'), id, 'submit', {
            manager: em,
            now,
          });
          const s = await em.findOneByOrFail(ScenarioEntity, { id });
          const checklist = await this.vetting.checklist(em, s);
          await this.scenarios.transition(ctx, id, 'approve', {
            manager: em,
            now,
            review: { comments: {}, checklist },
          });
        }
        created.push(id);
      }
      await this.audit.record(em, ctx, {
        action: 'import.scenarios',
        objectType: 'import',
        objectId: importId,
        after: {
          format: file.format,
          fileName: file.fileName,
          sha256: sha256(file.content),
          rows: rows.length,
          publish: options.publish ?? false,
          scenarioIds: created,
        },
      });
      return created;
    });
    let batchId: string | null = null;
    if (options.publish) {
      const batch = await this.batches.create(ctx, huzhouYear(now));
      batchId = batch.id;
      await this.batches.addScenarios(ctx, batch.id, ids);
      await this.batches.publishNow(ctx, batch.id, now);
    }
    return {
      ...base,
      dryRun: false,
      batchId,
      created: ids.length,
      published: options.publish ? ids.length : 0,
      items: rows.map((r, i) => ({ row: r.row, key: r.key, id: ids[i], action: 'created' })),
    };
  }

  /** Validates every row of a vendor file; throws ImportRejectedError listing every problem. */
  async validateVendors(file: ImportFile): Promise<ValidVendorRow[]> {
    const now = this.clock.now();
    const table = await readTable(file.format, file.content, VENDOR_COLUMNS);
    const usccs = table.rows
      .map((r) => r.values.uscc)
      .filter((u): u is string => typeof u === 'string')
      .map((u) => u.trim().toUpperCase());
    const names = table.rows
      .map((r) => r.values.name)
      .filter((n): n is string => typeof n === 'string')
      .map((n) => n.trim());
    const orgs = (await this.dataSource.query(
      `SELECT id, type, status, name_zh AS "nameZh", uscc FROM organisation
        WHERE uscc = ANY ($1::text[]) OR (type = 'vendor' AND name_zh = ANY ($2::text[]))`,
      [usccs, names],
    )) as (ExistingOrganisation & { uscc: string })[];
    const byUscc = new Map(orgs.filter((o) => usccs.includes(o.uscc)).map((o) => [o.uscc, o]));
    const vendorsByName = new Map<string, ExistingOrganisation[]>();
    for (const o of orgs) {
      if (o.type !== 'vendor' || usccs.includes(o.uscc)) continue;
      vendorsByName.set(o.nameZh, [...(vendorsByName.get(o.nameZh) ?? []), o]);
    }
    const errors: ImportRowError[] = [
      ...table.errors,
      ...duplicateErrors(table.rows, 'key'),
      ...duplicateErrors(table.rows, 'uscc', (u) => u.toUpperCase()),
    ];
    const valid: ValidVendorRow[] = [];
    for (const raw of table.rows) {
      const result = await validateVendorRow(raw, { now, byUscc, vendorsByName });
      if ('ok' in result) valid.push(result.ok);
      else errors.push(...result.errors);
    }
    // Updates: the profile to PUT keeps what the row leaves empty; the rules apply to that whole profile.
    const updated = valid.flatMap((r) => (r.existingId ? [r.existingId] : []));
    const current = new Map(
      (updated.length
        ? await this.dataSource.getRepository(VendorProfileEntity).find({ where: { organisationId: In(updated) } })
        : []
      ).map((p) => [p.organisationId, p]),
    );
    for (const r of valid) {
      if (!r.existingId) continue; // a new profile is the row's own, already checked
      r.profile = mergedProfile(r.profile, current.get(r.existingId) ?? null);
      errors.push(...mergedProfileErrors(r.row, r.profile, now));
    }
    if (errors.length) throw new ImportRejectedError('IMPORT_ROWS_INVALID', sortErrors(errors));
    return valid;
  }

  /**
   * Creates (verified, without users) or updates vendor organisations and puts their capability
   * profiles through VendorProfileService (so `vendor_profile.updated` fires and matching runs).
   * New organisations are one transaction; each profile is VendorProfileService's own transaction.
   * A profile update keeps what the row leaves empty and what the format has no column for (products,
   * certifications); the organisation's own data (name, contacts) is not changed by an import.
   */
  async importVendors(ctx: StaffContext, file: ImportFile, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
    assertCentre(ctx.actor);
    const rows = await this.validateVendors(file);
    const base = { format: file.format, rows: rows.length, published: 0, batchId: null };
    const action = (r: ValidVendorRow): ImportItem['action'] => (r.existingId ? 'updated' : 'created');
    if (options.dryRun) {
      return {
        ...base,
        dryRun: true,
        created: 0,
        updated: 0,
        items: rows.map((r) => ({ row: r.row, key: r.key, id: r.existingId, action: action(r) })),
      };
    }
    const importId = randomUUID();
    const ids = await this.dataSource.transaction(async (em) => {
      const out: string[] = [];
      for (const r of rows) {
        if (r.existingId) out.push(r.existingId);
        else {
          const o = r.organisation!;
          const org = await this.organisations.createWithStatus(
            em,
            ctx,
            {
              type: 'vendor',
              nameZh: o.nameZh,
              nameEn: o.nameEn ?? null,
              uscc: o.uscc,
              districtCode: o.districtCode,
              contactName: o.contactName,
              contactPhone: o.contactPhone,
              contactEmail: o.contactEmail,
            },
            'verified',
          );
          out.push(org.id);
        }
      }
      return out;
    });
    for (const [i, r] of rows.entries()) {
      await this.profiles.put(onBehalfOf(ctx, ids[i], 'vendor_admin'), r.profile);
    }
    await this.dataSource.transaction((em) =>
      this.audit.record(em, ctx, {
        action: 'import.vendors',
        objectType: 'import',
        objectId: importId,
        after: {
          format: file.format,
          fileName: file.fileName,
          sha256: sha256(file.content),
          rows: rows.length,
          created: rows.filter((r) => !r.existingId).length,
          updated: rows.filter((r) => r.existingId).length,
          organisationIds: ids,
        },
      }),
    );
    return {
      ...base,
      dryRun: false,
      created: rows.filter((r) => !r.existingId).length,
      updated: rows.filter((r) => r.existingId).length,
      items: rows.map((r, i) => ({ row: r.row, key: r.key, id: ids[i], action: action(r) })),
    };
  }

  /** A draft as ScenarioService.create writes it (search vector, `scenario.created`, audit), for the row's agency. */
  private async insertDraft(em: EntityManager, ctx: StaffContext, r: ValidScenarioRow, importId: string) {
    const s = em.create(ScenarioEntity, {
      agencyOrganisationId: r.agencyOrganisationId,
      createdBy: ctx.actor.userId,
      status: 'draft',
      capabilityCodes: [],
      kpis: [],
      dataResources: [],
      privateFields: [],
      version: 1,
      copiedFromId: null,
    });
    applyScenarioFields(s, r.dto);
    const saved = await em.save(s);
    await writeScenarioSearchVector(em, saved);
    await this.outbox.publish(em, ctx, {
      type: 'scenario.created',
      aggregateType: 'scenario',
      aggregateId: saved.id,
      payload: { scenarioId: saved.id, agencyOrganisationId: saved.agencyOrganisationId, copiedFromId: null },
    });
    await this.audit.record(em, ctx, {
      action: 'scenario.create',
      objectType: 'scenario',
      objectId: saved.id,
      after: {
        code: saved.code,
        status: saved.status,
        title: saved.title,
        domain: saved.domain,
        version: saved.version,
        copiedFromId: null,
        importId,
        importRow: r.row,
      },
    });
    return saved.id;
  }

  private async verifiedAgency(id: string): Promise<string> {
    const [org] = (await this.dataSource.query(
      `SELECT id FROM organisation WHERE id = $1 AND type = 'agency' AND status = 'verified'`,
      [id],
    )) as { id: string }[];
    if (!org) throw new ImportError('IMPORT_AGENCY_NOT_FOUND', {}, 'agencyOrganisationId');
    return org.id;
  }
}

function assertCentre(actor: Actor): void {
  if (!isCentreRole(actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
}

/**
 * The staff member acting for an organisation in a step only its own members may take (an agency
 * submits its scenario; a vendor keeps its profile): the audit record keeps the staff member's user
 * id with the organisation and the role used, and the import's own record ties them together.
 */
function onBehalfOf(ctx: StaffContext, organisationId: string, role: 'agency_officer' | 'vendor_admin') {
  return { ...ctx, actor: { userId: ctx.actor.userId, organisationId, role } };
}

function sortErrors(errors: ImportRowError[]): ImportRowError[] {
  return [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
