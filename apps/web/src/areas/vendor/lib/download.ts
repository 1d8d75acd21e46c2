import type { ReceiptView } from '../types';

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `receipt-HZ-2026-MF-0004-20261124T2007.json`: scenario code (or proposal id) and server time of issue (UTC). */
export function receiptFileName(
  receipt: Pick<ReceiptView, 'issuedAt' | 'proposalId'>,
  scenarioCode?: string | null,
): string {
  const stamp = receipt.issuedAt.replace(/[-:]/g, '').slice(0, 13);
  const subject = (scenarioCode || receipt.proposalId).replace(/[^A-Za-z0-9-]/g, '');
  return `receipt-${subject}-${stamp}.json`;
}

/** The receipt exactly as the API issued it, pretty-printed, as a JSON file. */
export function receiptBlob(receipt: ReceiptView): Blob {
  return new Blob([JSON.stringify(receipt, null, 2) + '\n'], { type: 'application/json' });
}
