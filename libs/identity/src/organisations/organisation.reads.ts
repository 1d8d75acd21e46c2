import type { EntityManager } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

interface OrganisationRow {
  id: string;
  type: OrganisationEntity['type'];
  name_zh: string;
  name_en: string | null;
  uscc: string;
  district_code: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  status: OrganisationEntity['status'];
  status_reason: string | null;
  status_changed_at: Date | null;
  status_changed_by: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Primary-key read of one organisation, on every authorised request that touches one. Plain SQL
 * mapped by hand: TypeORM's find pipeline (query building, result transformation) cost more than
 * the query itself on this path. Writes still go through the entity manager.
 */
export async function findOrganisationById(em: EntityManager, id: string): Promise<OrganisationEntity | null> {
  const rows = (await em.query(
    `SELECT id, type, name_zh, name_en, uscc, district_code, contact_name, contact_phone, contact_email, status,
            status_reason, status_changed_at, status_changed_by, created_at, updated_at
       FROM organisation WHERE id = $1`,
    [id],
  )) as OrganisationRow[];
  const r = rows[0];
  if (!r) return null;
  return Object.assign(new OrganisationEntity(), {
    id: r.id,
    type: r.type,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    uscc: r.uscc,
    districtCode: r.district_code,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    status: r.status,
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at,
    statusChangedBy: r.status_changed_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}
