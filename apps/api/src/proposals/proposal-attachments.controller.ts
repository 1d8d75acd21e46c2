import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '@app/common';
import { ProposalAttachmentService, ProposalAttachmentView } from '@app/proposals';
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
        description: 'PDF, PNG, JPEG, WebP, GIF, docx/xlsx/pptx or doc/xls/ppt; type sniffed, stored sealed',
      },
    },
  },
};

/** Files of a proposal: the lead uploads and removes them while it is a draft; its readers download them. */
@ApiTags('proposals')
@Controller('proposals/:id/attachments')
export class ProposalAttachmentsController {
  constructor(private readonly attachments: ProposalAttachmentService) {}

  @Post()
  @Roles('vendor_member', 'vendor_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: ProposalAttachmentView })
  async upload(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ProposalAttachmentView> {
    return this.attachments.upload(ctx, id, await singleFileUpload(request));
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [ProposalAttachmentView] })
  list(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalAttachmentView[]> {
    return this.attachments.list(ctx.actor, id);
  }

  @Get(':attachmentId')
  @Authenticated()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file (unsealed), with its stored media type' })
  async download(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendAttachment(request, reply, await this.attachments.download(ctx.actor, id, attachmentId), 'private, no-store');
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Roles('vendor_member', 'vendor_admin')
  @ApiNoContentResponse()
  remove(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(ctx, id, attachmentId);
  }
}
