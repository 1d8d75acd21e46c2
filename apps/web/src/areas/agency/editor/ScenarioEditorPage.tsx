import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Form, Grid, Result, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { api } from '../../../api/client';
import { applyApiError } from '../../../api/form-errors';
import { FormErrors, QueryState } from '../../../components/QueryState';
import { StatusTag } from '../../../components/StatusTag';
import { agencyKeys, fetchScenario, isEditable } from '../api';
import type { ScenarioView } from '../types';
import { AttachmentsPanel } from '../components/AttachmentsPanel';
import { LinkButton } from '../../../components/LinkButton';
import { VettingComments } from '../components/VettingComments';
import { keepVettingOutcome } from '../components/vettingOutcome';
import { ScenarioFields } from './ScenarioFields';
import { emptyFormValues, formToDto, scenarioToForm, type ScenarioFormValues } from './formMapping';
import {
  EDITOR_STEPS,
  LAST_STEP,
  STEP_FIELDS,
  firstStepWithError,
  missingForSubmission,
  retargetApiError,
  stepOfField,
  stepsWithErrors,
} from './steps';
import { useScenarioAutosave, type ScenarioAutosave } from './useScenarioAutosave';

/** Set when the editor moved from "new" to the draft it created: the same editor goes on. */
interface EditorLocationState {
  createdFrom?: 'new';
}

/** `/agency/scenarios/new` and `/agency/scenarios/:id/edit`: one editor per scenario (a new key per id). */
export function ScenarioEditorRoute() {
  const { id } = useParams();
  const { state } = useLocation();
  // The draft created from "new" keeps the key "new": the editor, with everything typed meanwhile, stays.
  const key = (state as EditorLocationState | null)?.createdFrom ?? id ?? 'new';
  return <ScenarioEditorPage key={key} id={id ?? null} />;
}

function ScenarioEditorPage({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: agencyKeys.scenario(id ?? 'new'),
    queryFn: ({ signal }) => fetchScenario(id as string, signal),
    enabled: !!id,
  });
  // Decided once: a scenario that becomes uneditable while open (submitted elsewhere) keeps its editor,
  // whose autosave then reports it, rather than dropping what was typed.
  const editing = useRef(!id);
  if (id && !editing.current) {
    if (!query.data) return <QueryState query={query}>{() => null}</QueryState>;
    if (!isEditable(query.data.status))
      return (
        <Result
          status="info"
          title={t('agency.editor.notEditable', { status: t(`common.status.${query.data.status}`) })}
          extra={
            <LinkButton to={`/agency/scenarios/${query.data.id}`} type="primary">
              {t('agency.editor.toWorkspace')}
            </LinkButton>
          }
        />
      );
    editing.current = true;
  }
  return <Editor initial={id ? (query.data ?? null) : null} />;
}

