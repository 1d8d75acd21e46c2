import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@app/common';
import { DeliveryListQuery, type DeliveryView, EmailDeliveryService } from '@app/notifications';
import { Roles } from '../access/access.decorators';
import { UuidParamPipe } from '../http/uuid-param.pipe';

/** Staff view of notification deliveries (failed ones by default) and the retry button. */
@ApiTags('notifications')
@Controller('admin/notification-deliveries')
export class NotificationDeliveriesController {
  constructor(private readonly emails: EmailDeliveryService) {}

  @Get()
  @Roles('staff', 'platform_admin')
  list(@Query() query: DeliveryListQuery): Promise<Page<DeliveryView>> {
    return this.emails.list(query);
  }

  /** A failed delivery goes back to pending with fresh attempts and is sent by the worker. */
  @Post(':id/retry')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  retry(@Param('id', UuidParamPipe) id: string): Promise<DeliveryView> {
    return this.emails.retry(id);
  }
}
