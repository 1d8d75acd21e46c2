import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, type Page, type RequestContext, type OrganisationType } from '@app/common';
import { AuditService } from '@app/audit';
import { newestFirstPage } from '@app/database';
import { OutboxService } from '@app/outbox';
import { IdentityError } from '../identity.errors';
import { violatedUniqueConstraint } from '../db-errors';
import { insertUser } from '../users/user-writes';
import { identityPolicy } from '../policy/identity.policy';
import { OrganisationView, RegistrationView, UserView } from '../dto/identity.views';
import type { ListOrganisationsQuery, RegisterDto } from '../dto/identity.dto';
import { Passwords } from '../auth/passwords';
import type { UserEntity } from '../users/user.entity';
import { OrganisationEntity } from './organisation.entity';
import { findOrganisationById } from './organisation.reads';
import { organisationLifecycle, type OrganisationStatus, type OrganisationTransition } from './organisation-status';

export interface NewOrganisation {
  type: OrganisationType;
  nameZh: string;
  nameEn?: string | null;
  uscc: string;
  districtCode: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

const ADMIN_ROLE = { agency: 'agency_admin', vendor: 'vendor_admin', enablement_centre: 'platform_admin' } as const;

function summary(o: OrganisationEntity) {
  return { type: o.type, nameZh: o.nameZh, uscc: o.uscc, districtCode: o.districtCode, status: o.status };
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly passwords: Passwords,
  ) {}

  /** Self-registration: an agency or vendor (pending until staff verify it) and its first admin user. */
  async register(ctx: RequestContext, input: RegisterDto): Promise<RegistrationView> {
    this.passwords.assertStrong(input.user.password, 'user.password');
    const passwordHash = await this.passwords.hash(input.user.password);
    return this.dataSource.transaction(async (em) => {
      const organisation = await this.insertOrganisation(
        em,
        { ...input.organisation, nameEn: input.organisation.nameEn ?? null },
        'pending',
      );
      const user = await this.insertUser(em, {
        email: input.user.email,
        passwordHash,
        displayName: input.user.displayName,
        organisationId: organisation.id,
        role: ADMIN_ROLE[organisation.type],
      });
      await this.outbox.publish(em, ctx, {
        type: 'organisation.registered',
        aggregateType: 'organisation',
        aggregateId: organisation.id,
        payload: { organisationId: organisation.id, type: organisation.type, nameZh: organisation.nameZh },
      });
      const registeredBy = { ...ctx, actor: { userId: user.id, organisationId: organisation.id, role: user.role } };
      await this.audit.record(em, registeredBy, {
        action: 'organisation.register',
        objectType: 'organisation',
        objectId: organisation.id,
        after: { ...summary(organisation), adminUserId: user.id, adminEmail: user.email },
      });
      return { organisation: OrganisationView.of(organisation), user: UserView.of(user) };
    });
  }

  /** Used by the CLI and the seeder: an organisation created directly with a given status. */
  async createWithStatus(
    em: EntityManager,
    ctx: RequestContext,
    input: NewOrganisation,
    status: OrganisationStatus,
  ): Promise<OrganisationEntity> {
    const organisation = await this.insertOrganisation(em, input, status);
    await this.audit.record(em, ctx, {
      action: 'organisation.create',
      objectType: 'organisation',
      objectId: organisation.id,
      after: summary(organisation),
    });
    return organisation;
  }

  async list(query: ListOrganisationsQuery): Promise<Page<OrganisationView>> {
    const qb = this.dataSource.getRepository(OrganisationEntity).createQueryBuilder('o');
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    const page = await newestFirstPage(qb, 'o', query.cursor, query.limit ?? 20);
    return { items: page.items.map(OrganisationView.of), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<OrganisationView> {
    return OrganisationView.of(await this.findVisible(this.dataSource.manager, actor, id));
  }

  /** Staff decision on a pending (or earlier rejected) organisation. */
  async decide(
    ctx: RequestContext & { actor: Actor },
    id: string,
    transition: OrganisationTransition,
    reason: string | null,
  ): Promise<OrganisationView> {
    if (!organisationLifecycle.allows(transition, ctx.actor.role)) throw new AccessError('ACCESS_FORBIDDEN');
    return this.dataSource.transaction(async (em) => {
      const org = await em.findOne(OrganisationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!org) throw new IdentityError('IDENTITY_ORGANISATION_NOT_FOUND');
      const before = summary(org);
      org.status = organisationLifecycle.next(org.status, transition);
      org.statusReason = reason;
      org.statusChangedAt = new Date();
      org.statusChangedBy = ctx.actor.userId;
      await em.save(org);
      await this.outbox.publish(
        em,
        ctx,
        transition === 'verify'
          ? {
              type: 'organisation.verified',
              aggregateType: 'organisation',
              aggregateId: org.id,
              payload: { organisationId: org.id },
            }
          : {
              type: 'organisation.rejected',
              aggregateType: 'organisation',
              aggregateId: org.id,
              payload: { organisationId: org.id, reason: reason ?? '' },
            },
      );
      await this.audit.record(em, ctx, {
        action: `organisation.${transition}`,
        objectType: 'organisation',
        objectId: org.id,
        before,
        after: { ...summary(org), reason },
      });
      return OrganisationView.of(org);
    });
  }

  /** The organisation if `actor` may see it; otherwise not found (its existence is not revealed). */
  async findVisible(em: EntityManager, actor: Actor, id: string): Promise<OrganisationEntity> {
    const org = await findOrganisationById(em, id);
    if (!org || !identityPolicy.canViewOrganisation(actor, org)) {
      throw new IdentityError('IDENTITY_ORGANISATION_NOT_FOUND');
    }
    return org;
  }

  private async insertOrganisation(em: EntityManager, input: NewOrganisation, status: OrganisationStatus) {
    const exists = await em.exists(OrganisationEntity, { where: { uscc: input.uscc } });
    if (exists) throw new IdentityError('IDENTITY_USCC_TAKEN', {}, 'organisation.uscc');
    try {
      return await em.save(em.create(OrganisationEntity, { ...input, nameEn: input.nameEn ?? null, status }));
    } catch (e) {
      if (violatedUniqueConstraint(e) === 'ux_organisation_uscc') {
        throw new IdentityError('IDENTITY_USCC_TAKEN', {}, 'organisation.uscc');
      }
      throw e;
    }
  }

  private async insertUser(
    em: EntityManager,
    input: Pick<UserEntity, 'email' | 'passwordHash' | 'displayName' | 'organisationId' | 'role'>,
  ): Promise<UserEntity> {
    return insertUser(em, input, 'user.email');
  }
}
