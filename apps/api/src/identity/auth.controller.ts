import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import {
  AuthService,
  ChangePasswordDto,
  LoginDto,
  MeView,
  OrganisationService,
  RefreshTokenDto,
  RegisterDto,
  UpdateMeDto,
  RegistrationView,
  SessionView,
  TokenPairView,
  UserService,
} from '@app/identity';
import { Authenticated, Public, RateLimited } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';

const client = (req: FastifyRequest) => ({ userAgent: req.headers['user-agent'] ?? null });

/**
 * The access token as a cookie scoped to the queue dashboard, which browsers open without an
 * Authorization header. HttpOnly and SameSite=Strict; the dashboard refuses cookie-only writes from
 * other sites.
 */
const DASHBOARD_COOKIE = (token: string, maxAge: number) =>
  `sx_access_token=${token}; Path=/admin/queues; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;

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
  async login(
    @Ctx() ctx: RequestContext,
    @Body() body: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const session = await this.auth.login(ctx, body, client(req));
    void reply.header('set-cookie', DASHBOARD_COOKIE(session.accessToken, session.expiresIn));
    return session;
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
  async logout(
    @Ctx() ctx: RequestContext,
    @Body() body: RefreshTokenDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(ctx, body.refreshToken);
    void reply.header('set-cookie', DASHBOARD_COOKIE('', 0));
  }

  @Post('change-password')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse()
  changePassword(@Ctx() ctx: RequestContext & { actor: Actor }, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(ctx, body);
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: MeView })
  me(@Ctx() ctx: RequestContext & { actor: Actor }): Promise<MeView> {
    return this.users.me(ctx.actor);
  }

  @Patch('me')
  @Authenticated()
  @ApiOkResponse({ type: MeView })
  updateMe(@Ctx() ctx: RequestContext & { actor: Actor }, @Body() body: UpdateMeDto): Promise<MeView> {
    return this.users.updateMe(ctx.actor, body);
  }
}