function Editor({ initial }: { initial: ScenarioView | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<ScenarioFormValues>();
  const [initialValues] = useState<ScenarioFormValues>(() => (initial ? scenarioToForm(initial) : emptyFormValues()));
  const [step, setStep] = useState(0);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [errorSteps, setErrorSteps] = useState<number[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const onCreated = useCallback(
    (view: ScenarioView) => {
      queryClient.setQueryData(agencyKeys.scenario(view.id), view);
      void queryClient.invalidateQueries({ queryKey: agencyKeys.mine() });
      void message.success(t('agency.editor.draftCreated'));
      navigate(`/agency/scenarios/${view.id}/edit`, {
        replace: true,
        state: { createdFrom: 'new' } satisfies EditorLocationState,
      });
    },
    [message, navigate, queryClient, t],
  );
  const onSaved = useCallback(
    (view: ScenarioView) => {
      queryClient.setQueryData<ScenarioView>(agencyKeys.scenario(view.id), (previous) =>
        keepVettingOutcome(previous, view),
      );
      void queryClient.invalidateQueries({ queryKey: agencyKeys.mine() });
    },
    [queryClient],
  );
  const autosave = useScenarioAutosave({ form, initial, onCreated, onSaved, onUnmatchedErrors: setFormErrors });
  const scenario = autosave.latest;
  const id = scenario?.id ?? null;

  const goTo = (next: number) => {
    void autosave.flush();
    setStep(next);
    window.scrollTo({ top: 0 });
  };

  const jumpToErrors = (names: (string | number)[][]) => {
    const target = firstStepWithError(names);
    if (target !== null) {
      setStep(target);
      const first = names.find((n) => stepOfField(n) === target);
      if (first) setTimeout(() => form.scrollToField(first, { block: 'center', focus: true }), 50);
    }
  };

  const submit = async () => {
    if (!id) return;
    setFormErrors([]);
    setSubmitting(true);
    try {
      await autosave.flush(true);
      try {
        await form.validateFields();
      } catch (info) {
        const names = ((info as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? []).map(
          (f) => f.name,
        );
        jumpToErrors(names);
        void message.error(t('agency.editor.fixBeforeSubmit', { count: names.length }));
        return;
      }
      // Groups held back while incomplete are complete now: save them before submitting.
      if (!(await autosave.flush(true))) {
        void message.error(t('agency.editor.saveBeforeSubmit'));
        return;
      }
      await api.post<ScenarioView>(`/scenarios/${id}/submit`);
      void queryClient.invalidateQueries({ queryKey: agencyKeys.all });
      void message.success(t('agency.editor.submitted'));
      navigate(`/agency/scenarios/${id}`);
    } catch (error) {
      const unmatched = applyApiError(form, retargetApiError(error));
      setFormErrors(unmatched);
      jumpToErrors(
        form
          .getFieldsError()
          .filter((f) => f.errors.length)
          .map((f) => f.name),
      );
    } finally {
      setSubmitting(false);
    }
  };

  const missing = missingForSubmission(
    formToDto(Form.useWatch((values: ScenarioFormValues) => values, { form, preserve: true }) ?? initialValues),
  );
  const stepTitles = EDITOR_STEPS.map((s) => t(`agency.editor.steps.${s}`));
  const returned = initial?.status === 'returned';

  return (
    <div style={{ maxWidth: 960, margin: '0 auto' }}>
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }} className="wrap-anywhere">
          {initial ? t('agency.editor.editTitle') : t('agency.editor.newTitle')}
        </Typography.Title>
        <Space wrap size="small">
          {scenario && <StatusTag status={scenario.status} />}
          {scenario?.code && <Typography.Text type="secondary">{scenario.code}</Typography.Text>}
          {id && <Link to={`/agency/scenarios/${id}`}>{t('agency.editor.toWorkspace')}</Link>}
        </Space>
      </Flex>
      <AutosaveStatus autosave={autosave} />
      {returned && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('agency.editor.returnedTitle')}
          description={<VettingComments comments={initial?.vettingComments} />}
        />
      )}
      <Card styles={{ body: { padding: screens.md ? 24 : 12 } }}>
        <Steps
          current={step}
          onChange={goTo}
          size="small"
          orientation={screens.md ? 'horizontal' : 'vertical'}
          items={stepTitles.map((title, index) => ({
            title,
            status: stepStatus(index, step, errorSteps, missing),
          }))}
          style={{ marginBottom: 24 }}
        />
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {stepTitles[step]}
        </Typography.Title>
        <FormErrors messages={formErrors} />
        <Form
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={(changed) => autosave.changed(changed)}
          onFieldsChange={() => setErrorSteps(stepsWithErrors(form.getFieldsError()))}
          requiredMark={false}
          aria-label={t('agency.editor.formLabel')}
        >
          {EDITOR_STEPS.map((s, index) => (
            // Every step stays mounted (hidden), so validation and API errors reach every field.
            <div key={s} hidden={index !== step} data-testid={`step-${s}`}>
              <ScenarioFields
                fields={STEP_FIELDS[s]}
                descriptionHtml={s === 'basics' ? (scenario?.descriptionHtml ?? null) : undefined}
                comments={initial?.vettingComments}
              />
            </div>
          ))}
        </Form>
        {step === LAST_STEP && (
          <>
            {id ? (
              <AttachmentsPanel scenarioId={id} editable />
            ) : (
              <Alert type="info" showIcon title={t('agency.attachments.afterDraft')} />
            )}
            <section aria-labelledby="submit-heading" style={{ marginTop: 24 }}>
              <Typography.Title level={3} id="submit-heading" style={{ fontSize: 16 }}>
                {t('agency.editor.submitHeading')}
              </Typography.Title>
              {missing.length ? (
                <Alert
                  type="info"
                  showIcon
                  title={t('agency.editor.missingTitle', { count: missing.length })}
                  description={
                    <Space wrap size={[4, 4]}>
                      {missing.map((f) => (
                        <Button key={f} size="small" onClick={() => goTo(stepOfField(f) ?? 0)}>
                          {t(`agency.fields.${f}`)}
                        </Button>
                      ))}
                    </Space>
                  }
                />
              ) : (
                <Typography.Paragraph>{t('agency.editor.readyToSubmit')}</Typography.Paragraph>
              )}
            </section>
          </>
        )}
        <Flex wrap gap={8} justify="space-between" style={{ marginTop: 24 }}>
          <Space wrap>
            <Button disabled={step === 0} onClick={() => goTo(step - 1)}>
              {t('common.action.previous')}
            </Button>
            {step < LAST_STEP && (
              <Button type="primary" ghost onClick={() => goTo(step + 1)}>
                {t('common.action.next')}
              </Button>
            )}
          </Space>
          <Space wrap>
            <Button onClick={() => void autosave.flush(true)} loading={autosave.state.status === 'saving'}>
              {t('agency.editor.saveDraft')}
            </Button>
            {step === LAST_STEP && (
              <Button type="primary" onClick={() => void submit()} loading={submitting} disabled={!id}>
                {t('agency.editor.submit')}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
    </div>
  );
}

/** A step shows an error, done (nothing required missing in it), in progress or waiting. */
function stepStatus(index: number, current: number, errorSteps: number[], missing: string[]) {
  if (errorSteps.includes(index)) return 'error' as const;
  if (index === current) return 'process' as const;
  const fields = STEP_FIELDS[EDITOR_STEPS[index]] as readonly string[];
  return missing.some((f) => fields.includes(f)) ? ('wait' as const) : ('finish' as const);
}

function AutosaveStatus({ autosave }: { autosave: ScenarioAutosave }) {
  const { t } = useTranslation();
  const { state } = autosave;
  const [busy, setBusy] = useState(false);
  const heldBack = useMemo(
    () => state.heldBack.map((f) => t(`agency.fields.${f}`, { defaultValue: f })).join('、'),
    [state.heldBack, t],
  );
  const act = (fn: () => Promise<void>) => () => {
    setBusy(true);
    void fn().finally(() => setBusy(false));
  };
  if (state.status === 'conflict')
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title={t('agency.autosave.conflictTitle')}
        description={
          <>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('agency.autosave.conflictText')}</Typography.Paragraph>
            <Space wrap>
              <Button type="primary" loading={busy} onClick={act(autosave.mergeNewest)}>
                {t('agency.autosave.merge')}
              </Button>
              <Button danger loading={busy} onClick={act(autosave.reloadNewest)}>
                {t('agency.autosave.reload')}
              </Button>
            </Space>
          </>
        }
      />
    );
  if (state.status === 'locked')
    return <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={state.message} />;
  const text = (() => {
    switch (state.status) {
      case 'idle':
        return t('agency.autosave.idle');
      case 'needs_basics':
        return t('agency.autosave.needsBasics');
      case 'pending':
        return t('agency.autosave.pending');
      case 'saving':
        return t('agency.autosave.saving');
      case 'saved':
        return t('agency.autosave.saved', { time: dayjs(state.savedAt).format('HH:mm') });
      case 'invalid':
        return t('agency.autosave.invalid', { message: state.message });
      case 'error':
        return t('agency.autosave.error', { message: state.message });
    }
  })();
  const tone = state.status === 'error' || state.status === 'invalid' ? 'danger' : 'secondary';
  return (
    <div role="status" aria-live="polite" style={{ marginBottom: 12, minHeight: 22 }} data-testid="autosave-status">
      <Typography.Text type={tone}>{text}</Typography.Text>
      {heldBack && state.status !== 'invalid' && (
        <Typography.Text type="warning" style={{ display: 'block' }}>
          {t('agency.autosave.heldBack', { fields: heldBack })}
        </Typography.Text>
      )}
    </div>
  );
}
