import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, huzhouYear, type RequestContext, systemContext } from '@app/common';
import { AppConfig } from '@app/config';
import { AuditService } from '@app/audit';
import {
  IdentityError,
  type NewOrganisation,
  OrganisationEntity,
  OrganisationService,
  UserEntity,
  UserService,
} from '@app/identity';
import { type ActorContext, BatchService, ScenarioEntity, ScenarioService, VettingService } from '@app/scenarios';
import { TAXONOMY_TERMS, TAXONOMY_VERSION, upsertTaxonomy } from '@app/taxonomy';
import { CliError } from '../cli-errors';
import type { Progress } from '../cli-output';
import {
  DEMO_ACCOUNTS,
  DEMO_AGENCIES,
  DEMO_PASSWORD,
  DEMO_VENDORS,
  type DemoAccount,
  type DemoOrganisation,
  demoOrganisation,
  ENABLEMENT_CENTRE,
} from './demo-data';
import { DEMO_SCENARIOS, type DemoScenario, demoDeadline } from './demo-scenarios';
import { DemoHistorySeeder } from './demo-history-seeder';
import { DEMO_HISTORY, DEMO_OPEN_PROPOSALS } from './demo-history';
import { DEMO_VENDOR_PROFILES } from './demo-vendor-profiles';

export interface SeedOptions {
  /** Demo accounts share a published password: refused with NODE_ENV=production unless set. */
  allowProduction?: boolean;
  onProgress?: (progress: Progress) => void;
}

export interface SeedReport {
  taxonomyTermsChanged: number;
  organisationsCreated: number;
  usersCreated: number;
  scenariosCreated: number;
  batchesCreated: number;
  vendorProfilesCreated: number;
  /** Scenarios replayed through the whole cycle (demo-history.ts). */
  historicScenariosCreated: number;
  proposalsCreated: number;
  /** Everything the run wrote; 0 when the demo data was already there. */
  created: number;
}

const STEPS = 10;

function withoutDemoFields(org: DemoOrganisation): NewOrganisation {
  const { key: _key, status: _status, shortName: _shortName, ...input } = org;
  return input;
}

/** A concurrent run (or a user) took the email or USCC between our lookup and our insert: not ours to create. */
function alreadyTaken(e: unknown): boolean {
  return e instanceof IdentityError && (e.code === 'IDENTITY_EMAIL_TAKEN' || e.code === 'IDENTITY_USCC_TAKEN');
}

