import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { OutboxModule } from '@app/outbox';
import { ScenariosModule } from '@app/scenarios';
import { StorageModule } from '@app/storage';
import {
  ProposalAttachmentEntity,
  ProposalEntity,
  ProposalMemberEntity,
  ProposalReceiptEntity,
} from './proposal.entity';
import { ProposalSealer } from './proposal-seal';
import { ProposalTransitions } from './proposal-transitions';
import { ProposalOpeningService } from './proposal-opening.service';
import { ProposalStore } from './proposal-store';
import { ProposalReceiptService } from './proposal-receipt.service';
import { ProposalService } from './proposal.service';
import { ConsortiumService } from './consortium.service';
import { ProposalAttachmentService } from './proposal-attachment.service';

/** The context's services: all of them are offered to the apps and to the contexts downstream. */
const SERVICES = [
  ProposalSealer,
  ProposalTransitions,
  ProposalOpeningService,
  ProposalStore,
  ProposalReceiptService,
  ProposalService,
  ConsortiumService,
  ProposalAttachmentService,
];

@Module({
  imports: [
    TypeOrmModule.forFeature([ProposalEntity, ProposalMemberEntity, ProposalAttachmentEntity, ProposalReceiptEntity]),
    AuditModule,
    OutboxModule,
    StorageModule,
    ScenariosModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ProposalsModule {}
