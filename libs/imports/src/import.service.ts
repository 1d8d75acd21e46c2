import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  AccessError,
  type Actor,
  Clock,
  DomainError,
  huzhouYear,
  isCentreRole,
  type RequestContext,
} from '@app/common';
import { AuditService } from '@app/audit';
import { OrganisationService } from '@app/identity';
import {
  BatchService,
  PUBLIC_SCENARIO_STATUSES,
  ScenarioEntity,
  ScenarioService,
  VettingService,
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
import { type ImportFormat, readTable, shown } from './import-table';
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
  /**
   * publish=true: how the batch steps (run after the scenarios were committed as approved) went.
   * `failed`: the scenarios are approved (in `batchId` if it was created) but not published — staff
   * publish the batch from /batches (or add them to one); `step` and `code` say where and why.
   */
  publication: ImportPublication | null;
  items: ImportItem[];
}

export interface ImportPublication {
  status: 'published' | 'failed';
  /** The step that failed. */
  step?: 'create_batch' | 'add_scenarios' | 'publish';
  /** The error code (a domain error's, else INTERNAL_ERROR). */
  code?: string;
}

export interface ScenarioImportOptions {
  dryRun?: boolean;
  publish?: boolean;
  agencyOrganisationId?: string | null;
  /** The import's time (validation and writes use the same instant); the clock's by default. */
  now?: Date;
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
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scenarios: ScenarioService,
    private readonly vetting: VettingService,
    private readonly batches: BatchService,
    private readonly profiles: VendorProfileService,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Validates every row of a scenario file; throws ImportRejectedError listing every problem. */
  async validateScenarios(file: ImportFile, options: ScenarioImportOptions): Promise<ValidScenarioRow[]> {
    const now = options.now ?? this.clock.now();
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
    // One instant for validation and writes: a deadline valid when checked is valid when written.
    const now = options.now ?? this.clock.now();
    const rows = await this.validateScenarios(file, { ...options, now });
    const base = {
      format: file.format,
      rows: rows.length,
      updated: 0,
      batchId: null as string | null,
      publication: null,
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
    const importId = randomUUID();
    const ids = await this.dataSource.transaction(async (em) => {
      const created: string[] = [];
      for (const r of rows) {
        const { id } = await this.scenarios.createDraftIn(em, ctx, r.agencyOrganisationId, r.dto, {
          importId,
          importRow: r.row,
        });
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
    // The batch steps are BatchService's own transactions: the scenarios above are committed. A
    // failure here is reported in the result (201: the import itself succeeded), not a bare 500.
    let batchId: string | null = null;
    let publication: ImportPublication | null = null;
    if (options.publish) {
      let step: NonNullable<ImportPublication['step']> = 'create_batch';
      try {
        const batch = await this.batches.create(ctx, huzhouYear(now));
        batchId = batch.id;
        step = 'add_scenarios';
        await this.batches.addScenarios(ctx, batch.id, ids);
        step = 'publish';
        await this.batches.publishNow(ctx, batch.id, now);
        publication = { status: 'published' };
      } catch (error) {
        const code = error instanceof DomainError ? error.code : 'INTERNAL_ERROR';
        this.logger.error(
          `import ${importId}: scenarios approved but not published (${step}: ${code})`,
          error instanceof Error ? error.stack : String(error),
        );
        publication = { status: 'failed', step, code };
      }
    }
    return {
      ...base,
      dryRun: false,
      batchId,
      publication,
      created: ids.length,
      published: publication?.status === 'published' ? ids.length : 0,
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
    errors.push(...(await this.unknownLinkedScenarios(valid)));
    if (errors.length) throw new ImportRejectedError('IMPORT_ROWS_INVALID', sortErrors(errors));
    return valid;
  }

  /**
   * Cases linked to a scenario must name one vendors may see (VendorProfileService.put's own rule):
   * checked here so that it refuses the file, not one profile after the organisations were written.
   */
  private async unknownLinkedScenarios(rows: ValidVendorRow[]): Promise<ImportRowError[]> {
    const linked = rows.flatMap((r) =>
      (r.profile.pastCases ?? []).flatMap((c, i) => (c.scenarioId ? [{ row: r.row, i, id: c.scenarioId }] : [])),
    );
    if (linked.length === 0) return [];
    const found = (await this.dataSource.query(
      `SELECT id FROM scenario WHERE id = ANY ($1::uuid[]) AND status = ANY ($2::text[])`,
      [[...new Set(linked.map((l) => l.id))], PUBLIC_SCENARIO_STATUSES],
    )) as { id: string }[];
    const known = new Set(found.map((f) => f.id));
    return linked
      .filter((l) => !known.has(l.id))
      .map((l) => ({ row: l.row, field: `pastCases[${l.i}].scenarioId`, rule: 'vendor.case_scenario_unknown' }));
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
    const base = { format: file.format, rows: rows.length, published: 0, batchId: null, publication: null };
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
    const record = (extra: Record<string, unknown>) =>
      this.dataSource.transaction((em) =>
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
            ...extra,
          },
        }),
      );
    for (const [i, r] of rows.entries()) {
      try {
        await this.profiles.put(onBehalfOf(ctx, ids[i], 'vendor_admin'), r.profile);
      } catch (error) {
        // The organisations (and the profiles before this row) are committed: say so in the import's
        // audit record (importing the same file again completes it), then answer with the error.
        const code = error instanceof DomainError ? error.code : 'INTERNAL_ERROR';
        this.logger.error(
          `import ${importId}: vendor profile of row ${r.row} failed (${code}) after ${i} profile(s)`,
          error instanceof Error ? error.stack : String(error),
        );
        await record({ failed: { row: r.row, code, profilesWritten: i } }).catch((e: unknown) =>
          this.logger.error(`import ${importId}: audit record failed`, e instanceof Error ? e.stack : String(e)),
        );
        throw error;
      }
    }
    await record({});
    return {
      ...base,
      dryRun: false,
      created: rows.filter((r) => !r.existingId).length,
      updated: rows.filter((r) => r.existingId).length,
      items: rows.map((r, i) => ({ row: r.row, key: r.key, id: ids[i], action: action(r) })),
    };
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

/** Most row errors an error report lists; the rest are counted in a last `import.more_errors` item. */
export const IMPORT_MAX_REPORTED_ERRORS = 1000;

function sortErrors(errors: ImportRowError[]): ImportRowError[] {
  // Values a rule echoes (a code, a name) are cut short: a cell may hold megabytes.
  const sorted = errors
    .map((e) =>
      e.params
        ? {
            ...e,
            params: Object.fromEntries(
              Object.entries(e.params).map(([k, v]) => [k, typeof v === 'string' ? shown(v) : v]),
            ),
          }
        : e,
    )
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (sorted.length <= IMPORT_MAX_REPORTED_ERRORS) return sorted;
  return [
    ...sorted.slice(0, IMPORT_MAX_REPORTED_ERRORS),
    {
      row: null,
      field: '(file)',
      rule: 'import.more_errors',
      params: { count: sorted.length - IMPORT_MAX_REPORTED_ERRORS },
    },
  ];
}
