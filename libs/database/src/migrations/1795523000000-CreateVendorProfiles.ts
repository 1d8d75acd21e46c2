import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendors' capability profiles (场景能力清单), one per vendor organisation. That the organisation is
 * a vendor is a foreign key too: (organisation_id, organisation_type) references organisation
 * (id, type), with organisation_type fixed to 'vendor' (hence the unique index on organisation).
 * `search_vector` is written by the application's analyzer (libs/vendors/src/vendor-search.ts).
 */
export class CreateVendorProfiles1795523000000 implements MigrationInterface {
  name = 'CreateVendorProfiles1795523000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX ux_organisation_id_type ON organisation (id, type)`);
    await q.query(`
      CREATE TABLE vendor_profile (
        organisation_id uuid PRIMARY KEY,
        organisation_type text NOT NULL DEFAULT 'vendor' CHECK (organisation_type = 'vendor'),
        domains text[] NOT NULL DEFAULT '{}',
        capability_codes text[] NOT NULL DEFAULT '{}',
        industry_fields text[] NOT NULL DEFAULT '{}',
        districts text[] NOT NULL DEFAULT '{}',
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 10000),
        products jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(products) = 'array'),
        past_cases jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(past_cases) = 'array'),
        certifications jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(certifications) = 'array'),
        team_size int NULL CONSTRAINT ck_vendor_profile_team_size CHECK (team_size >= 0),
        trl int NULL CONSTRAINT ck_vendor_profile_trl CHECK (trl BETWEEN 1 AND 9),
        typical_budget_min_yuan bigint NULL CHECK (typical_budget_min_yuan >= 0),
        typical_budget_max_yuan bigint NULL CHECK (typical_budget_max_yuan >= 0),
        search_vector tsvector NOT NULL DEFAULT '',
        version int NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_vendor_profile_vendor FOREIGN KEY (organisation_id, organisation_type)
          REFERENCES organisation (id, type),
        CONSTRAINT ck_vendor_profile_budget_range
          CHECK (typical_budget_min_yuan IS NULL OR typical_budget_max_yuan IS NULL
                 OR typical_budget_min_yuan <= typical_budget_max_yuan)
      )`);
    await q.query(`CREATE INDEX ix_vendor_profile_search ON vendor_profile USING gin (search_vector)`);
    // The capability list's default order, and capability matching (issue 5) by `&&`.
    await q.query(`CREATE INDEX ix_vendor_profile_newest ON vendor_profile (created_at DESC, organisation_id DESC)`);
    await q.query(`CREATE INDEX ix_vendor_profile_capabilities ON vendor_profile USING gin (capability_codes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vendor_profile`);
    await q.query(`DROP INDEX ux_organisation_id_type`);
  }
}
