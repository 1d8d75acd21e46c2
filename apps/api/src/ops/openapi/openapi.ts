import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { AppConfig } from '@app/config';
import { ACCESS_POLICY, type AccessPolicy } from '../../access/access.decorators';

export const OPENAPI_TITLE = 'Scenario Exchange API / 场景机会清单平台';
/** Swagger UI; the JSON document is served at `${DOCS_PATH}-json`. */
export const DOCS_PATH = '/api/docs';
export const DOCS_JSON_PATH = `${DOCS_PATH}-json`;
/** Name of the security scheme (HTTP bearer, JWT access token). */
export const BEARER_AUTH = 'bearerAuth';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Operation ids are `Controller_method`, so each operation can be matched with its access policy. */
const operationId = (controllerKey: string, methodKey: string) =>
  controllerKey ? `${controllerKey}_${methodKey}` : methodKey;

/** The access policy (`@Public()`, `@Authenticated()`, `@Roles(...)`) of every controller method, by operation id. */
function accessPolicies(app: INestApplication): Map<string, AccessPolicy> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const policies = new Map<string, AccessPolicy>();
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const { metatype } = wrapper;
    if (!metatype || typeof metatype !== 'function') continue;
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[method] as (...args: unknown[]) => unknown;
      const policy = reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, metatype]);
      if (policy) policies.set(operationId(metatype.name, method), policy);
    }
  }
  return policies;
}

const errorResponse = (description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/** Security requirements and 401/403 responses follow each route's declared access policy. */
function applyAccessPolicies(document: OpenAPIObject, policies: Map<string, AccessPolicy>): void {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as (OperationObject & Record<`x-${string}`, unknown>) | undefined;
      if (!operation) continue;
      const policy = operation.operationId ? policies.get(operation.operationId) : undefined;
      operation['x-access-policy'] = policy?.kind ?? 'undeclared';
      if (policy?.kind === 'public') {
        operation.security = [];
        continue;
      }
      // Authenticated, role-restricted, or unknown to us (a custom operationId): document the token.
      operation.security = [{ [BEARER_AUTH]: [] }];
      operation.responses['401'] ??= errorResponse('Missing, invalid or expired access token.');
      if (policy?.kind === 'roles') {
        operation['x-roles'] = [...policy.roles];
        operation.responses['403'] ??= errorResponse(`Only for roles: ${policy.roles.join(', ')}.`);
        const line = `**Roles:** ${policy.roles.join(', ')}`;
        operation.description = operation.description ? `${operation.description}\n\n${line}` : line;
      }
    }
  }
}

/** The error shape every route answers with (see apps/api/src/errors/domain-error.filter.ts). */
const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 403 },
    code: { type: 'string', example: 'ACCESS_FORBIDDEN' },
    message: { type: 'string', description: 'In the caller’s language (Accept-Language: zh-CN or en).' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
      },
    },
    details: { type: 'object', additionalProperties: true },
    requestId: { type: 'string' },
    errorId: { type: 'string', description: 'Only for unexpected errors: quote it to support.' },
  },
} as const;

/** OpenAPI 3 document generated from the controllers and DTOs (`@ApiProperty`; no CLI plugin). */
export function createOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle(OPENAPI_TITLE)
    .setDescription(
      'Huzhou AI scenario opportunity list platform (湖州市人工智能场景机会清单). Business routes live under `/api/v1`. ' +
        'Send the access token as `Authorization: Bearer <token>`. Errors use the `ErrorBody` shape, in the ' +
        'language negotiated from `Accept-Language` (zh-CN by default, en).',
    )
    .setVersion(config.APP_VERSION ?? 'dev')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Short-lived access token (JWT, HS256).' },
      BEARER_AUTH,
    )
    .build();
  const document = SwaggerModule.createDocument(app, base, { operationIdFactory: operationId });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ErrorBody: ERROR_BODY_SCHEMA as never },
  };
  applyAccessPolicies(document, accessPolicies(app));
  return document;
}

/** Swagger UI at /api/docs and the JSON at /api/docs-json (outside the /api/v1 prefix, no token needed). */
export function mountOpenApi(app: INestApplication, config: AppConfig): void {
  const document = createOpenApiDocument(app, config);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Scenario Exchange API',
    swaggerOptions: { persistAuthorization: true },
  });
}
