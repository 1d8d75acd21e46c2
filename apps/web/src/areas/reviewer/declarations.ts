import type { ConflictDeclaration, VendorDeclaration } from './types';

/** The declaration form: one entry per vendor, in the order the API lists them (named `declarations.<i>.…`). */
export interface DeclarationFormValues {
  declarations: ({ conflicted?: boolean; note?: string | null } | undefined)[];
}

/**
 * The body of PUT …/conflicts: every vendor, in list order, so the API's `declarations[i]` errors land
 * on the form's row i. A conflict already declared is sent as it is (it cannot be withdrawn); a note
 * goes with a conflict only.
 */
export function declarationPayload(
  vendors: readonly VendorDeclaration[],
  form: DeclarationFormValues,
): { declarations: ConflictDeclaration[] } {
  return {
    declarations: vendors.map((v, i) => {
      const entry = form.declarations?.[i];
      const conflicted = v.conflicted === true || entry?.conflicted === true;
      const note = (entry?.note ?? v.note ?? '').trim();
      return { organisationId: v.organisationId, conflicted, note: conflicted && note ? note : null };
    }),
  };
}

/** The vendors this submission newly declares a conflict with (what the reviewer must confirm). */
export function newConflicts(vendors: readonly VendorDeclaration[], form: DeclarationFormValues): VendorDeclaration[] {
  return vendors.filter((v, i) => v.conflicted !== true && form.declarations?.[i]?.conflicted === true);
}
