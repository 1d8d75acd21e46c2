import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBudget, formatDateTime } from '../../../components/format';
import { label } from '../../../components/taxonomy';
import type { ScenarioView } from '../types';
import { StaffTable } from './StaffTable';
import { ToneTag, ScenarioStatusTag } from './ToneTag';

/** Everything a scenario says, for staff (who see private fields too). */
export function ScenarioDetails({ scenario, headingLevel = 2 }: { scenario: ScenarioView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const f = (field: string) => t(`staff.field.${field}`);
  const yesNo = (v: boolean | undefined) => (v ? t('staff.common.yes') : t('staff.common.no'));
  const c = scenario.compliance;
  const heading = (text: string) => (
    <Typography.Title level={headingLevel} style={{ fontSize: headingLevel === 2 ? 18 : 16, marginTop: 16 }}>
      {text}
    </Typography.Title>
  );

  return (
    <div>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'code', label: f('code'), children: scenario.code ?? '—' },
          { key: 'status', label: f('status'), children: <ScenarioStatusTag status={scenario.status} /> },
          { key: 'domain', label: f('domain'), children: label('domains', scenario.domain) },
          { key: 'sector', label: f('sector'), children: label('sectors', scenario.sector) || '—' },
          {
            key: 'capabilityCodes',
            label: f('capabilityCodes'),
            span: 'filled',
            children: scenario.capabilityCodes.length
              ? scenario.capabilityCodes.map((code) => <ToneTag key={code}>{label('capabilities', code)}</ToneTag>)
              : '—',
          },
          { key: 'district', label: f('district'), children: label('districts', scenario.district) || '—' },
          { key: 'site', label: f('site'), children: scenario.site ?? '—' },
          {
            key: 'budget',
            label: f('budget'),
            children: formatBudget(scenario.budgetMinYuan, scenario.budgetMaxYuan),
          },
          {
            key: 'fundingType',
            label: f('fundingType'),
            children: scenario.fundingType
              ? t(`staff.funding.${scenario.fundingType}`, { defaultValue: scenario.fundingType })
              : '—',
          },
          {
            key: 'proposalDeadline',
            label: f('proposalDeadline'),
            children: formatDateTime(scenario.proposalDeadline),
          },
          {
            key: 'expectedDeliveryMonths',
            label: f('expectedDeliveryMonths'),
            children:
              scenario.expectedDeliveryMonths === null
                ? '—'
                : t('staff.common.months', { count: scenario.expectedDeliveryMonths }),
          },
          { key: 'trlRequired', label: f('trlRequired'), children: scenario.trlRequired ?? '—' },
          {
            key: 'compliance',
            label: f('compliance'),
            span: 'filled',
            children: c ? (
              <span>
                {t('staff.compliance.algorithmFiling')}：{yesNo(c.algorithmFiling)}；
                {t('staff.compliance.generativeAiFiling')}：{yesNo(c.generativeAiFiling)}；
                {t('staff.compliance.dataSecurityLevel')}：
                {t(`staff.compliance.level.${c.dataSecurityLevel}`, { defaultValue: c.dataSecurityLevel })}；
                {t('staff.compliance.personalInformation')}：{yesNo(c.personalInformation)}
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'contact',
            label: f('contact'),
            span: 'filled',
            children: scenario.contact
              ? `${scenario.contact.name} · ${scenario.contact.phone} · ${scenario.contact.email}${
                  scenario.contact.public ? '' : `（${t('staff.scenario.contactPrivate')}）`
                }`
              : '—',
          },
          {
            key: 'privateFields',
            label: f('privateFields'),
            span: 'filled',
            children: scenario.privateFields.length
              ? scenario.privateFields.map((p) => (
                  <ToneTag key={p}>{t(`staff.privateField.${p}`, { defaultValue: p })}</ToneTag>
                ))
              : t('staff.common.none'),
          },
          { key: 'submittedAt', label: f('submittedAt'), children: formatDateTime(scenario.submittedAt) },
          { key: 'publishedAt', label: f('publishedAt'), children: formatDateTime(scenario.publishedAt) },
        ]}
      />
      {heading(f('summary'))}
      <Typography.Paragraph className="wrap-anywhere">{scenario.summary ?? '—'}</Typography.Paragraph>
      {heading(f('currentSituation'))}
      <Typography.Paragraph className="wrap-anywhere">{scenario.currentSituation ?? '—'}</Typography.Paragraph>
      {heading(f('description'))}
      {scenario.descriptionHtml ? (
        // Rendered from Markdown and sanitised by the API (libs/common/src/markdown.ts).
        <div className="wrap-anywhere" dangerouslySetInnerHTML={{ __html: scenario.descriptionHtml }} />
      ) : (
        <Typography.Paragraph>—</Typography.Paragraph>
      )}
      {heading(f('kpis'))}
      <StaffTable
        size="small"
        rowKey={(k) => k.metric}
        pagination={false}
        dataSource={scenario.kpis}
        columns={[
          { title: t('staff.kpi.metric'), dataIndex: 'metric' },
          { title: t('staff.kpi.baseline'), dataIndex: 'baseline' },
          { title: t('staff.kpi.target'), dataIndex: 'target' },
          { title: t('staff.kpi.unit'), dataIndex: 'unit' },
        ]}
      />
      {!!scenario.dataResources?.length && (
        <>
          {heading(f('dataResources'))}
          <StaffTable
            size="small"
            rowKey={(d) => d.name}
            pagination={false}
            dataSource={scenario.dataResources}
            columns={[
              { title: t('staff.dataResource.name'), dataIndex: 'name' },
              { title: t('staff.dataResource.description'), dataIndex: 'description' },
              { title: t('staff.dataResource.accessTerms'), dataIndex: 'accessTerms' },
              {
                title: t('staff.dataResource.sandboxed'),
                dataIndex: 'sandboxed',
                render: (v: boolean) => yesNo(v),
              },
            ]}
          />
        </>
      )}
      {scenario.cancellationReason && (
        <>
          {heading(f('cancellationReason'))}
          <Typography.Paragraph>{scenario.cancellationReason}</Typography.Paragraph>
        </>
      )}
    </div>
  );
}
