import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessError, type Actor, type RequestContext, systemContext } from '@app/common';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { IdentityError } from '../identity.errors';
import { identityPolicy } from '../policy/identity.policy';
import { OrganisationView, UserPageView, UserView } from '../dto/identity.views';
import { newestFirstPage } from '@app/database';
import type { ListUsersQuery, NewMemberDto, NewUserDto, UpdateMeDto } from '../dto/identity.dto';
import { Passwords } from '../auth/passwords';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { OrganisationService, type NewOrganisation } from '../organisations/organisation.service';
import { UserEntity } from './user.entity';
import { emailTaken, insertUser, type NewUserRow } from './user-writes';

function summary(u: UserEntity) {
  return {
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    organisationId: u.organisationId,
    status: u.status,
  };
}

@Injectable()
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly passwords: Passwords,
    private readonly organisations: OrganisationService,
  ) {}

  async me(actor: Actor): Promise<{ user: UserView; organisation: OrganisationView | null }> {
    const user = await this.dataSource.manager.findOne(UserEntity, { where: { id: actor.userId } });
    if (!user) throw new IdentityError('IDENTITY_USER_NOT_FOUND');
    const org = user.organisationId
      ? await this.dataSource.manager.findOne(OrganisationEntity, { where: { id: user.organisationId } })
      : null;
    return { user: UserView.of(user), organisation: org ? OrganisationView.of(org) : null };
  }

  /** The caller's own settings (today the email language); answers as `me`. */
  async updateMe(actor: Actor, dto: UpdateMeDto): Promise<{ user: UserView; organisation: OrganisationView | null }> {
    if (dto.locale !== undefined) {
      const { affected } = await this.dataSource.manager.update(
        UserEntity,
        { id: actor.userId },
        { locale: dto.locale },
      );
      if (!affected) throw new IdentityError('IDENTITY_USER_NOT_FOUND');
    }
    return this.me(actor);
  }

  async listMembers(actor: Actor, organisationId: string): Promise<UserView[]> {
    const org = await this.organisations.findVisible(this.dataSource.manager, actor, organisationId);
    const users = await this.dataSource.manager.find(UserEntity, {
      where: { organisationId: org.id },
      order: { createdAt: 'ASC' },
    });
    return users.map(UserView.of);
  }

  /** Users of one role, newest first (keyset): the centre's pickers (e.g. reviewers for a panel). */
  async listByRole(query: ListUsersQuery): Promise<UserPageView> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').where('u.role = :role', {
      role: query.role,
    });
    const page = await newestFirstPage(qb, 'u', query.cursor, query.limit ?? 20);
    return { items: page.items.map(UserView.of), nextCursor: page.nextCursor };
  }

  /** An organisation admin (or the platform admin) adds a member with a role the organisation type allows. */
  async addMember(
    ctx: RequestContext & { actor: Actor },
    organisationId: string,
    input: NewMemberDto,
  ): Promise<UserView> {
    const org = await this.organisations.findVisible(this.dataSource.manager, ctx.actor, organisationId);
    if (!identityPolicy.canManageMembers(ctx.actor, org)) throw new AccessError('ACCESS_FORBIDDEN');
    if (!identityPolicy.assignableRoles(ctx.actor, org).includes(input.role)) {
      throw new IdentityError('IDENTITY_ROLE_NOT_ALLOWED', { role: input.role }, 'role');
    }
    return this.createUser(ctx, { ...input, organisationId: org.id }, 'user.add_member');
  }

  /** Staff register an expert reviewer, who may belong to no organisation. */
  async addReviewer(ctx: RequestContext & { actor: Actor }, input: NewUserDto): Promise<UserView> {
    return this.createUser(ctx, { ...input, role: 'reviewer', organisationId: null }, 'user.add_reviewer');
  }

  /**
   * The first platform admin (CLI). Creates the enablement centre's organisation if it does not exist
   * yet, then the admin in it. Returns null without changing anything if the email is already taken.
   */
  async bootstrapPlatformAdmin(
    input: NewUserDto,
    centre: NewOrganisation,
  ): Promise<{ user: UserView; organisation: OrganisationView } | null> {
    this.passwords.assertStrong(input.password, 'password');
    const ctx = systemContext(`cli-${Date.now()}`);
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (em) => {
      if (await emailTaken(em, input.email)) return null;
      const org =
        (await em.findOne(OrganisationEntity, { where: { type: 'enablement_centre' }, order: { createdAt: 'ASC' } })) ??
        (await this.organisations.createWithStatus(em, ctx, centre, 'verified'));
      const user = await this.insertAndRecord(
        em,
        ctx,
        {
          email: input.email,
          passwordHash,
          displayName: input.displayName,
          organisationId: org.id,
          role: 'platform_admin',
        },
        'user.bootstrap_admin',
      );
      return { user: UserView.of(user), organisation: OrganisationView.of(org) };
    });
  }

  private async createUser(
    ctx: RequestContext,
    input: NewUserDto & Pick<NewUserRow, 'role' | 'organisationId'>,
    action: string,
  ): Promise<UserView> {
    this.passwords.assertStrong(input.password, 'password');
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (em) => {
      const user = await this.insertAndRecord(
        em,
        ctx,
        {
          email: input.email,
          passwordHash,
          displayName: input.displayName,
          organisationId: input.organisationId,
          role: input.role,
        },
        action,
      );
      return UserView.of(user);
    });
  }

  private async insertAndRecord(
    em: EntityManager,
    ctx: RequestContext,
    row: NewUserRow,
    action: string,
  ): Promise<UserEntity> {
    const user = await insertUser(em, row);
    await this.outbox.publish(em, ctx, {
      type: 'user.created',
      aggregateType: 'user',
      aggregateId: user.id,
      payload: { userId: user.id, organisationId: user.organisationId, role: user.role },
    });
    await this.audit.record(em, ctx, { action, objectType: 'user', objectId: user.id, after: summary(user) });
    return user;
  }
}
