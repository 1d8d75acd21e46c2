import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessError, type Actor, ROLES, type Role } from '@app/common';
import { AppConfig } from '@app/config';

interface AccessClaims {
  sub: string;
  org: string | null;
  role: Role;
  typ: 'access';
}

/** Only this algorithm is accepted: `none`, RS/ES confusion and anything else are refused. */
export const ACCESS_TOKEN_ALGORITHMS = ['HS256'] as const;

/** Short-lived access tokens: HS256, issuer and audience checked, expiry enforced. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  sign(actor: Actor): { token: string; expiresIn: number } {
    const claims: AccessClaims = { sub: actor.userId, org: actor.organisationId, role: actor.role, typ: 'access' };
    const token = this.jwt.sign(claims, {
      secret: this.config.JWT_ACCESS_SECRET,
      algorithm: ACCESS_TOKEN_ALGORITHMS[0],
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    });
    return { token, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }

  verify(token: string): Actor {
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, {
        secret: this.config.JWT_ACCESS_SECRET,
        algorithms: [...ACCESS_TOKEN_ALGORITHMS],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        ignoreExpiration: false,
      });
    } catch {
      throw new AccessError('ACCESS_TOKEN_INVALID');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !ROLES.includes(claims.role)) {
      throw new AccessError('ACCESS_TOKEN_INVALID');
    }
    return { userId: claims.sub, organisationId: claims.org ?? null, role: claims.role };
  }
}
