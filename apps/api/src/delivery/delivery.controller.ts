import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import {
  CreateProgressReportDto,
  DeliveryOverviewView,
  DeliveryService,
  DeliveryStartView,
  MilestoneChangeView,
  MilestoneService,
  MilestoneView,
  ProgressAttachmentView,
  ProgressReportService,
  ProgressReportView,
  ProposeMilestoneChangeDto,
  RefuseMilestoneChangeDto,
  ReturnMilestoneDto,
} from '@app/delivery';
import { Authenticated, Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { singleFileUpload } from '../http/multipart-upload';
import { sendAttachment } from '../http/send-attachment';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: 'PDF, PNG, JPEG, WebP, GIF, docx/xlsx/pptx or doc/xls/ppt; type sniffed from the content',
      },
    },
  },
};

/**
 * Delivery (实施): start, the delivery view, milestones changed by agreement and reported/confirmed,
 * progress reports with files. Object rules (which vendor, which agency) are the services'.
 */
@ApiTags('delivery')
@Controller('scenarios/:id/delivery')
export class DeliveryController {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly milestones: MilestoneService,
    private readonly reports: ProgressReportService,
  ) {}

  /** Staff start delivery once the award's standstill has ended with no open objection. */
  @Post('start')
  @HttpCode(200)
  @Roles('staff')
  @ApiOkResponse({ type: DeliveryStartView })
  start(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<DeliveryStartView> {
    return this.deliveries.start(ctx, id);
  }

  /** The winning vendors' users, the owning agency and the centre. */
  @Get()
  @Authenticated()
  @ApiOkResponse({ type: DeliveryOverviewView })
  overview(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<DeliveryOverviewView> {
    return this.deliveries.overview(ctx.actor, id);
  }

  /** The lead vendor or the owning agency proposes a change; the other party answers it. */
  @Post('milestones/:milestoneId/changes')
  @Roles('vendor_admin', 'vendor_member', 'agency_officer', 'agency_admin')
  @ApiCreatedResponse({ type: MilestoneChangeView })
  proposeChange(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
    @Body() body: ProposeMilestoneChangeDto,
  ): Promise<MilestoneChangeView> {
    return this.milestones.proposeChange(ctx, id, milestoneId, body);
  }

  @Post('milestone-changes/:changeId/agree')
  @HttpCode(200)
  @Roles('vendor_admin', 'vendor_member', 'agency_officer', 'agency_admin')
  @ApiOkResponse({ type: MilestoneView })
  agree(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('changeId', UuidParamPipe) changeId: string,
  ): Promise<MilestoneView> {
    return this.milestones.answerChange(ctx, id, changeId, 'agree');
  }

  @Post('milestone-changes/:changeId/refuse')
  @HttpCode(200)
  @Roles('vendor_admin', 'vendor_member', 'agency_officer', 'agency_admin')
  @ApiOkResponse({ type: MilestoneView })
  refuse(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('changeId', UuidParamPipe) changeId: string,
    @Body() body: RefuseMilestoneChangeDto,
  ): Promise<MilestoneView> {
    return this.milestones.answerChange(ctx, id, changeId, 'refuse', body.comment);
  }

  /** The lead vendor reports a milestone done. */
  @Post('milestones/:milestoneId/report')
  @HttpCode(200)
  @Roles('vendor_admin', 'vendor_member')
  @ApiOkResponse({ type: MilestoneView })
  reportMilestone(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
  ): Promise<MilestoneView> {
    return this.milestones.move(ctx, id, milestoneId, 'report');
  }

  /** The owning agency confirms a reported milestone. */
  @Post('milestones/:milestoneId/confirm')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: MilestoneView })
  confirmMilestone(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
  ): Promise<MilestoneView> {
    return this.milestones.move(ctx, id, milestoneId, 'confirm');
  }

  /** The owning agency returns a reported milestone to pending, with a reason. */
  @Post('milestones/:milestoneId/return')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_admin')
  @ApiOkResponse({ type: MilestoneView })
  returnMilestone(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('milestoneId', UuidParamPipe) milestoneId: string,
    @Body() body: ReturnMilestoneDto,
  ): Promise<MilestoneView> {
    return this.milestones.move(ctx, id, milestoneId, 'return', body.reason);
  }

  /** A progress report by the winning vendor (lead or consortium member). */
  @Post('reports')
  @Roles('vendor_admin', 'vendor_member')
  @ApiCreatedResponse({ type: ProgressReportView })
  createReport(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateProgressReportDto,
  ): Promise<ProgressReportView> {
    return this.reports.create(ctx, id, body);
  }

  @Post('reports/:reportId/attachments')
  @Roles('vendor_admin', 'vendor_member')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: ProgressAttachmentView })
  async uploadReportAttachment(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('reportId', UuidParamPipe) reportId: string,
    @Req() request: FastifyRequest,
  ): Promise<ProgressAttachmentView> {
    return this.reports.upload(ctx, id, reportId, await singleFileUpload(request));
  }

  @Get('reports/:reportId/attachments/:attachmentId')
  @Authenticated()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its stored media type' })
  async downloadReportAttachment(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('reportId', UuidParamPipe) reportId: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendAttachment(
      request,
      reply,
      await this.reports.download(ctx.actor, id, reportId, attachmentId),
      'private, no-cache',
    );
  }
}
