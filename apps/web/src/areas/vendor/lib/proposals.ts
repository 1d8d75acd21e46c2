import { EDITABLE_PROPOSAL_STATUSES, type ProposalStatus, type ProposalSummaryView } from '../types';

/** The vendor's proposal for a scenario (as lead, or as a member that confirmed), if any. */
export function proposalFor(mine: ProposalSummaryView[] | undefined, scenarioId: string) {
  return mine?.find((p) => p.scenarioId === scenarioId && (p.role === 'lead' || p.memberStatus === 'confirmed'));
}

/** Statuses after the opening whose evaluation result a vendor may read once decided. */
export const DECIDED_STATUSES: readonly ProposalStatus[] = ['awarded', 'unsuccessful'];

export interface EditorState {
  /** The lead may change content, consortium and attachments now. */
  editable: boolean;
  /** Why not, as an i18n key under vendor.proposal (null when editable). */
  reason: 'readOnlyDeadline' | 'readOnlyMember' | 'readOnlySubmitted' | 'readOnlyStatus' | null;
}

/** Whether the editor is editable: the lead, an editable status, before the deadline. */
export function editorState(args: { isLead: boolean; status: ProposalStatus; deadlinePassed: boolean }): EditorState {
  if (args.deadlinePassed) return { editable: false, reason: 'readOnlyDeadline' };
  if (!args.isLead) return { editable: false, reason: 'readOnlyMember' };
  if (EDITABLE_PROPOSAL_STATUSES.includes(args.status)) return { editable: true, reason: null };
  if (args.status === 'submitted' || args.status === 'reconfirmation_required')
    return { editable: false, reason: 'readOnlySubmitted' };
  return { editable: false, reason: 'readOnlyStatus' };
}
