import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import {
  AuthService,
  ChangePasswordDto,
  LoginDto,
  MeView,
  OrganisationService,
  RefreshTokenDto,
  RegisterDto,
  RegistrationView,
  SessionView,
  TokenPairView,
  UserService,
} from '@app/identity';
import { Authenticated, Public, RateLimited } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';

const client = (req: FastifyRequest) => ({ userAgent: req.headers['user-agent'] ?? null });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly organisations: OrganisationService,
    private readonly users: UserService,
  ) {}

  /** An agency or vendor registers itself and its first (admin) user; staff verify it later. */
  @Post('register')
  @Public()
  @RateLimited('register')
  register(@Ctx() ctx: RequestContext, @Body() body: RegisterDto): Promise<RegistrationView> {
    return this.organisations.register(ctx, body);
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  @RateLimited('login')
  @ApiOkResponse({ type: SessionView })
  login(@Ctx() ctx: RequestContext, @Body() body: LoginDto, @Req() req: FastifyRequest): Promise<SessionView> {
    return this.auth.login(ctx, body, client(req));
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @RateLimited('login')
  @ApiOkResponse({ type: TokenPairView })
  refresh(
    @Ctx() ctx: RequestContext,
    @Body() body: RefreshTokenDto,
    @Req() req: FastifyRequest,
  ): Promise<TokenPairView> {
    return this.auth.refresh(ctx, body.refreshToken, client(req));
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiNoContentResponse()
  logout(@Ctx() ctx: RequestContext, @Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(ctx, body.refreshToken);
  }

  @Post('change-password')
  @HttpCode(204)
  @Authenticated()
  @ApiBearerAuth()
  @ApiNoContentResponse()
  changePassword(@Ctx() ctx: RequestContext & { actor: Actor }, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(ctx, body);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeView })
  me(@Ctx() ctx: RequestContext & { actor: Actor }): Promise<MeView> {
    return this.users.me(ctx.actor);
  }
}
