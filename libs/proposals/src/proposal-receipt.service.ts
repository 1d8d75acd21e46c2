import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, canonicalJson, type RequestContext } from '@app/common';
import { AuditService } from '@app/audit';
import { ScenarioEntity } from '@app/scenarios';
import { FileStorage } from '@app/storage';
import {
  ProposalAttachmentEntity,
  ProposalEntity,
  ProposalMemberEntity,
  ProposalReceiptEntity,
  type ReceiptDocument,
} from './proposal.entity';
import { ProposalError } from './proposal.errors';
import { attachmentAad, ProposalSealer } from './proposal-seal';
import { isOpenable } from './proposal-opening.service';
import { ProposalStore, sha256Hex } from './proposal-store';
import { proposalsAuditEmbargo } from './proposal-transitions';
import { type AttachmentCheckView, type HashCheckView, ReceiptVerificationView, ReceiptView } from './proposal.views';
import type { VerifyReceiptDto } from './proposal.dto';

/** The receipt hash: SHA-256 of the document's canonical JSON. */
export function receiptHash(document: ReceiptDocument): string {
  return sha256Hex(canonicalJson(document));
}

/**
 * Receipts (回执): at each submission and re-confirmation the vendors get the server time and the
 * SHA-256 of the canonical content and of each attachment, hashed together into the receipt hash
 * (also written to the hash-chained audit trail). Staff can later verify a proposal against it: the
 * stored content and files are unsealed and hashed again, so a change behind the app's back shows.
 */
