import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentity1795517000100 implements MigrationInterface {
  name = 'CreateIdentity1795517000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('agency', 'vendor', 'enablement_centre')),
        name_zh text NOT NULL,
        name_en text NULL,
        uscc char(18) NOT NULL,
        district_code text NOT NULL,
        contact_name text NOT NULL,
        contact_phone text NOT NULL,
        contact_email text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'verified', 'rejected')),
        status_reason text NULL,
        status_changed_at timestamptz NULL,
        status_changed_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ux_organisation_uscc UNIQUE (uscc)
      )`);
    await q.query(`CREATE INDEX ix_organisation_status ON organisation (status, created_at)`);
    await q.query(`CREATE INDEX ix_organisation_type ON organisation (type)`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        organisation_id uuid NULL REFERENCES organisation (id),
        role text NOT NULL CHECK (role IN ('agency_officer', 'agency_admin', 'vendor_member', 'vendor_admin',
                                           'reviewer', 'staff', 'platform_admin')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_app_user_org_required CHECK (organisation_id IS NOT NULL OR role = 'reviewer')
      )`);
    await q.query(`CREATE UNIQUE INDEX ux_app_user_email ON app_user (lower(email))`);
    await q.query(`CREATE INDEX ix_app_user_organisation ON app_user (organisation_id)`);
    await q.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        parent_id uuid NULL,
        token_hash char(64) NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        revoked_reason text NULL,
        client_ip text NULL,
        user_agent text NULL,
        CONSTRAINT ux_refresh_token_hash UNIQUE (token_hash)
      )`);
    await q.query(`CREATE INDEX ix_refresh_token_family ON refresh_token (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_token_user ON refresh_token (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organisation`);
  }
}
