import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { type Actor, type RequestContext } from '@app/common';
import { AppConfig } from '@app/config';
import { AuditService } from '@app/audit';
import { OutboxService } from '@app/outbox';
import { IdentityError, type IdentityErrorCode } from '../identity.errors';
import { SessionView, type TokenPairView, UserView } from '../dto/identity.views';
import type { ChangePasswordDto, LoginDto } from '../dto/identity.dto';
import { UserEntity } from '../users/user.entity';
import { AccessTokens } from './access-tokens';
import { Passwords } from './passwords';
import { RefreshTokenEntity } from './refresh-token.entity';
import { newRefreshToken, parseRefreshToken, secretMatches } from './refresh-tokens';

/** Failures are returned, not thrown, so a family revoked for reuse is committed before the 401. */
type RefreshOutcome = { error: IdentityErrorCode } | { pair: TokenPairView };

export interface ClientInfo {
  userAgent?: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly passwords: Passwords,
    private readonly accessTokens: AccessTokens,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async login(ctx: RequestContext, input: LoginDto, client: ClientInfo = {}): Promise<SessionView> {
    const user = await this.dataSource
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: input.email })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? null, input.password);
    if (!user || !ok) throw new IdentityError('IDENTITY_INVALID_CREDENTIALS');
    if (user.status !== 'active') throw new IdentityError('IDENTITY_USER_DISABLED');
    return this.dataSource.transaction(async (em) => {
      await em.update(UserEntity, { id: user.id }, { lastLoginAt: new Date() });
      const pair = await this.issue(em, ctx, user, null, null, client);
      const actor = this.actorOf(user);
      await this.audit.record(em, { ...ctx, actor }, { action: 'auth.login', objectType: 'user', objectId: user.id });
      return { ...pair, user: UserView.of(user) };
    });
  }

  /**
   * Rotates a refresh token: the presented one is spent and a new one of the same family issued.
   * Presenting a spent token again means it leaked: the whole family is revoked (and stays revoked
   * even though the request fails).
   */
  async refresh(ctx: RequestContext, refreshToken: string, client: ClientInfo = {}): Promise<TokenPairView> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) throw new IdentityError('IDENTITY_REFRESH_TOKEN_INVALID');
    const outcome = await this.dataSource.transaction<RefreshOutcome>(async (em) => {
      const row = await em.findOne(RefreshTokenEntity, {
        where: { id: parsed.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || !secretMatches(parsed.secret, row.tokenHash))
        return { error: 'IDENTITY_REFRESH_TOKEN_INVALID' as const };
      if (row.revokedAt) return { error: 'IDENTITY_REFRESH_TOKEN_INVALID' as const };
      if (row.usedAt) {
        const revoked = await this.revokeFamily(em, row.familyId, 'reuse_detected');
        await this.audit.record(em, ctx, {
          action: 'auth.refresh_token_reuse',
          objectType: 'user',
          objectId: row.userId,
          after: { familyId: row.familyId, revokedTokens: revoked },
        });
        return { error: 'IDENTITY_REFRESH_TOKEN_REUSED' as const };
      }
      if (row.expiresAt.getTime() <= Date.now()) return { error: 'IDENTITY_REFRESH_TOKEN_INVALID' as const };
      const user = await em.findOne(UserEntity, { where: { id: row.userId } });
      if (!user || user.status !== 'active') return { error: 'IDENTITY_REFRESH_TOKEN_INVALID' as const };
      await em.update(RefreshTokenEntity, { id: row.id }, { usedAt: new Date() });
      const pair = await this.issue(em, ctx, user, row.familyId, row.id, client);
      await this.audit.record(
        em,
        { ...ctx, actor: this.actorOf(user) },
        { action: 'auth.refresh', objectType: 'user', objectId: user.id, after: { familyId: row.familyId } },
      );
      return { pair };
    });
    if ('error' in outcome) throw new IdentityError(outcome.error);
    return outcome.pair;
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
  async logout(ctx: RequestContext, refreshToken: string): Promise<void> {
    const parsed = parseRefreshToken(refreshToken);
    if (!parsed) return;
    await this.dataSource.transaction(async (em) => {
      const row = await em.findOne(RefreshTokenEntity, { where: { id: parsed.id } });
      if (!row || !secretMatches(parsed.secret, row.tokenHash)) return;
      const revoked = await this.revokeFamily(em, row.familyId, 'logout');
      if (revoked === 0) return;
      await this.audit.record(em, ctx, {
        action: 'auth.logout',
        objectType: 'user',
        objectId: row.userId,
        after: { familyId: row.familyId },
      });
    });
  }

  /** Changes the caller's password and ends all their sessions. */
  async changePassword(ctx: RequestContext & { actor: Actor }, input: ChangePasswordDto): Promise<void> {
    const user = await this.dataSource
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: ctx.actor.userId })
      .getOne();
    if (!user) throw new IdentityError('IDENTITY_USER_NOT_FOUND');
    if (!(await this.passwords.verify(user.passwordHash, input.currentPassword))) {
      throw new IdentityError('IDENTITY_WRONG_PASSWORD', {}, 'currentPassword');
    }
    this.passwords.assertStrong(input.newPassword, 'newPassword');
    const passwordHash = await this.passwords.hash(input.newPassword);
    await this.dataSource.transaction(async (em) => {
      await em.update(UserEntity, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      const revoked = await em
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ revokedAt: () => 'now()', revokedReason: 'password_changed' })
        .where('user_id = :userId AND revoked_at IS NULL', { userId: user.id })
        .execute();
      await this.outbox.publish(em, ctx, {
        type: 'user.password_changed',
        aggregateType: 'user',
        aggregateId: user.id,
        payload: { userId: user.id },
      });
      await this.audit.record(em, ctx, {
        action: 'user.change_password',
        objectType: 'user',
        objectId: user.id,
        after: { revokedRefreshTokens: revoked.affected ?? 0 },
      });
    });
  }

  private actorOf(user: UserEntity): Actor {
    return { userId: user.id, organisationId: user.organisationId, role: user.role };
  }

  private async issue(
    em: EntityManager,
    ctx: RequestContext,
    user: UserEntity,
    familyId: string | null,
    parentId: string | null,
    client: ClientInfo,
  ): Promise<TokenPairView> {
    const refresh = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await em.insert(RefreshTokenEntity, {
      id: refresh.id,
      userId: user.id,
      familyId: familyId ?? refresh.id,
      parentId,
      tokenHash: refresh.hash,
      issuedAt: new Date(),
      expiresAt,
      clientIp: ctx.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    const access = this.accessTokens.sign(this.actorOf(user));
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken: refresh.token,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }

  private async revokeFamily(em: EntityManager, familyId: string, reason: string): Promise<number> {
    const result = await em.update(
      RefreshTokenEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }
}
