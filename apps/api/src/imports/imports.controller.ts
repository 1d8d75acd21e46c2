import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, interpolate, type RequestContext } from '@app/common';
import {
  ImportRejectedError,
  type ImportResult,
  ImportScenariosQuery,
  ImportService,
  ImportVendorsQuery,
  readImportUpload,
} from '@app/imports';
import { Roles } from '../access/access.decorators';
import { errorBody } from '../errors/domain-error.filter';
import { RULE_MESSAGES } from '../errors/error-status';
import { Ctx, negotiateLocale } from '../http/request-context.decorator';
import { singleFileUpload } from '../http/multipart-upload';

type ActorContext = RequestContext & { actor: Actor };

const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: '.csv (UTF-8), .xlsx or .json in the documented import format; type checked from the content',
      },
    },
  },
};

/**
 * A refused import: the usual error body, with `errors` as `{row, field, code, message}` — the row
 * (spreadsheet row with the header as row 1; JSON: 1-based item; null for the whole file) and the column.
 */
@Catch(ImportRejectedError)
export class ImportRejectedFilter implements ExceptionFilter {
  catch(error: ImportRejectedError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const locale = negotiateLocale(request.headers['accept-language']);
    const body = errorBody(error, locale, String(request.id));
    const errors = error.rowErrors.map((e) => ({
      row: e.row,
      field: e.field,
      code: e.rule,
      message: RULE_MESSAGES[e.rule]
        ? interpolate(RULE_MESSAGES[e.rule][locale], e.params)
        : String(e.params?.message ?? e.rule),
    }));
    void http
      .getResponse<FastifyReply>()
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ ...body, errors });
  }
}

/** Imports of scenarios and vendor profiles from CSV, XLSX or JSON (the enablement centre). */
@ApiTags('imports')
@Controller('imports')
@UseFilters(ImportRejectedFilter)
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post('scenarios')
  @Roles('staff', 'platform_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ description: 'Counts and the created scenario ids (200 for a dry run)' })
  async scenarios(
    @Ctx() ctx: ActorContext,
    @Query() query: ImportScenariosQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResult> {
    const file = await readImportUpload(await singleFileUpload(request));
    const result = await this.imports.importScenarios(ctx, file, query);
    void reply.status(result.dryRun ? 200 : 201);
    return result;
  }

  @Post('vendors')
  @Roles('staff', 'platform_admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ description: 'Counts and the created or updated organisation ids (200 for a dry run)' })
  async vendors(
    @Ctx() ctx: ActorContext,
    @Query() query: ImportVendorsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResult> {
    const file = await readImportUpload(await singleFileUpload(request));
    const result = await this.imports.importVendors(ctx, file, query);
    void reply.status(result.dryRun ? 200 : 201);
    return result;
  }
}
