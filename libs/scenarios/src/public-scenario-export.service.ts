import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { Feed } from 'feed';
import { DataSource, In } from 'typeorm';
import type { Locale, LocalisedText } from '@app/common';
import { AppConfig } from '@app/config';
import { termLabel } from '@app/taxonomy';
import type { PublicScenarioQuery } from './public-scenario.dto';
import { PublicScenarioService } from './public-scenarios.service';
import { ScenarioEntity } from './scenario.entity';
import { PUBLIC_SCENARIO_STATUSES, type ScenarioStatus } from './scenario-status';
import { ScenarioError } from './scenarios.errors';

/** An export larger than this is refused: a city's whole list is a few thousand rows. */
export const EXPORT_MAX_ROWS = 10_000;
/** Entries in the Atom feed of newly published scenarios. */
export const FEED_ENTRIES = 50;

const STATUS_LABELS: Partial<Record<ScenarioStatus, LocalisedText>> = {
  published: { 'zh-CN': '征集中', en: 'Open' },
  closed: { 'zh-CN': '已截止', en: 'Closed' },
  under_evaluation: { 'zh-CN': '评审中', en: 'Under evaluation' },
  awarded: { 'zh-CN': '已揭榜', en: 'Awarded' },
  no_award: { 'zh-CN': '未授予', en: 'No award' },
  in_delivery: { 'zh-CN': '实施中', en: 'In delivery' },
  accepted: { 'zh-CN': '已验收', en: 'Accepted' },
  demonstration: { 'zh-CN': '示范场景', en: 'Demonstration' },
};
const FUNDING_LABELS: Record<string, LocalisedText> = {
  agency_budget: { 'zh-CN': '部门预算', en: 'Agency budget' },
  subsidy: { 'zh-CN': '财政补贴', en: 'Subsidy' },
  co_investment: { 'zh-CN': '共同投资', en: 'Co-investment' },
};

/** Export columns, in order: key and header per locale. */
const COLUMNS: { key: keyof ExportRow; header: LocalisedText; width: number }[] = [
  { key: 'code', header: { 'zh-CN': '场景编号', en: 'Code' }, width: 18 },
  { key: 'title', header: { 'zh-CN': '场景名称', en: 'Title' }, width: 40 },
  { key: 'agency', header: { 'zh-CN': '发布单位', en: 'Agency' }, width: 28 },
  { key: 'domain', header: { 'zh-CN': '领域', en: 'Domain' }, width: 12 },
  { key: 'sector', header: { 'zh-CN': '细分行业', en: 'Sector' }, width: 16 },
  { key: 'capabilities', header: { 'zh-CN': '所需能力', en: 'Capabilities' }, width: 30 },
  { key: 'district', header: { 'zh-CN': '区县', en: 'District' }, width: 12 },
  { key: 'status', header: { 'zh-CN': '状态', en: 'Status' }, width: 10 },
  { key: 'budgetMinYuan', header: { 'zh-CN': '预算下限（元）', en: 'Budget min (CNY)' }, width: 16 },
  { key: 'budgetMaxYuan', header: { 'zh-CN': '预算上限（元）', en: 'Budget max (CNY)' }, width: 16 },
  { key: 'funding', header: { 'zh-CN': '资金来源', en: 'Funding' }, width: 12 },
  { key: 'trlRequired', header: { 'zh-CN': '技术成熟度要求', en: 'TRL required' }, width: 10 },
  { key: 'proposalDeadline', header: { 'zh-CN': '揭榜截止时间', en: 'Proposal deadline' }, width: 22 },
  { key: 'publishedAt', header: { 'zh-CN': '发布时间', en: 'Published' }, width: 22 },
  { key: 'batch', header: { 'zh-CN': '批次', en: 'Batch' }, width: 26 },
  { key: 'summary', header: { 'zh-CN': '场景简介', en: 'Summary' }, width: 60 },
  { key: 'url', header: { 'zh-CN': '链接', en: 'Link' }, width: 40 },
];

export interface ExportRow {
  code: string;
  title: string;
  agency: string;
  domain: string;
  sector: string;
  capabilities: string;
  district: string;
  status: string;
  budgetMinYuan: number | null;
  budgetMaxYuan: number | null;
  funding: string;
  trlRequired: number | null;
  proposalDeadline: string;
  publishedAt: string;
  batch: string;
  summary: string;
  url: string;
}

/**
 * Spreadsheet cells starting with these are formulas to Excel and friends (CSV injection, OWASP);
 * a leading apostrophe keeps them text.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Beijing time, as the city reads it: `2026-12-31 17:00`. */
