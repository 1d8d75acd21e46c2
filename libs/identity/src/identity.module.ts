import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { AccessTokens } from './auth/access-tokens';
import { AuthService } from './auth/auth.service';
import { Passwords } from './auth/passwords';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { OrganisationEntity } from './organisations/organisation.entity';
import { OrganisationService } from './organisations/organisation.service';
import { UserEntity } from './users/user.entity';
import { UserService } from './users/user.service';

@Module({
  imports: [TypeOrmModule.forFeature([OrganisationEntity, UserEntity, RefreshTokenEntity]), AuditModule, OutboxModule],
  providers: [AccessTokens, Passwords, AuthService, OrganisationService, UserService],
  exports: [AccessTokens, AuthService, OrganisationService, UserService],
})
export class IdentityModule {}
