import { createHash } from 'node:crypto';

/**
 * Blind review: what reviewers see of a proposal in a blind first round. Labels are stable per
 * evaluation (the same proposal is always `Vendor B` for every reviewer) yet their order says nothing
 * about who submitted first: it follows a hash of the evaluation and proposal ids.
 */

/** A, B, …, Z, AA, AB, … (spreadsheet columns). */
export function letters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const hashOrder = (salt: string, id: string) => createHash('sha256').update(`${salt}:${id}`).digest('hex');

/** Ids in an order fixed by `salt` but unrelated to the ids' own order or to time. */
export function saltedOrder(salt: string, ids: readonly string[]): string[] {
  return [...new Set(ids)]
    .map((id) => ({ id, key: hashOrder(salt, id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.id);
}

/** `Vendor A`, `Vendor B`, … for the proposals of one evaluation. */
export function blindLabels(evaluationId: string, proposalIds: readonly string[]): Map<string, string> {
  return new Map(saltedOrder(evaluationId, proposalIds).map((id, i) => [id, `Vendor ${letters(i)}`]));
}

/** `Reviewer 1`, `Reviewer 2`, … for what vendors see of a panel (no reviewer is ever named to them). */
export function reviewerLabels(evaluationId: string, reviewerIds: readonly string[]): Map<string, string> {
  return new Map(saltedOrder(`reviewers:${evaluationId}`, reviewerIds).map((id, i) => [id, `Reviewer ${i + 1}`]));
}

/** A name to hide and what to show instead. */
export interface Pseudonym {
  name: string;
  label: string;
}

const LATIN_OR_DIGIT = /[A-Za-z0-9]/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where `name` occurs in a text: in any letter case (`ACME` names Acme too), and, where it starts or
 * ends with a Latin letter or digit, only as a whole word (a phone number inside a longer number, or
 * `Li` inside `Linux`, is not that name).
 */
function occurrences(name: string): RegExp {
  const start = LATIN_OR_DIGIT.test(name[0]) ? '(?<![A-Za-z0-9])' : '';
  const end = LATIN_OR_DIGIT.test(name[name.length - 1]) ? '(?![A-Za-z0-9])' : '';
  return new RegExp(`${start}${escapeRegExp(name)}${end}`, 'giu');
}

/**
 * `text` with every occurrence of each name replaced by its label, longest names first (so a name
 * containing another is replaced whole). Names shorter than two characters are left alone: they
 * would wreck ordinary text and identify nobody.
 */
export function maskText(text: string, pseudonyms: readonly Pseudonym[]): string {
  let out = text;
  const byLength = pseudonyms
    .map((p) => ({ name: p.name.trim(), label: p.label }))
    .filter((p) => p.name.length >= 2)
    .sort((a, b) => b.name.length - a.name.length);
  for (const p of byLength) out = out.replace(occurrences(p.name), () => p.label);
  return out;
}

/** Every string inside `value` (objects and arrays, any depth) masked with `maskText`. */
export function maskStrings<T>(value: T, pseudonyms: readonly Pseudonym[]): T {
  if (typeof value === 'string') return maskText(value, pseudonyms) as T;
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, pseudonyms)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskStrings(v, pseudonyms)]),
    ) as T;
  }
  return value;
}

/** The parts of a proposal's content that name people and clients. */
interface Identifying {
  team: { name: string }[];
  references: { client: string }[];
}

/**
 * Proposal content for a blind reviewer: team members become `Team member 1…`, reference clients
 * `Client 1…`, and every vendor name (of any proposal in the evaluation) anywhere in the text
 * becomes that vendor's label. The people and clients are masked in the text as well.
 */
export function maskContent<C extends Identifying>(content: C, pseudonyms: readonly Pseudonym[]): C {
  const people: Pseudonym[] = content.team.map((m, i) => ({ name: m.name, label: `Team member ${i + 1}` }));
  const clients: Pseudonym[] = content.references.map((r, i) => ({ name: r.client, label: `Client ${i + 1}` }));
  const all = [...pseudonyms, ...people, ...clients];
  const masked = maskStrings(content, all);
  return {
    ...masked,
    team: masked.team.map((m, i) => ({ ...m, name: people[i].label })),
    references: masked.references.map((r, i) => ({ ...r, client: clients[i].label })),
  };
}

/** `attachment-3.pdf`: the position and the (lower-case) extension, nothing of the original name. */
export function maskedFileName(fileName: string, index: number): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  return `attachment-${index + 1}${ext ? `.${ext}` : ''}`;
}
