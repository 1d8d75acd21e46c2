import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sign, verify, type JwtPayload } from 'jsonwebtoken';
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

/** The verification settings, shared with the benchmark's raw baseline so both check tokens alike. */
export function accessTokenVerifyOptions(config: AppConfig) {
  return {
    algorithms: [...ACCESS_TOKEN_ALGORITHMS],
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ignoreExpiration: false,
  };
}

/** Short-lived access tokens: HS256, issuer and audience checked, expiry enforced. */
@Injectable()
export class AccessTokens {
  /**
   * A KeyObject built once: given a string, jsonwebtoken first tries to parse it as a PEM public
   * key on every call, which cost more than the rest of the request.
   */
  private readonly key: KeyObject;
  private readonly verifyOptions: ReturnType<typeof accessTokenVerifyOptions>;

  constructor(private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.JWT_ACCESS_SECRET, 'utf8'));
    this.verifyOptions = accessTokenVerifyOptions(config);
  }

  sign(actor: Actor): { token: string; expiresIn: number } {
    const claims: AccessClaims = { sub: actor.userId, org: actor.organisationId, role: actor.role, typ: 'access' };
    const token = sign(claims, this.key, {
      algorithm: ACCESS_TOKEN_ALGORITHMS[0],
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
    });
    return { token, expiresIn: this.config.JWT_ACCESS_TTL_SECONDS };
  }

  verify(token: string): Actor {
    let claims: JwtPayload & Partial<AccessClaims>;
    try {
      claims = verify(token, this.key, this.verifyOptions) as JwtPayload & Partial<AccessClaims>;
    } catch {
      throw new AccessError('ACCESS_TOKEN_INVALID');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !claims.role || !ROLES.includes(claims.role)) {
      throw new AccessError('ACCESS_TOKEN_INVALID');
    }
    return { userId: claims.sub, organisationId: claims.org ?? null, role: claims.role };
  }
}
