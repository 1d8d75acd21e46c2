/** Jobs of the `matching` queue (QUEUES.matching). */
export const MATCHING_JOBS = {
  /** Match one scenario against all verified vendors (published, materially amended, nightly). */
  matchScenario: 'match-scenario',
  /** Match one vendor against all open scenarios (profile changed, organisation verified, nightly). */
  matchVendor: 'match-vendor',
  /** The nightly full rematch: rebuild corpus statistics and postings, then a job per scenario and vendor. */
  rematchAll: 'rematch-all',
} as const;

export type MatchTrigger = 'published' | 'amended' | 'nightly';

export interface MatchScenarioJobData {
  scenarioId: string;
  trigger: MatchTrigger;
}

export interface MatchVendorJobData {
  organisationId: string;
  trigger: 'profile' | 'verified' | 'nightly';
}

/** Fixed id of the nightly rematch's job scheduler (upserted at every worker start). */
export const REMATCH_ALL_SCHEDULER_ID = 'matching-rematch-all';
/** 02:30 every night, Huzhou time. */
export const REMATCH_ALL_CRON = '30 2 * * *';
export const REMATCH_ALL_TZ = 'Asia/Shanghai';

/** Job ids: one job per subject and version (BullMQ allows exactly two colons). */
export const matchingJobIds = {
  scenarioPublished: (scenarioId: string, version: number) => `scenario:${scenarioId}:v${version}`,
  scenarioAmended: (scenarioId: string, amendmentNo: number) => `scenario:${scenarioId}:a${amendmentNo}`,
  vendorProfile: (organisationId: string, version: number) => `vendor:${organisationId}:v${version}`,
  vendorVerified: (organisationId: string, version: number) => `vendor:${organisationId}:verified-v${version}`,
  nightlyScenario: (day: string, scenarioId: string) => `nightly:${day}:scenario-${scenarioId}`,
  nightlyVendor: (day: string, organisationId: string) => `nightly:${day}:vendor-${organisationId}`,
};
