import type { ProposalSummaryView } from '../types';
import { editorState, proposalFor } from './proposals';

const summary = (over: Partial<ProposalSummaryView>): ProposalSummaryView => ({
  id: 'p',
  scenarioId: 's',
  scenarioCode: null,
  scenarioTitle: 'x',
  proposalDeadline: null,
  leadOrganisationId: 'o',
  role: 'lead',
  memberStatus: 'confirmed',
  status: 'draft',
  submittedAt: null,
  version: 1,
  updatedAt: '',
  ...over,
});

describe('proposalFor', () => {
  it('finds a led proposal or one confirmed as member, not a mere invitation', () => {
    expect(proposalFor([summary({ id: 'a' })], 's')?.id).toBe('a');
    expect(proposalFor([summary({ id: 'b', role: 'member', memberStatus: 'invited' })], 's')).toBeUndefined();
    expect(proposalFor([summary({ id: 'c', role: 'member' })], 's')?.id).toBe('c');
    expect(proposalFor(undefined, 's')).toBeUndefined();
  });
});

describe('editorState', () => {
  it('lets the lead edit a draft or withdrawn proposal before the deadline', () => {
    expect(editorState({ isLead: true, status: 'draft', deadlinePassed: false })).toEqual({
      editable: true,
      reason: null,
    });
    expect(editorState({ isLead: true, status: 'withdrawn', deadlinePassed: false }).editable).toBe(true);
  });

  it('is read-only after the deadline, for members, and once submitted', () => {
    expect(editorState({ isLead: true, status: 'draft', deadlinePassed: true }).reason).toBe('readOnlyDeadline');
    expect(editorState({ isLead: false, status: 'draft', deadlinePassed: false }).reason).toBe('readOnlyMember');
    expect(editorState({ isLead: true, status: 'submitted', deadlinePassed: false }).reason).toBe('readOnlySubmitted');
    expect(editorState({ isLead: true, status: 'awarded', deadlinePassed: false }).reason).toBe('readOnlyStatus');
  });
});
