import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MatchingJobs, matchingJobIds, MatchingRunner } from '@app/matching';
import type { DomainEventJobData } from '@app/queue';
import { type DomainEventHandler, HandlesDomainEvent } from '../domain-events/domain-event-handler';

/**
 * A scenario published → match it against all vendors (one job per scenario version); a scenario
 * leaving publication → it is no longer a candidate for vendors. Idempotent: jobIds dedupe, and
 * removing postings twice removes nothing more.
 */
@HandlesDomainEvent('scenario.transitioned')
@Injectable()
export class MatchPublishedScenario implements DomainEventHandler<'scenario.transitioned'> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: MatchingJobs,
    private readonly runner: MatchingRunner,
  ) {}

  async handle(event: DomainEventJobData<'scenario.transitioned'>): Promise<void> {
    const { scenarioId, to, from } = event.payload;
    if (to === 'published') {
      const [s] = (await this.dataSource.query(`SELECT version FROM scenario WHERE id = $1`, [scenarioId])) as {
        version: number;
      }[];
      if (!s) return;
      await this.jobs.matchScenario(
        { scenarioId, trigger: 'published' },
        matchingJobIds.scenarioPublished(scenarioId, s.version),
      );
    } else if (from === 'published') {
      await this.runner.scenarioClosed(scenarioId);
    }
  }
}

/** A material amendment (budget, deadline, KPIs, requirements) → rematch (one job per amendment). */
@HandlesDomainEvent('scenario.amended')
@Injectable()
export class MatchAmendedScenario implements DomainEventHandler<'scenario.amended'> {
  constructor(private readonly jobs: MatchingJobs) {}

  async handle(event: DomainEventJobData<'scenario.amended'>): Promise<void> {
    const { scenarioId, amendmentNo, material } = event.payload;
    if (!material) return;
    await this.jobs.matchScenario(
      { scenarioId, trigger: 'amended' },
      matchingJobIds.scenarioAmended(scenarioId, amendmentNo),
    );
  }
}

/** A capability profile created or replaced → match the vendor against open scenarios (one job per version). */
@HandlesDomainEvent('vendor_profile.updated')
@Injectable()
export class MatchUpdatedVendor implements DomainEventHandler<'vendor_profile.updated'> {
  constructor(private readonly jobs: MatchingJobs) {}

  async handle(event: DomainEventJobData<'vendor_profile.updated'>): Promise<void> {
    const { organisationId, version } = event.payload;
    await this.jobs.matchVendor(
      { organisationId, trigger: 'profile' },
      matchingJobIds.vendorProfile(organisationId, version),
    );
  }
}

/** A vendor organisation verified → its profile (if any) becomes matchable. */
@HandlesDomainEvent('organisation.verified')
@Injectable()
export class MatchVerifiedVendor implements DomainEventHandler<'organisation.verified'> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: MatchingJobs,
  ) {}

  async handle(event: DomainEventJobData<'organisation.verified'>): Promise<void> {
    const { organisationId } = event.payload;
    const [p] = (await this.dataSource.query(
      `SELECT vp.version FROM vendor_profile vp JOIN organisation o ON o.id = vp.organisation_id
        WHERE vp.organisation_id = $1 AND o.type = 'vendor'`,
      [organisationId],
    )) as { version: number }[];
    if (!p) return; // not a vendor, or no profile yet: its first profile triggers matching
    await this.jobs.matchVendor(
      { organisationId, trigger: 'verified' },
      matchingJobIds.vendorVerified(organisationId, p.version),
    );
  }
}
