import { Body, Controller, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import { NewUserDto, UserService, UserView } from '@app/identity';
import { Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  /** Expert reviewers (专家) are registered by the enablement centre and may belong to no organisation. */
  @Post('reviewers')
  @Roles('staff', 'platform_admin')
  @ApiOkResponse({ type: UserView })
  addReviewer(@Ctx() ctx: RequestContext & { actor: Actor }, @Body() body: NewUserDto): Promise<UserView> {
    return this.users.addReviewer(ctx, body);
  }
}
