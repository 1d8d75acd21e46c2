import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Popconfirm, Row, Tag, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { useAuth } from '../../../auth/AuthContext';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { useProposal, useScenario, vendorKeys } from '../api';
import { DeadlineCountdown } from '../components/Countdown';
import { EvaluationResultPanel } from '../components/EvaluationResultPanel';
import { PageTitle, ProposalStatusTag } from '../components/bits';
import { sameJson } from '../lib/canonical';
import { deadlinePassed } from '../lib/countdown';
import { DECIDED_STATUSES, editorState } from '../lib/proposals';
import { formToProposalDto, proposalToForm, type ProposalFormValues } from '../lib/proposalMapping';
import { useNow } from '../lib/useNow';
import { vendorPaths } from '../paths';
import type { ProposalContent, ProposalView, PublicScenarioDetail } from '../types';
import { AttachmentsPanel } from './AttachmentsPanel';
import { ConsortiumPanel } from './ConsortiumPanel';
import {
  ApproachSection,
  KpiSection,
  MilestonesSection,
  PriceSection,
  ReferencesSection,
  TeamSection,
  TrialPlanSection,
} from './ContentSections';
import { ReceiptPanel } from './ReceiptPanel';

/** `/vendor/proposals/:id`: the proposal editor (read-only for members, once submitted, after the deadline). */
export function ProposalEditorPage() {
  const { id = '' } = useParams();
  const proposal = useProposal(id);
  return <QueryState query={proposal}>{(p) => <WithScenario proposal={p} />}</QueryState>;
}

function WithScenario({ proposal }: { proposal: ProposalView }) {
  const scenario = useScenario(proposal.scenarioId);
  return (
    <QueryState query={scenario}>
      {(s) => <ProposalEditor key={proposal.id} initial={proposal} scenario={s} />}
    </QueryState>
  );
}

type Transition = 'submit' | 'withdraw' | 'revise' | 'reconfirm';

class ConflictPending extends Error {}

