import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokens } from './auth/access-tokens';

@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokens],
  exports: [AccessTokens],
})
export class IdentityModule {}
