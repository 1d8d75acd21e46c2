import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Card, Descriptions, Flex, Grid, Result, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowLeftOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState';
import { formatBudget, formatDate } from '../../../components/format';
import { label, type TaxonomyKind } from '../../../components/taxonomy';
import { currentLanguage } from '../../../i18n';
import { useVendor } from '../api';
import { pageTitleStyle } from '../components/a11y';
import { TAG } from '../components/PublicStatusTag';
import type { PublicVendorDetail } from '../types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only web addresses become links: a `javascript:` or `data:` URL must never be clickable. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} style={{ marginBottom: 16 }}>
      <Card size="small" styles={{ body: { padding: 16 } }}>
        <Typography.Title level={2} id={id} style={{ fontSize: 18, marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </section>
  );
}

function Tags({ kind, codes, color }: { kind: TaxonomyKind; codes: string[]; color?: string }) {
  if (!codes.length) return <>—</>;
  return (
    <Flex gap={4} wrap>
      {codes.map((c) => (
        <Tag key={c} color={color}>
          {label(kind, c)}
        </Tag>
      ))}
    </Flex>
  );
}

export function VerifiedBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('public.vendors.detail.verifiedHint')}>
      <Tag color={TAG.ok} icon={<SafetyCertificateFilled aria-hidden />}>
        {t('public.vendors.detail.verified')}
      </Tag>
    </Tooltip>
  );
}

function Vendor({ v }: { v: PublicVendorDetail }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const en = currentLanguage() === 'en';
  const name = en && v.nameEn ? v.nameEn : v.nameZh;
  return (
    <article aria-labelledby="vendor-title">
      <Link to="/vendors" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined aria-hidden /> {t('public.vendors.detail.back')}
      </Link>
      <header style={{ marginBottom: 16 }}>
        <Typography.Title level={1} id="vendor-title" style={pageTitleStyle} className="wrap-anywhere">
          {name}
        </Typography.Title>
        {!en && v.nameEn && (
          <Typography.Text type="secondary" lang="en">
            {v.nameEn}
          </Typography.Text>
        )}
      </header>

      <Section id="vendor-basics" title={t('public.vendors.detail.basics')}>
        <Descriptions
          size="small"
          column={screens.md ? 2 : 1}
          items={[
            {
              key: 'domains',
              label: t('public.vendors.detail.domains'),
              children: <Tags kind="domains" codes={v.domains} color="blue" />,
            },
            {
              key: 'registered',
              label: t('public.vendors.detail.registeredDistrict'),
              children: label('districts', v.districtCode),
            },
            {
              key: 'capabilities',
              label: t('public.vendors.detail.capabilities'),
              children: <Tags kind="capabilities" codes={v.capabilityCodes} />,
              span: screens.md ? 2 : 1,
            },
            {
              key: 'industry',
              label: t('public.vendors.detail.industryFields'),
              children: <Tags kind="industry_fields" codes={v.industryFields} color="purple" />,
            },
            {
              key: 'districts',
              label: t('public.vendors.detail.districts'),
              children: <Tags kind="districts" codes={v.districts} />,
            },
            {
              key: 'team',
              label: t('public.vendors.detail.teamSize'),
              children: v.teamSize !== null ? t('public.vendors.detail.teamValue', { count: v.teamSize }) : '—',
            },
            { key: 'trl', label: t('public.vendors.detail.trl'), children: v.trl !== null ? `TRL ${v.trl}` : '—' },
            {
              key: 'budget',
              label: t('public.vendors.detail.typicalBudget'),
              children: formatBudget(v.typicalBudgetMinYuan, v.typicalBudgetMaxYuan),
            },
            { key: 'updated', label: t('public.vendors.detail.updatedAt'), children: formatDate(v.updatedAt) },
          ]}
        />
      </Section>

      <Section id="vendor-description" title={t('public.vendors.detail.description')}>
        {/* descriptionHtml is Markdown rendered without raw HTML and sanitised by the API with a strict
            allowlist (libs/common/src/markdown.ts): safe HTML, so it may be set as HTML here. */}
        <div className="wrap-anywhere" dangerouslySetInnerHTML={{ __html: v.descriptionHtml }} />
      </Section>

      <Section id="vendor-products" title={t('public.vendors.detail.products')}>
        {v.products.length ? (
          <ul style={{ paddingInlineStart: 18, margin: 0 }}>
            {v.products.map((p) => {
              const url = safeExternalUrl(p.url);
              return (
                <li key={p.name} style={{ marginBottom: 6 }} className="wrap-anywhere">
                  <Typography.Text strong>{p.name}</Typography.Text>
                  {p.description && (
                    <>
                      {t('public.colon')}
                      {p.description}
                    </>
                  )}
                  {url && (
                    <>
                      {' '}
                      <a
                        href={url}
                        target="_blank"
                        rel="noopener noreferrer nofollow"
                        aria-label={t('public.vendors.detail.productLink', { name: p.name })}
                      >
                        {new URL(url).host}
                      </a>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('public.vendors.detail.noProducts')}</Typography.Text>
        )}
      </Section>

      <Section id="vendor-cases" title={t('public.vendors.detail.cases')}>
        {v.pastCases.length ? (
          <ul style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
            {v.pastCases.map((c) => (
              <li key={`${c.title}-${c.year}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
                <Flex gap={8} wrap align="center">
                  <Typography.Title level={3} style={{ fontSize: 15, margin: 0 }} className="wrap-anywhere">
                    {c.title}
                  </Typography.Title>
                  {c.verified ? <VerifiedBadge /> : <Tag>{t('public.vendors.detail.selfDeclared')}</Tag>}
                </Flex>
                <Typography.Text type="secondary">
                  {t('public.vendors.detail.client')}
                  {t('public.colon')}
                  {c.client} · {t('public.vendors.detail.year')}
                  {t('public.colon')}
                  {c.year}
                </Typography.Text>
                <Typography.Paragraph style={{ margin: '4px 0 0' }} className="wrap-anywhere">
                  {c.outcome}
                </Typography.Paragraph>
                {c.scenarioId && (
                  <Link to={`/scenarios/${c.scenarioId}`}>{t('public.vendors.detail.viewScenario')}</Link>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('public.vendors.detail.noCases')}</Typography.Text>
        )}
      </Section>

      <Section id="vendor-certifications" title={t('public.vendors.detail.certifications')}>
        {v.certifications.length ? (
          <Table
            size="small"
            rowKey={(c) => `${c.name}-${c.issuer}`}
            pagination={false}
            dataSource={v.certifications}
            caption={<span className="sr-only">{t('public.vendors.detail.certifications')}</span>}
            columns={[
              { title: t('public.vendors.detail.certifications'), dataIndex: 'name' },
              { title: t('public.vendors.detail.issuer'), dataIndex: 'issuer' },
              {
                title: t('public.vendors.detail.validUntil'),
                dataIndex: 'validUntil',
                render: (d: string | null) => d ?? '—',
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">{t('public.vendors.detail.noCertifications')}</Typography.Text>
        )}
      </Section>
    </article>
  );
}

/** `/vendors/:id` — a verified vendor's public capability profile. */
export function VendorDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const valid = UUID.test(id);
  const query = useVendor(id, valid);
  // A malformed id is simply no vendor (the API would call it a bad request).
  if (!valid) return <Result status="404" title={t('common.state.notFound')} />;
  return <QueryState query={query}>{(v) => <Vendor v={v} />}</QueryState>;
}