function cst(d: Date | null): string {
  if (!d) return '';
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Exports of the public list (CSV, XLSX) and its Atom feed: public fields only, like the list itself. */
@Injectable()
export class PublicScenarioExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly list: PublicScenarioService,
    private readonly config: AppConfig,
  ) {}

  /** Every public scenario matching the list's filters, in the list's order, as export rows. */
  async rows(query: PublicScenarioQuery, locale: Locale): Promise<ExportRow[]> {
    const ids = await this.list.matchingIds(query, EXPORT_MAX_ROWS + 1);
    if (ids.length > EXPORT_MAX_ROWS) throw new ScenarioError('SCENARIO_EXPORT_TOO_LARGE', { max: EXPORT_MAX_ROWS });
    if (!ids.length) return [];
    const found = (await this.dataSource.query(
      `SELECT s.id, o.name_zh AS agency, b.title AS batch
         FROM scenario s
         JOIN organisation o ON o.id = s.agency_organisation_id
         LEFT JOIN scenario_batch b ON b.id = s.batch_id
        WHERE s.id = ANY ($1::uuid[])`,
      [ids],
    )) as { id: string; agency: string; batch: string | null }[];
    const extra = new Map(found.map((r) => [r.id, r]));
    const entities = await this.dataSource.manager.find(ScenarioEntity, { where: { id: In(ids) } });
    const byId = new Map(entities.map((e) => [e.id, e]));
    return ids.flatMap((id) => {
      const s = byId.get(id);
      return s ? [this.row(s, extra.get(id), locale)] : [];
    });
  }

  async csv(query: PublicScenarioQuery, locale: Locale): Promise<Buffer> {
    const rows = await this.rows(query, locale);
    const text = stringify(
      rows.map((r) => COLUMNS.map((c) => (typeof r[c.key] === 'string' ? inert(r[c.key] as string) : r[c.key]))),
      { header: true, columns: COLUMNS.map((c) => c.header[locale]), record_delimiter: 'windows' },
    );
    // The BOM makes Excel read UTF-8 Chinese text correctly.
    return Buffer.from(`\uFEFF${text}`, 'utf8');
  }

  async xlsx(query: PublicScenarioQuery, locale: Locale): Promise<Buffer> {
    const rows = await this.rows(query, locale);
    const book = new ExcelJS.Workbook();
    book.creator = 'scenario-exchange';
    book.created = new Date();
    const sheet = book.addWorksheet(locale === 'en' ? 'Opportunity list' : '场景机会清单', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = COLUMNS.map((c) => ({ header: c.header[locale], key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) sheet.addRow(r);
    for (const key of ['budgetMinYuan', 'budgetMaxYuan'] as const) sheet.getColumn(key).numFmt = '#,##0';
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** Atom (RFC 4287) feed of the newest published scenarios, for feed readers and other portals. */
  async atom(): Promise<string> {
    const base = this.config.PUBLIC_BASE_URL;
    const scenarios = await this.dataSource
      .getRepository(ScenarioEntity)
      .createQueryBuilder('s')
      .where('s.status IN (:...statuses)', { statuses: [...PUBLIC_SCENARIO_STATUSES] })
      .andWhere('s.published_at IS NOT NULL')
      .orderBy('s.published_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(FEED_ENTRIES)
      .getMany();
    const feed = new Feed({
      title: '湖州市人工智能场景机会清单',
      description: 'Newly published AI application scenarios (场景机会清单)',
      id: `${base}/api/v1/public/scenarios/feed.atom`,
      link: `${base}/scenarios`,
      language: 'zh-CN',
      copyright: '湖州市人工智能赋能中心',
      updated: scenarios[0]?.publishedAt ?? new Date(0),
      feedLinks: { atom: `${base}/api/v1/public/scenarios/feed.atom` },
    });
    for (const s of scenarios) {
      const link = `${base}/scenarios/${s.code ?? s.id}`;
      feed.addItem({
        title: `[${s.code}] ${s.title}`,
        id: `urn:uuid:${s.id}`,
        link,
        date: s.publishedAt as Date,
        published: s.publishedAt as Date,
        description: s.summary ?? '',
        category: [{ name: termLabel('domain', s.domain, 'zh-CN'), term: s.domain }],
      });
    }
    return feed.atom1();
  }

  private row(s: ScenarioEntity, extra: { agency: string; batch: string | null } | undefined, locale: Locale) {
    const budgetPrivate = s.privateFields.includes('budget');
    return {
      code: s.code ?? '',
      title: s.title,
      agency: extra?.agency ?? '',
      domain: termLabel('domain', s.domain, locale),
      sector: s.sector ? termLabel('sector', s.sector, locale) : '',
      capabilities: s.capabilityCodes
        .map((c) => termLabel('capability', c, locale))
        .join(locale === 'en' ? '; ' : '；'),
      district: s.district ? termLabel('district', s.district, locale) : '',
      status: STATUS_LABELS[s.status]?.[locale] ?? s.status,
      budgetMinYuan: budgetPrivate ? null : s.budgetMinYuan,
      budgetMaxYuan: budgetPrivate ? null : s.budgetMaxYuan,
      funding: s.fundingType ? (FUNDING_LABELS[s.fundingType]?.[locale] ?? s.fundingType) : '',
      trlRequired: s.trlRequired,
      proposalDeadline: cst(s.proposalDeadline),
      publishedAt: cst(s.publishedAt),
      batch: extra?.batch ?? '',
      summary: s.summary ?? '',
      url: `${this.config.PUBLIC_BASE_URL}/scenarios/${s.code ?? s.id}`,
    };
  }
}
