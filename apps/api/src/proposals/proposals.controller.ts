import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor, RequestContext } from '@app/common';
import {
  ConsortiumService,
  CreateProposalDto,
  InviteMemberDto,
  ProposalReceiptService,
  ProposalService,
  ProposalSummaryView,
  ProposalView,
  ReceiptVerificationView,
  ReceiptView,
  ScenarioProposalsView,
  UpdateProposalDto,
  VerifyReceiptDto,
} from '@app/proposals';
import { Authenticated, Roles } from '../access/access.decorators';
import { Ctx } from '../http/request-context.decorator';
import { UuidParamPipe } from '../http/uuid-param.pipe';

type ActorContext = RequestContext & { actor: Actor };

/** A scenario's proposals: vendors start one; the owning agency and the centre see the count, then the opened ones. */
@ApiTags('proposals')
@Controller('scenarios/:id/proposals')
export class ScenarioProposalsController {
  constructor(private readonly proposals: ProposalService) {}

  @Post()
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'Start a draft proposal for a published scenario (one per vendor and scenario)' })
  @ApiCreatedResponse({ type: ProposalView })
  create(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: CreateProposalDto,
  ): Promise<ProposalView> {
    return this.proposals.create(ctx, id, body);
  }

  @Get()
  @Roles('agency_officer', 'agency_admin', 'staff', 'platform_admin')
  @ApiOperation({ summary: 'Before the opening only the number submitted; after it the opened proposals' })
  @ApiOkResponse({ type: ScenarioProposalsView })
  list(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ScenarioProposalsView> {
    return this.proposals.forScenario(ctx.actor, id);
  }
}

/** The vendor's proposal workspace: edit, consortium, submit, revise, withdraw, re-confirm, receipts. */
@ApiTags('proposals')
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalService,
    private readonly consortium: ConsortiumService,
    private readonly receipts: ProposalReceiptService,
  ) {}

  @Get('mine')
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: [ProposalSummaryView] })
  mine(@Ctx() ctx: ActorContext): Promise<ProposalSummaryView[]> {
    return this.proposals.listMine(ctx.actor);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'For its vendors; for staff and the owning agency once opened (404 while sealed)' })
  @ApiOkResponse({ type: ProposalView })
  get(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalView> {
    return this.proposals.get(ctx.actor, id);
  }

  @Patch(':id')
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: ProposalView })
  update(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: UpdateProposalDto,
  ): Promise<ProposalView> {
    return this.proposals.update(ctx, id, body);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'Submit (all members confirmed, content complete): issues a receipt' })
  @ApiOkResponse({ type: ProposalView })
  submit(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalView> {
    return this.proposals.transition(ctx, id, 'submit');
  }

  @Post(':id/revise')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'Take a submitted (or flagged) proposal back to draft to change it' })
  @ApiOkResponse({ type: ProposalView })
  revise(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalView> {
    return this.proposals.transition(ctx, id, 'revise');
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: ProposalView })
  withdraw(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalView> {
    return this.proposals.transition(ctx, id, 'withdraw');
  }

  @Post(':id/reconfirm')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'Re-confirm after a material amendment: issues a fresh receipt' })
  @ApiOkResponse({ type: ProposalView })
  reconfirm(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalView> {
    return this.proposals.transition(ctx, id, 'reconfirm');
  }

  @Post(':id/consortium/members')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'The lead invites a verified vendor into the consortium (at most 4 members)' })
  @ApiOkResponse({ type: ProposalView })
  invite(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: InviteMemberDto,
  ): Promise<ProposalView> {
    return this.consortium.invite(ctx, id, body.organisationId);
  }

  @Delete(':id/consortium/members/:organisationId')
  @Roles('vendor_member', 'vendor_admin')
  @ApiOkResponse({ type: ProposalView })
  removeMember(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Param('organisationId', UuidParamPipe) organisationId: string,
  ): Promise<ProposalView> {
    return this.consortium.remove(ctx, id, organisationId);
  }

  @Post(':id/consortium/confirm')
  @HttpCode(200)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'An invited member confirms it takes part' })
  @ApiOkResponse({ type: ProposalView })
  confirm(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ProposalView> {
    return this.consortium.confirm(ctx, id);
  }

  @Post(':id/consortium/decline')
  @HttpCode(204)
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'An invited (or confirmed) member declines' })
  @ApiNoContentResponse()
  decline(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.consortium.decline(ctx, id);
  }

  @Get(':id/receipt')
  @Roles('vendor_member', 'vendor_admin')
  @ApiOperation({ summary: 'The receipt of the last submission: server time and SHA-256 hashes' })
  @ApiOkResponse({ type: ReceiptView })
  receipt(@Ctx() ctx: ActorContext, @Param('id', UuidParamPipe) id: string): Promise<ReceiptView> {
    return this.receipts.get(ctx.actor, id);
  }

  @Post(':id/receipt/verify')
  @HttpCode(200)
  @Roles('staff', 'platform_admin')
  @ApiOperation({
    summary: 'Re-hash what is stored and compare it with the receipt (hashes and verdicts only)',
    description: 'Once the scenario closed and its proposals are opened; 404 while the proposal is sealed.',
  })
  @ApiOkResponse({ type: ReceiptVerificationView })
  verify(
    @Ctx() ctx: ActorContext,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: VerifyReceiptDto,
  ): Promise<ReceiptVerificationView> {
    return this.receipts.verify(ctx, id, body);
  }
}
