import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicVendorDetail, PublicVendorPage, PublicVendorQuery, PublicVendorService } from '@app/vendors';
import { Public } from '../access/access.decorators';
import { sendCacheable } from '../http/http-cache';
import { UuidParamPipe } from '../http/uuid-param.pipe';

/** The public capability list (场景能力清单): anyone may search and read verified vendors' profiles. */
@ApiTags('public')
@Controller('public/vendors')
export class PublicVendorsController {
  constructor(private readonly vendors: PublicVendorService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: PublicVendorPage })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async list(
    @Query() query: PublicVendorQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCacheable(request, reply, await this.vendors.list(query));
  }

  @Get(':id')
  @Public()
  @ApiOkResponse({ type: PublicVendorDetail })
  @ApiNotModifiedResponse({ description: 'If-None-Match matched the ETag' })
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendCacheable(request, reply, await this.vendors.get(id));
  }
}