/**
 * Loads the taxonomy and the Huzhou demo data (demo-data.ts). Everything is written through the
 * identity services, so it is validated, audited and announced exactly as if done by hand; each
 * organisation is looked up by USCC and each user by email first, so a second run writes nothing.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
    private readonly users: UserService,
    private readonly scenarios: ScenarioService,
    private readonly vetting: VettingService,
    private readonly batches: BatchService,
    private readonly history: DemoHistorySeeder,
  ) {}

  async seed(options: SeedOptions = {}): Promise<SeedReport> {
    if (this.config.isProduction && !options.allowProduction) throw new CliError('CLI_SEED_REFUSED_IN_PRODUCTION');
    const progress = options.onProgress ?? (() => undefined);
    // One request id for the whole run ties its audit records together.
    const requestId = `cli-seed-${randomUUID()}`;
    const report: SeedReport = {
      taxonomyTermsChanged: 0,
      organisationsCreated: 0,
      usersCreated: 0,
      scenariosCreated: 0,
      batchesCreated: 0,
      vendorProfilesCreated: 0,
      historicScenariosCreated: 0,
      proposalsCreated: 0,
      created: 0,
    };

    report.taxonomyTermsChanged = await this.seedTaxonomy(systemContext(requestId));
    progress({
      step: 1,
      steps: STEPS,
      label: 'taxonomy',
      done: TAXONOMY_TERMS.length,
      total: TAXONOMY_TERMS.length,
      created: report.taxonomyTermsChanged,
    });

    const centre = await this.seedCentre();
    report.organisationsCreated += centre.organisationsCreated;
    report.usersCreated += centre.usersCreated;
    progress({
      step: 2,
      steps: STEPS,
      label: 'enablement centre and platform admin',
      done: 1,
      total: 1,
      created: centre.organisationsCreated + centre.usersCreated,
    });

    // The rest is attributed to the demo platform admin: adding members needs an acting admin.
    const ctx: RequestContext & { actor: Actor } = {
      ...systemContext(requestId),
      actor: { userId: centre.admin.id, organisationId: centre.admin.organisationId, role: 'platform_admin' },
    };

    let created = 0;
    for (const [i, agency] of DEMO_AGENCIES.entries()) {
      if (await this.createOrganisation(ctx, agency)) created++;
      progress({ step: 3, steps: STEPS, label: 'agencies', done: i + 1, total: DEMO_AGENCIES.length, created });
    }
    report.organisationsCreated += created;

    created = 0;
    let registeredUsers = 0;
    for (const [i, vendor] of DEMO_VENDORS.entries()) {
      if (vendor.status === 'pending') {
        if (await this.registerVendor(requestId, vendor)) {
          created++;
          registeredUsers++;
        }
      } else if (await this.createOrganisation(ctx, vendor)) {
        created++;
      }
      progress({ step: 4, steps: STEPS, label: 'vendors', done: i + 1, total: DEMO_VENDORS.length, created });
    }
    report.organisationsCreated += created;
    report.usersCreated += registeredUsers;

    created = 0;
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      if (await this.createAccount(ctx, account)) created++;
      progress({ step: 5, steps: STEPS, label: 'demo accounts', done: i + 1, total: DEMO_ACCOUNTS.length, created });
    }
    report.usersCreated += created;

    report.vendorProfilesCreated = await this.history.seedProfiles(requestId);
    progress({
      step: 6,
      steps: STEPS,
      label: 'vendor capability profiles',
      done: DEMO_VENDOR_PROFILES.length,
      total: DEMO_VENDOR_PROFILES.length,
      created: report.vendorProfilesCreated,
    });

    // The earlier batch's scenarios first, so batch numbers follow publication dates.
    const now = new Date();
    const staff = await this.actingAs(requestId, DEMO_ACCOUNTS.find((a) => a.role === 'staff')!.email);
    report.historicScenariosCreated = await this.history.seedHistory(requestId, staff, now);
    progress({
      step: 7,
      steps: STEPS,
      label: 'earlier batch through award, delivery and demonstration',
      done: DEMO_HISTORY.length,
      total: DEMO_HISTORY.length,
      created: report.historicScenariosCreated,
    });

    // Scenarios are drafted and submitted by agency accounts and vetted and published by the demo
    // staff member, exactly as through the API; each is identified by its title within its agency.
    created = 0;
    for (const [i, spec] of DEMO_SCENARIOS.entries()) {
      if (await this.createScenario(requestId, staff, spec, now)) created++;
      progress({ step: 8, steps: STEPS, label: 'demo scenarios', done: i + 1, total: DEMO_SCENARIOS.length, created });
    }
    report.scenariosCreated = created;

    report.batchesCreated = await this.publishDemoBatch(requestId, staff);
    progress({
      step: 9,
      steps: STEPS,
      label: 'opportunity list batch',
      done: 1,
      total: 1,
      created: report.batchesCreated,
    });

    report.proposalsCreated = await this.history.seedOpenProposals(requestId);
    progress({
      step: 10,
      steps: STEPS,
      label: 'proposals on the open list',
      done: DEMO_OPEN_PROPOSALS.length,
      total: DEMO_OPEN_PROPOSALS.length,
      created: report.proposalsCreated,
    });

    report.created =
      report.taxonomyTermsChanged +
      report.vendorProfilesCreated +
      report.historicScenariosCreated +
      report.proposalsCreated +
      report.organisationsCreated +
      report.usersCreated +
      report.scenariosCreated +
      report.batchesCreated;
    return report;
  }

  /** Reference data, written in one transaction with an audit record when anything changed. */
  private seedTaxonomy(ctx: RequestContext): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const changed = await upsertTaxonomy(em);
      if (changed > 0) {
        await this.audit.record(em, ctx, {
          action: 'taxonomy.load',
          objectType: 'taxonomy',
          objectId: `v${TAXONOMY_VERSION}`,
          after: { version: TAXONOMY_VERSION, termsChanged: changed },
        });
      }
      return changed;
    });
  }

  /** The centre and the demo platform admin, through the same bootstrap `create-admin` uses. */
  private async seedCentre(): Promise<{ admin: UserEntity; organisationsCreated: number; usersCreated: number }> {
    const account = DEMO_ACCOUNTS.find((a) => a.role === 'platform_admin')!;
    const existing = await this.findUser(account.email);
    if (existing) {
      if (existing.role !== 'platform_admin') throw new Error(`${account.email} exists but is not a platform admin`);
      return { admin: existing, organisationsCreated: 0, usersCreated: 0 };
    }
    const hadCentre = await this.dataSource.manager.exists(OrganisationEntity, {
      where: { type: 'enablement_centre' },
    });
    const result = await this.users.bootstrapPlatformAdmin(
      { email: account.email, password: DEMO_PASSWORD, displayName: account.displayName },
      withoutDemoFields(ENABLEMENT_CENTRE),
    );
    const admin = await this.findUser(account.email);
    if (!admin) throw new Error(`Platform admin ${account.email} was neither found nor created`);
    return { admin, organisationsCreated: result && !hadCentre ? 1 : 0, usersCreated: result ? 1 : 0 };
  }

  /** A verified organisation created by the platform admin; false if its USCC is already registered. */
  private async createOrganisation(ctx: RequestContext, org: DemoOrganisation): Promise<boolean> {
    if (await this.findOrganisation(org.uscc)) return false;
    try {
      await this.dataSource.transaction((em) =>
        this.organisations.createWithStatus(em, ctx, withoutDemoFields(org), org.status),
      );
      return true;
    } catch (e) {
      if (alreadyTaken(e)) return false;
      throw e;
    }
  }

  /** A pending vendor arrives as in real life: self-registered by its first vendor_admin. */
  private async registerVendor(requestId: string, vendor: DemoOrganisation): Promise<boolean> {
    if (await this.findOrganisation(vendor.uscc)) return false;
    const admin = DEMO_ACCOUNTS.find((a) => a.organisationKey === vendor.key && a.role === 'vendor_admin');
    if (!admin) throw new Error(`Demo vendor ${vendor.key} is pending but has no vendor_admin to register it`);
    try {
      await this.organisations.register(systemContext(requestId), {
        organisation: { ...withoutDemoFields(vendor), type: 'vendor', nameEn: vendor.nameEn ?? undefined },
        user: { email: admin.email, password: DEMO_PASSWORD, displayName: admin.displayName },
      });
      return true;
    } catch (e) {
      if (alreadyTaken(e)) return false;
      throw e;
    }
  }

  private async createAccount(ctx: RequestContext & { actor: Actor }, account: DemoAccount): Promise<boolean> {
    if (await this.findUser(account.email)) return false;
    const input = { email: account.email, password: DEMO_PASSWORD, displayName: account.displayName };
    try {
      if (account.organisationKey === null) {
        await this.users.addReviewer(ctx, input);
      } else {
        const org = await this.findOrganisation(demoOrganisation(account.organisationKey).uscc);
        // The centre may have been created by `create-admin` with its real USCC: it is the only one.
        const target =
          org ??
          (account.organisationKey === ENABLEMENT_CENTRE.key
            ? await this.dataSource.manager.findOne(OrganisationEntity, {
                where: { type: 'enablement_centre' },
                order: { createdAt: 'ASC' },
              })
            : null);
        if (!target) throw new Error(`Demo organisation ${account.organisationKey} is missing for ${account.email}`);
        await this.users.addMember(ctx, target.id, { ...input, role: account.role });
      }
      return true;
    } catch (e) {
      if (alreadyTaken(e)) return false;
      throw e;
    }
  }

  /**
   * One demo scenario, taken as far as its `status` through the scenario and vetting services:
   * a draft (created, then filled in by autosave), submitted, returned with comments or approved.
   * Publication happens later, batch-wise. False if the agency already has a scenario of that title.
   */
  private async createScenario(
    requestId: string,
    staff: ActorContext,
    spec: DemoScenario,
    now: Date,
  ): Promise<boolean> {
    const author = await this.actingAs(requestId, spec.author);
    if (await this.findScenario(author.actor.organisationId!, spec.fields.title)) return false;
    const { title, domain, ...rest } = spec.fields;
    const draft = await this.scenarios.create(author, { title, domain });
    const proposalDeadline =
      spec.deadlineDays === null ? undefined : demoDeadline(now, spec.deadlineDays).toISOString();
    const filled = await this.scenarios.update(author, draft.id, {
      ...rest,
      ...(proposalDeadline ? { proposalDeadline } : {}),
      version: draft.version,
    });
    if (spec.status === 'draft') return true;
    await this.scenarios.transition(author, filled.id, 'submit');
    if (spec.status === 'returned') {
      await this.vetting.decide(staff, filled.id, 'return', { comments: spec.returnComments ?? {} });
    } else if (spec.status === 'approved' || spec.status === 'published') {
      await this.vetting.decide(staff, filled.id, 'approve', {});
    }
    return true;
  }

  /**
   * The demo scenarios meant for the list that are approved but not yet published go out together
   * in the next numbered batch of the year (2026年第1批场景机会清单 on a fresh database), published
   * now. A batch left unpublished by an interrupted run is reused. Returns the batches created.
   */
  private async publishDemoBatch(requestId: string, staff: ActorContext): Promise<number> {
    const waiting: ScenarioEntity[] = [];
    for (const spec of DEMO_SCENARIOS.filter((s) => s.status === 'published')) {
      const author = await this.actingAs(requestId, spec.author);
      const s = await this.findScenario(author.actor.organisationId!, spec.fields.title);
      if (s?.status === 'approved') waiting.push(s);
    }
    if (waiting.length === 0) return 0;
    let batchId = waiting.find((s) => s.batchId !== null)?.batchId ?? null;
    let created = 0;
    if (!batchId) {
      // The batch year is the year in Huzhou (UTC+8).
      const year = huzhouYear(new Date());
      batchId = (await this.batches.create(staff, year)).id;
      created = 1;
    }
    const toAdd = waiting.filter((s) => s.batchId !== batchId).map((s) => s.id);
    if (toAdd.length) await this.batches.addScenarios(staff, batchId, toAdd);
    await this.batches.publishNow(staff, batchId);
    return created;
  }

  /** A request context acting as the demo account `email` (which the steps before created). */
  private async actingAs(requestId: string, email: string): Promise<ActorContext> {
    const user = await this.findUser(email);
    if (!user) throw new Error(`Demo account ${email} is missing`);
    return {
      ...systemContext(requestId),
      actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
    };
  }

  private findScenario(agencyOrganisationId: string, title: string): Promise<ScenarioEntity | null> {
    return this.dataSource.manager.findOne(ScenarioEntity, {
      where: { agencyOrganisationId, title },
      order: { createdAt: 'ASC' },
    });
  }

  private findOrganisation(uscc: string): Promise<OrganisationEntity | null> {
    return this.dataSource.manager.findOne(OrganisationEntity, { where: { uscc } });
  }

  private findUser(email: string): Promise<UserEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }
}
