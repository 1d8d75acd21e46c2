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
import { AttachmentService, AttachmentView } from '@app/scenarios';
import { Authenticated, Public, Roles } from '../access/access.decorators';
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

/** Files attached to a scenario: the owning agency uploads and removes them while it is editable. */
@ApiTags('scenarios')
@Controller('scenarios/:id/attachments')
export class ScenarioAttachmentsController {
  constructor(private readonly attachments: AttachmentService) {}

  @Post()
  @Roles('agency_officer', 'agency_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentView })
  async upload(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentView> {
    return this.attachments.upload(ctx, id, await singleFileUpload(request));
  }

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: [AttachmentView] })
  list(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<AttachmentView[]> {
    return this.attachments.list(ctx.actor, id);
  }

  @Get(':attachmentId')
  @Authenticated()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its stored media type' })
  async download(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendAttachment(request, reply, await this.attachments.download(ctx.actor, id, attachmentId), 'private, no-cache');
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Roles('agency_officer', 'agency_admin')
  @ApiNoContentResponse()
  remove(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
  ): Promise<void> {
    return this.attachments.remove(ctx, id, attachmentId);
  }
}

/** Attachments of public scenarios, for anyone. */
@ApiTags('public')
@Controller('public/scenarios/:codeOrId/attachments')
export class PublicAttachmentsController {
  constructor(private readonly attachments: AttachmentService) {}

  @Get(':attachmentId')
  @Public()
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file, with its stored media type' })
  async download(
    @Param('codeOrId') codeOrId: string,
    @Param('attachmentId', UuidParamPipe) attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendAttachment(
      request,
      reply,
      await this.attachments.downloadPublic(codeOrId, attachmentId),
      'public, max-age=300',
    );
  }
}