function ProposalEditor({ initial, scenario }: { initial: ProposalView; scenario: PublicScenarioDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow(10_000);
  const live = useProposal(initial.id);
  const proposal = live.data ?? initial;
  const [form] = Form.useForm<ProposalFormValues>();
  /** The server state the form's content is based on (its version and content). */
  const [base, setBase] = useState<{ version: number; content: ProposalContent }>({
    version: initial.version,
    content: initial.content,
  });
  /** Bumped to re-mount the form with the base content (after loading the latest). */
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState<ProposalView | null>(null);
  const [busy, setBusy] = useState<null | 'save' | Transition>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  // Errors that belong to no field show above the form: bring them into view (the actions are at the bottom).
  useEffect(() => {
    if (errors.length) errorsRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
  }, [errors]);

  const initialValues = useMemo(
    () => proposalToForm(base.content, scenario.kpis),
    // Only when the form is re-mounted: typing must not reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [formKey, scenario.kpis],
  );

  const isLead = !!me?.organisation && me.organisation.id === proposal.leadOrganisationId;
  const passed = deadlinePassed(scenario.proposalDeadline, now) || scenario.status !== 'published';
  const state = editorState({ isLead, status: proposal.status, deadlinePassed: passed });
  const editable = state.editable;
  const canTransition = isLead && !passed;

  const adopt = (p: ProposalView) => {
    queryClient.setQueryData(vendorKeys.proposal(p.id), p);
    void queryClient.invalidateQueries({ queryKey: vendorKeys.mine });
  };

  /** PATCH the form's content on the base version; a version bump without content change is retried. */
  const save = async (): Promise<ProposalView> => {
    const dto = formToProposalDto(form.getFieldsValue(true) as ProposalFormValues);
    const patch = (version: number) => api.patch<ProposalView>(`/proposals/${proposal.id}`, { ...dto, version });
    let saved: ProposalView;
    try {
      saved = await patch(base.version);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'PROPOSAL_VERSION_CONFLICT')) throw error;
      const latest = await api.get<ProposalView>(`/proposals/${proposal.id}`);
      // Consortium and attachment changes bump the version too: only a content change is a conflict.
      if (!sameJson(latest.content, base.content)) {
        setConflict(latest);
        throw new ConflictPending();
      }
      saved = await patch(latest.version);
    }
    setBase({ version: saved.version, content: saved.content });
    setConflict(null);
    adopt(saved);
    return saved;
  };

  const showError = (error: unknown) => {
    if (error instanceof ConflictPending) return;
    setErrors(applyApiError(form, error));
  };

  const onSave = async () => {
    setBusy('save');
    setErrors([]);
    try {
      await save();
      void message.success(t('vendor.proposal.saved'));
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const onTransition = async (transition: Transition) => {
    setBusy(transition);
    setErrors([]);
    try {
      if (transition === 'submit') await save();
      const p = await api.post<ProposalView>(`/proposals/${proposal.id}/${transition}`);
      setBase({ version: p.version, content: p.content });
      adopt(p);
      void queryClient.invalidateQueries({ queryKey: vendorKeys.receipt(p.id) });
      void message.success(
        t(
          {
            submit: 'vendor.proposal.submitted',
            withdraw: 'vendor.proposal.withdrawn',
            revise: 'vendor.proposal.revised',
            reconfirm: 'vendor.proposal.reconfirmed',
          }[transition],
        ),
      );
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const keepMine = async () => {
    if (!conflict) return;
    setBase({ version: conflict.version, content: conflict.content });
    setConflict(null);
    // Saved on the next click, now based on the latest version.
    setBusy('save');
    try {
      const dto = formToProposalDto(form.getFieldsValue(true) as ProposalFormValues);
      const saved = await api.patch<ProposalView>(`/proposals/${proposal.id}`, { ...dto, version: conflict.version });
      setBase({ version: saved.version, content: saved.content });
      adopt(saved);
      void message.success(t('vendor.proposal.saved'));
    } catch (error) {
      setErrors(applyApiError(form, error));
    } finally {
      setBusy(null);
    }
  };

  const loadLatest = () => {
    if (!conflict) return;
    setBase({ version: conflict.version, content: conflict.content });
    adopt(conflict);
    setConflict(null);
    setErrors([]);
    setFormKey((k) => k + 1);
    void message.info(t('vendor.proposal.reloaded'));
  };

  /** Non-content changes (consortium, attachments) bump the version: keep the latest in view. */
  const refetch = () => void queryClient.invalidateQueries({ queryKey: vendorKeys.proposal(proposal.id) });

  const submittable = editable;
  const withdrawable = canTransition && ['submitted', 'reconfirmation_required'].includes(proposal.status);
  const decided = DECIDED_STATUSES.includes(proposal.status);

  return (
    <>
      <PageTitle
        title={t('vendor.proposal.title')}
        subtitle={
          <>
            <Link to={vendorPaths.scenario(scenario.id)} className="wrap-anywhere">
              {t('vendor.proposal.scenarioLine', { title: scenario.title })}
            </Link>
            <Flex wrap gap={8} align="center" style={{ marginTop: 6 }} component="span">
              <ProposalStatusTag status={proposal.status} />
              <Tag style={{ marginInlineEnd: 0 }}>{t(`vendor.role.${isLead ? 'lead' : 'member'}`)}</Tag>
              <Typography.Text type="secondary">
                {t('vendor.proposal.version', { version: proposal.version })}
              </Typography.Text>
              <DeadlineCountdown deadline={scenario.proposalDeadline} now={now} />
            </Flex>
          </>
        }
      />

      {state.reason && (
        <Alert type="info" showIcon title={t(`vendor.proposal.${state.reason}`)} style={{ marginBottom: 12 }} />
      )}
      {proposal.status === 'reconfirmation_required' && (
        <Alert type="warning" showIcon title={t('vendor.proposal.reconfirmNeeded')} style={{ marginBottom: 12 }} />
      )}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={t('vendor.proposal.conflict', { current: conflict.version })}
          description={
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              <Button type="primary" onClick={() => void keepMine()}>
                {t('vendor.proposal.conflictKeep')}
              </Button>
              <Button onClick={loadLatest}>{t('vendor.proposal.conflictReload')}</Button>
            </Flex>
          }
        />
      )}

      {decided && (
        <Card style={{ marginBottom: 16 }}>
          {proposal.status === 'awarded' && (
            <Button
              type="primary"
              style={{ float: 'right' }}
              onClick={() => navigate(vendorPaths.delivery(scenario.id))}
            >
              {t('vendor.proposal.delivery')}
            </Button>
          )}
          <EvaluationResultPanel proposalId={proposal.id} scenarioId={proposal.scenarioId} headingLevel={2} />
        </Card>
      )}

      <ReceiptPanel proposal={proposal} scenarioCode={scenario.code} />

      <Row gutter={[16, 0]}>
        <Col xs={24} lg={16}>
          <div ref={errorsRef}>
            <FormErrors messages={errors} />
          </div>
          <Form
            key={formKey}
            form={form}
            layout="vertical"
            initialValues={initialValues}
            disabled={!editable}
            onFinish={() => void onSave()}
            scrollToFirstError
          >
            <ApproachSection editable={editable} />
            <KpiSection kpis={scenario.kpis} editable={editable} />
            <TeamSection editable={editable} />
            <PriceSection editable={editable} />
            <MilestonesSection editable={editable} />
            <ReferencesSection editable={editable} />
            <TrialPlanSection required={scenario.site === 'test_ground'} />
          </Form>
        </Col>
        <Col xs={24} lg={8}>
          <ConsortiumPanel proposal={proposal} canManage={editable} onChanged={adopt} />
          <AttachmentsPanel proposal={proposal} editable={editable} onChanged={refetch} />
        </Col>
      </Row>

      {(editable || withdrawable) && (
        <div
          role="region"
          aria-label={t('vendor.proposal.sections.actions')}
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 10,
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
            padding: '10px 12px',
            marginTop: 8,
          }}
        >
          <Flex wrap gap={8} align="center" justify="space-between">
            <DeadlineCountdown deadline={scenario.proposalDeadline} now={now} showDate={false} />
            <Flex wrap gap={8}>
              {editable && (
                <Button
                  icon={<SaveOutlined aria-hidden />}
                  loading={busy === 'save'}
                  disabled={!!busy}
                  onClick={() => void onSave()}
                >
                  {t('vendor.proposal.save')}
                </Button>
              )}
              {submittable && (
                <Popconfirm
                  title={t('vendor.proposal.submitConfirm')}
                  okText={t('vendor.proposal.submitOk')}
                  onConfirm={() => void onTransition('submit')}
                >
                  <Button
                    type="primary"
                    icon={<SendOutlined aria-hidden />}
                    loading={busy === 'submit'}
                    disabled={!!busy}
                  >
                    {t('vendor.proposal.submit')}
                  </Button>
                </Popconfirm>
              )}
              {withdrawable && proposal.status === 'reconfirmation_required' && (
                <Button
                  type="primary"
                  loading={busy === 'reconfirm'}
                  disabled={!!busy}
                  onClick={() => void onTransition('reconfirm')}
                >
                  {t('vendor.proposal.reconfirm')}
                </Button>
              )}
              {withdrawable && (
                <Popconfirm title={t('vendor.proposal.reviseConfirm')} onConfirm={() => void onTransition('revise')}>
                  <Button loading={busy === 'revise'} disabled={!!busy}>
                    {t('vendor.proposal.revise')}
                  </Button>
                </Popconfirm>
              )}
              {withdrawable && (
                <Popconfirm
                  title={t('vendor.proposal.withdrawConfirm')}
                  onConfirm={() => void onTransition('withdraw')}
                >
                  <Button danger loading={busy === 'withdraw'} disabled={!!busy}>
                    {t('vendor.proposal.withdraw')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          </Flex>
        </div>
      )}
    </>
  );
}