@Injectable()
export class ProposalReceiptService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ProposalStore,
    private readonly sealer: ProposalSealer,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  /** Issues a receipt for `p` as it stands in this transaction, and makes it the current one. */
  async issue(
    em: EntityManager,
    p: ProposalEntity,
    kind: ReceiptDocument['kind'],
    issuedAt: Date,
  ): Promise<{ id: string; receiptSha256: string; contentSha256: string }> {
    // One after the other: `em` may be a transaction's single connection.
    const members = await em.find(ProposalMemberEntity, { where: { proposalId: p.id, status: 'confirmed' } });
    const attachments = await em.find(ProposalAttachmentEntity, { where: { proposalId: p.id } });
    const document: ReceiptDocument = {
      receiptId: randomUUID(),
      kind,
      proposalId: p.id,
      scenarioId: p.scenarioId,
      leadOrganisationId: p.leadOrganisationId,
      members: members
        .map((m) => ({ organisationId: m.organisationId, role: m.role }))
        .sort((a, b) => a.role.localeCompare(b.role) || a.organisationId.localeCompare(b.organisationId)),
      issuedAt: issuedAt.toISOString(),
      contentSha256: sha256Hex(this.store.contentBytes(p)),
      attachments: attachments
        .map((a) => ({ id: a.id, sha256: a.sha256, sizeBytes: a.sizeBytes, mediaType: a.mediaType }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
    const receiptSha256 = receiptHash(document);
    await em.insert(ProposalReceiptEntity, {
      id: document.receiptId,
      proposalId: p.id,
      kind,
      issuedAt,
      document,
      receiptSha256,
    });
    p.receiptId = document.receiptId;
    return { id: document.receiptId, receiptSha256, contentSha256: document.contentSha256 };
  }

  /** The current receipt, for the proposal's vendors. */
  async get(actor: Actor, proposalId: string): Promise<ReceiptView> {
    const { p, reader } = await this.store.readable(actor, proposalId);
    if (reader !== 'participant') throw new ProposalError('PROPOSAL_NOT_FOUND');
    const r = await this.current(p);
    return ReceiptView.of(r.document, r.receiptSha256);
  }

  /**
   * Staff: re-hashes what is stored (content and every file, unsealed) and compares it with the current
   * receipt, the receipt with its own hash and with the audit trail, and optionally with the hash the
   * vendor holds. Reports hashes and verdicts only, never content. The check itself is audited.
   * Only once the scenario's proposals are due to be opened (opening them first if nothing did yet):
   * before that the proposal is sealed, and like every other route about it this is 404, so its
   * existence, status and hashes are not told.
   */
  async verify(ctx: RequestContext & { actor: Actor }, proposalId: string, dto: VerifyReceiptDto) {
    const em = this.dataSource.manager;
    const sealed = await em.findOne(ProposalEntity, { where: { id: proposalId } });
    const s = sealed && (await em.findOne(ScenarioEntity, { where: { id: sealed.scenarioId } }));
    if (!s || !isOpenable(s, this.store.now())) throw new ProposalError('PROPOSAL_NOT_FOUND');
    // The opening also lifts the proposals' audit embargo, so this check's own record shows at once.
    await this.store.ensureOpened(s.id);
    const p = await em.findOneOrFail(ProposalEntity, { where: { id: proposalId } });
    const r = await this.current(p);
    const document = r.document;

    let actualContent: string | null = null;
    try {
      actualContent = sha256Hex(this.store.contentBytes(p));
    } catch {
      actualContent = null; // altered or moved: it no longer unseals
    }
    const content: HashCheckView = {
      expectedSha256: document.contentSha256,
      actualSha256: actualContent,
      matches: actualContent === document.contentSha256,
    };

    const stored = await em.find(ProposalAttachmentEntity, { where: { proposalId: p.id } });
    const attachments: AttachmentCheckView[] = [];
    for (const expected of document.attachments) {
      const a = stored.find((s) => s.id === expected.id);
      const actual = a ? await this.fileHash(a) : null;
      attachments.push({
        id: expected.id,
        expectedSha256: expected.sha256,
        actualSha256: actual,
        matches: actual === expected.sha256,
      });
    }
    const named = new Set(document.attachments.map((a) => a.id));
    const unexpectedAttachmentIds = stored.filter((a) => !named.has(a.id)).map((a) => a.id);

    const receiptIntact = receiptHash(document) === r.receiptSha256;
    const [audited] = (await em.query(
      `SELECT 1 FROM audit_record
        WHERE object_type = 'proposal' AND object_id = $1 AND after ->> 'receiptSha256' = $2 LIMIT 1`,
      [p.id, r.receiptSha256],
    )) as unknown[];
    let vendorCopy: ReceiptVerificationView['vendorCopy'];
    if (dto.receiptSha256 !== undefined) {
      if (dto.receiptSha256 === r.receiptSha256) vendorCopy = 'current';
      else {
        const [earlier] = (await em.query(
          `SELECT 1 FROM proposal_receipt WHERE proposal_id = $1 AND receipt_sha256 = $2`,
          [p.id, dto.receiptSha256],
        )) as unknown[];
        vendorCopy = earlier ? 'superseded' : 'unknown';
      }
    }
    const result: ReceiptVerificationView = {
      proposalId: p.id,
      proposalStatus: p.status,
      receiptId: r.id,
      receiptSha256: r.receiptSha256,
      checkedAt: this.store.now().toISOString(),
      valid:
        receiptIntact &&
        !!audited &&
        content.matches &&
        attachments.every((a) => a.matches) &&
        unexpectedAttachmentIds.length === 0 &&
        (vendorCopy === undefined || vendorCopy === 'current'),
      receiptIntact,
      auditRecordMatches: !!audited,
      content,
      attachments,
      unexpectedAttachmentIds,
      ...(vendorCopy ? { vendorCopy } : {}),
    };
    await this.dataSource.transaction((tx) =>
      this.audit.record(tx, ctx, {
        action: 'proposal.receipt_verify',
        objectType: 'proposal',
        objectId: p.id,
        after: {
          scenarioId: p.scenarioId,
          receiptId: r.id,
          receiptSha256: r.receiptSha256,
          valid: result.valid,
          receiptIntact,
          contentMatches: content.matches,
          attachmentsMatch: attachments.every((a) => a.matches) && unexpectedAttachmentIds.length === 0,
          ...(vendorCopy ? { vendorCopy } : {}),
        },
        embargo: proposalsAuditEmbargo(p.scenarioId),
      }),
    );
    return result;
  }

  private async current(p: ProposalEntity): Promise<ProposalReceiptEntity> {
    if (!p.receiptId) throw new ProposalError('PROPOSAL_NO_RECEIPT');
    const r = await this.dataSource.manager.findOne(ProposalReceiptEntity, { where: { id: p.receiptId } });
    if (!r) throw new ProposalError('PROPOSAL_NO_RECEIPT');
    return r;
  }

  /** SHA-256 of a stored attachment's unsealed bytes; null if the file is gone or no longer unseals. */
  private async fileHash(a: ProposalAttachmentEntity): Promise<string | null> {
    try {
      const source = await this.storage.get(a.storageKey);
      const hash = createHash('sha256');
      const opened = pipeline(source, this.sealer.openingStream(a.sealIv, a.sealTag, attachmentAad(a.id)), () => {
        // errors surface through the iteration below
      });
      for await (const chunk of opened) hash.update(chunk as Buffer);
      return hash.digest('hex');
    } catch {
      return null;
    }
  }
}
