import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import { ListUsersQuery, NewUserDto, UserPageView, UserService, UserView } from '@app/identity';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  /** Users of one role (e.g. `reviewer` for the panel picker): the centre only. */
  @Get()
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: UserPageView })
  list(@Query() query: ListUsersQuery): Promise<UserPageView> {
    return this.users.listByRole(query);
  }

  /** Expert reviewers (专家) are registered by the enablement centre and may belong to no organisation. */
  @Post('reviewers')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: UserView })
  addReviewer(@Ctx() ctx: RequestContext & { actor: Actor }, @Body() body: NewUserDto): Promise<UserView> {
    return this.users.addReviewer(ctx, body);
  }
}
