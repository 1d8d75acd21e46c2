import { CreateTaxonomy1795517000000 } from './1795517000000-CreateTaxonomy';
import { CreateIdentity1795517000100 } from './1795517000100-CreateIdentity';
import { CreateAuditTrail1795517000200 } from './1795517000200-CreateAuditTrail';
import { CreateOutbox1795517000300 } from './1795517000300-CreateOutbox';
import { CreateScenarios1795520000000 } from './1795520000000-CreateScenarios';
import { AddScenarioSearch1795521000000 } from './1795521000000-AddScenarioSearch';
import { CreateScenarioBatches1795521000100 } from './1795521000100-CreateScenarioBatches';
import { CreateClarificationsAndFollows1795522000000 } from './1795522000000-CreateClarificationsAndFollows';
import { CreateScenarioAmendments1795522000100 } from './1795522000100-CreateScenarioAmendments';
import { CreateScenarioAttachments1795522000200 } from './1795522000200-CreateScenarioAttachments';
import { AddBatchPublicationError1795522000300 } from './1795522000300-AddBatchPublicationError';
import { AddOpenScenarioDeadlineIndex1795522000400 } from './1795522000400-AddOpenScenarioDeadlineIndex';
import { CreateVendorProfiles1795523000000 } from './1795523000000-CreateVendorProfiles';
import { CreateProposals1795523100000 } from './1795523100000-CreateProposals';
import { CreateEvaluation1795523200000 } from './1795523200000-CreateEvaluation';
import { CreateDelivery1795523300000 } from './1795523300000-CreateDelivery';
import { AddAuditEmbargo1795523400000 } from './1795523400000-AddAuditEmbargo';
import { CreateWebhooks1795523700000 } from './1795523700000-CreateWebhooks';
import { DropDeliveryIdempotencyUnique1795523800000 } from './1795523800000-DropDeliveryIdempotencyUnique';
import { AddUserLocale1795523900000 } from './1795523900000-AddUserLocale';
import { CreateMatching1795523500000 } from './1795523500000-CreateMatching';

import { CreateNotifications1795523600000 } from './1795523600000-CreateNotifications';
import { CreateNotificationSettings1795523650000 } from './1795523650000-CreateNotificationSettings';
/** Every migration, oldest first. Listed explicitly so bundled builds and tests run the same set. */
export const MIGRATIONS = [
  CreateTaxonomy1795517000000,
  CreateIdentity1795517000100,
  CreateAuditTrail1795517000200,
  CreateOutbox1795517000300,
  CreateScenarios1795520000000,
  AddScenarioSearch1795521000000,
  CreateScenarioBatches1795521000100,
  CreateClarificationsAndFollows1795522000000,
  CreateScenarioAmendments1795522000100,
  CreateScenarioAttachments1795522000200,
  AddBatchPublicationError1795522000300,
  AddOpenScenarioDeadlineIndex1795522000400,
  CreateVendorProfiles1795523000000,
  CreateProposals1795523100000,
  CreateEvaluation1795523200000,
  CreateDelivery1795523300000,
  AddAuditEmbargo1795523400000,
  CreateMatching1795523500000,
  CreateNotifications1795523600000,
  CreateNotificationSettings1795523650000,
  CreateWebhooks1795523700000,
  DropDeliveryIdempotencyUnique1795523800000,
  AddUserLocale1795523900000,
];
