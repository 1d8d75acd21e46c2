import type { ReceiptView } from '../types';
import { receiptBlob, receiptFileName } from './download';

const receipt: ReceiptView = {
  receiptId: 'r1',
  kind: 'submission',
  proposalId: 'a7b08549-343e-473d-9170-2a586de94856',
  scenarioId: 's1',
  leadOrganisationId: 'o1',
  members: [{ organisationId: 'o1', role: 'lead' }],
  issuedAt: '2026-11-24T20:07:20.359Z',
  contentSha256: 'c'.repeat(64),
  attachments: [],
  receiptSha256: 'f'.repeat(64),
  algorithm: 'sha256',
};

describe('receipt file', () => {
  it('is named by the scenario code and the time of issue', () => {
    expect(receiptFileName(receipt, 'HZ-2026-MF-0004')).toBe('receipt-HZ-2026-MF-0004-20261124T2007.json');
    expect(receiptFileName(receipt, null)).toBe('receipt-a7b08549-343e-473d-9170-2a586de94856-20261124T2007.json');
  });

  it('holds the receipt as issued, hash included', async () => {
    const blob = receiptBlob(receipt);
    expect(blob.type).toBe('application/json');
    const text = await blob.text();
    expect(JSON.parse(text)).toEqual(receipt);
    expect(text).toContain('f'.repeat(64));
  });
});
