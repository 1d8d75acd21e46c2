import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common';
import { AppConfig, AppConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule, redisOptionsFromUrl } from '@app/queue';
import { IdentityModule } from '@app/identity';
import { AuditModule } from '@app/audit';
import { ScenariosModule } from '@app/scenarios';
import { EvaluationModule } from '@app/evaluation';
import { ProposalsModule } from '@app/proposals';
import { VendorsModule } from '@app/vendors';
import { DeliveryModule } from '@app/delivery';
import { WebhooksModule } from '@app/webhooks';
import { ImportsModule } from '@app/imports';
import { ReportingModule } from '@app/reporting';
import { AccessGuard } from './access/access.guard';
import { RateLimitGuard, rateLimitSkip } from './access/rate-limit.guard';
import { SplitThrottlerStorage } from './access/rate-limit.storage';
import { DomainErrorFilter } from './errors/domain-error.filter';
import { StrictValidationPipe } from './http/validation.pipe';
import { type AppLogger, LogFlusher, nestLoggerParams } from './http/logger';
import { AuthController } from './identity/auth.controller';
import { OrganisationsController } from './identity/organisations.controller';
import { UsersController } from './identity/users.controller';
import { OpsModule } from './ops/ops.module';
import { AuditController } from './audit/audit.controller';
import { ScenariosController } from './scenarios/scenarios.controller';
import { VettingController } from './scenarios/vetting.controller';
import { PublicScenariosController } from './scenarios/public-scenarios.controller';
import { BatchesController } from './scenarios/batches.controller';
import { ClarificationsController } from './scenarios/clarifications.controller';
import { FollowsController } from './scenarios/follows.controller';
import { PublicScenarioAmendmentsController, ScenarioAmendmentsController } from './scenarios/amendments.controller';
import { PublicAttachmentsController, ScenarioAttachmentsController } from './scenarios/attachments.controller';
import { ProposalsController, ScenarioProposalsController } from './proposals/proposals.controller';
import { ProposalAttachmentsController } from './proposals/proposal-attachments.controller';
import { VendorProfilesController } from './vendors/vendor-profiles.controller';
import { PublicVendorsController } from './vendors/public-vendors.controller';
import { EvaluationController, ObjectionsController } from './evaluation/evaluation.controller';
import { ReviewerEvaluationsController } from './evaluation/reviewer.controller';
import { ProposalEvaluationController } from './evaluation/vendor-results.controller';
import { DeliveryController } from './delivery/delivery.controller';
import { AcceptanceController } from './delivery/acceptance.controller';
import { AdminWebhookDeliveriesController, OrganisationWebhooksController } from './webhooks/webhooks.controller';
import { ImportsController } from './imports/imports.controller';
import { AdminReportingController, PublicReportingController } from './reporting/reporting.controller';
import { NotificationsModule } from '@app/notifications';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationDeliveriesController } from './notifications/notification-deliveries.controller';
import { NotificationSettingsModule } from './notifications/notification-settings.module';
import { MatchingModule } from '@app/matching';
import { ScenarioMatchingController, VendorRecommendationsController } from './matching/matching.controller';
import { WorkerModule } from '../../worker/src/worker.module';

export interface ApiModuleOptions {
  /** Run the BullMQ processors and the outbox relay in this process too (the all-in-one mode). */
  withWorkers: boolean;
  /** The process's JSON logger, shared by Nest's logger and the access log. */
  appLogger: AppLogger;
}

@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule,
        ClockModule,
        LoggerModule.forRoot(nestLoggerParams(options.appLogger.logger)),
        DatabaseModule,
        QueueModule,
        ThrottlerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            throttlers: [
              { name: 'global', ttl: 60_000, limit: config.RATE_LIMIT_GLOBAL_PER_MINUTE },
              { name: 'login', ttl: 60_000, limit: config.RATE_LIMIT_LOGIN_PER_MINUTE, skipIf: rateLimitSkip('login') },
              {
                name: 'register',
                ttl: 3_600_000,
                limit: config.RATE_LIMIT_REGISTER_PER_HOUR,
                skipIf: rateLimitSkip('register'),
              },
            ],
            // One counter per limit and client IP across all routes (the default key is per route).
            generateKey: (_context, tracker, throttlerName) => `${throttlerName}:${tracker}`,
            // No X-RateLimit-* headers on every response; a refused request still gets Retry-After.
            setHeaders: false,
            storage: new SplitThrottlerStorage(
              // Given options (not a client), the Redis storage owns its connection.
              new ThrottlerStorageRedisService({
                ...redisOptionsFromUrl(config.REDIS_URL),
                keyPrefix: `${config.REDIS_PREFIX}:throttle:`,
              }),
              new Set(['global']),
            ),
          }),
        }),
        IdentityModule,
        AuditModule,
        ScenariosModule,
        ProposalsModule,
        EvaluationModule,
        VendorsModule,
        DeliveryModule,
        WebhooksModule,
        ImportsModule,
        ReportingModule,
        NotificationsModule,
        NotificationSettingsModule,
        MatchingModule,
        OpsModule,
        ...(options.withWorkers ? [WorkerModule] : []),
      ],
      controllers: [
        AuthController,
        OrganisationsController,
        UsersController,
        AuditController,
        ScenariosController,
        VettingController,
        PublicScenariosController,
        BatchesController,
        ScenarioAttachmentsController,
        PublicAttachmentsController,
        ClarificationsController,
        FollowsController,
        ScenarioAmendmentsController,
        PublicScenarioAmendmentsController,
        EvaluationController,
        ObjectionsController,
        ReviewerEvaluationsController,
        ProposalEvaluationController,
        ScenarioProposalsController,
        ProposalsController,
        ProposalAttachmentsController,
        VendorProfilesController,
        PublicVendorsController,
        DeliveryController,
        AcceptanceController,
        OrganisationWebhooksController,
        AdminWebhookDeliveriesController,
        ImportsController,
        PublicReportingController,
        AdminReportingController,
        NotificationsController,
        NotificationDeliveriesController,
        ScenarioMatchingController,
        VendorRecommendationsController,
      ],
      providers: [
        { provide: LogFlusher, useValue: new LogFlusher(options.appLogger) },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
