import { createHash } from 'node:crypto';
import type { Role } from '@app/common';
import { USCC_ALPHABET, usccCheckCharacter, type NewOrganisation } from '@app/identity';

/**
 * Demo data for local development, demos and end-to-end tests: the Huzhou enablement centre, the
 * agencies that post scenarios and vendors inspired by companies named in the city's AI plan
 * coverage. Organisation names are illustrative; USCCs are generated (valid check character, never
 * a real registration) and every contact is fictional.
 */

/** The one password of every demo account (published in the README; `seed` refuses production). */
export const DEMO_PASSWORD = 'Huzhou-Demo-2026';

/** Demo accounts and contacts use this domain, so they are easy to recognise and remove. */
export const DEMO_EMAIL_DOMAIN = 'demo.huzhou.ai';

/** GB/T 2260 division codes of the taxonomy's districts. 南太湖新区 has no code of its own: 市辖区. */
const DIVISION_CODES: Record<string, string> = {
  citywide: '330500',
  south_taihu: '330501',
  wuxing: '330502',
  nanxun: '330503',
  deqing: '330521',
  changxing: '330522',
  anji: '330523',
};

/** Positions 1–2 of a USCC: registration authority and category (GB 32100-2015, table 1). */
const REGISTRANT_PREFIX = { government_body: '11', public_institution: '12', enterprise: '91' } as const;
type Registrant = keyof typeof REGISTRANT_PREFIX;

/**
 * A valid, deterministic USCC for a demo organisation: the organisation code (positions 9–17) is
 * derived from `key`, so every seed run computes the same code and finds what an earlier run made.
 */
export function demoUscc(registrant: Registrant, districtCode: string, key: string): string {
  const division = DIVISION_CODES[districtCode];
  if (!division) throw new Error(`No division code for district ${districtCode}`);
  const digest = createHash('sha256').update(`scenario-exchange/demo/${key}`).digest();
  let body = `${REGISTRANT_PREFIX[registrant]}${division}`;
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[digest[i] % USCC_ALPHABET.length];
  return body + usccCheckCharacter(body);
}

export interface DemoOrganisation extends NewOrganisation {
  /** Stable handle used by the accounts below; never stored. */
  key: string;
  status: 'verified' | 'pending';
  /** The name people use (市经信局); for documentation only. */
  shortName?: string;
}

interface OrganisationSpec extends Omit<DemoOrganisation, 'uscc' | 'contactEmail'> {
  registrant: Registrant;
}

function organisation(spec: OrganisationSpec): DemoOrganisation {
  const { registrant, ...rest } = spec;
  return {
    ...rest,
    uscc: demoUscc(registrant, spec.districtCode, spec.key),
    contactEmail: `contact.${spec.key}@${DEMO_EMAIL_DOMAIN}`,
  };
}

/** 湖州市人工智能赋能中心: also created by `create-admin` when the first platform admin is made. */
export const ENABLEMENT_CENTRE: DemoOrganisation = organisation({
  key: 'centre',
  registrant: 'public_institution',
  type: 'enablement_centre',
  status: 'verified',
  nameZh: '湖州市人工智能赋能中心',
  nameEn: 'Huzhou AI Enablement Centre',
  shortName: '赋能中心',
  districtCode: 'citywide',
  contactName: '赵立群',
  contactPhone: '0572-2100000',
});

export const DEMO_AGENCIES: readonly DemoOrganisation[] = [
  organisation({
    key: 'jxj',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '湖州市经济和信息化局',
    nameEn: 'Huzhou Municipal Bureau of Economy and Information Technology',
    shortName: '市经信局',
    districtCode: 'citywide',
    contactName: '孙建华',
    contactPhone: '0572-2100101',
  }),
  organisation({
    key: 'nyj',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '湖州市农业农村局',
    nameEn: 'Huzhou Municipal Bureau of Agriculture and Rural Affairs',
    shortName: '市农业农村局',
    districtCode: 'citywide',
    contactName: '吴国强',
    contactPhone: '0572-2100202',
  }),
  organisation({
    key: 'wglt',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '湖州市文化广电旅游体育局',
    nameEn: 'Huzhou Municipal Bureau of Culture, Radio, Television, Tourism and Sports',
    shortName: '市文广旅体局',
    districtCode: 'citywide',
    contactName: '王思远',
    contactPhone: '0572-2100303',
  }),
  organisation({
    key: 'jtj',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '湖州市交通运输局',
    nameEn: 'Huzhou Municipal Transport Bureau',
    shortName: '市交通运输局',
    districtCode: 'citywide',
    contactName: '冯志刚',
    contactPhone: '0572-2100404',
  }),
  organisation({
    key: 'ntk',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '湖州南太湖新区管理委员会',
    nameEn: 'Huzhou South Taihu New Area Administrative Committee',
    shortName: '南太湖新区管委会',
    districtCode: 'south_taihu',
    contactName: '钟一鸣',
    contactPhone: '0572-2100505',
  }),
  organisation({
    key: 'dqnyj',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '德清县农业农村局',
    nameEn: 'Deqing County Bureau of Agriculture and Rural Affairs',
    districtCode: 'deqing',
    contactName: '沈佳怡',
    contactPhone: '0572-8100606',
  }),
  organisation({
    key: 'ajwglt',
    registrant: 'government_body',
    type: 'agency',
    status: 'verified',
    nameZh: '安吉县文化和广电旅游体育局',
    nameEn: 'Anji County Bureau of Culture, Radio, Television, Tourism and Sports',
    shortName: '安吉县文广旅体局',
    districtCode: 'anji',
    contactName: '俞晓峰',
    contactPhone: '0572-5100707',
  }),
];

function vendor(spec: Omit<OrganisationSpec, 'type' | 'registrant'>): DemoOrganisation {
  return organisation({ ...spec, type: 'vendor', registrant: 'enterprise' });
}

/** Two vendors stay pending (registered through self-registration), so staff have a verification queue. */
export const DEMO_VENDORS: readonly DemoOrganisation[] = [
  vendor({
    key: 'nuoli',
    status: 'verified',
    nameZh: '诺力智能装备股份有限公司',
    nameEn: 'Nuoli Intelligent Equipment Co., Ltd.',
    shortName: '诺力智能',
    districtCode: 'changxing',
    contactName: '陈浩然',
    contactPhone: '0572-6200101',
  }),
  vendor({
    key: 'dema',
    status: 'verified',
    nameZh: '德马科技集团股份有限公司',
    nameEn: 'Dema Technology Group Co., Ltd.',
    shortName: '德马科技',
    districtCode: 'wuxing',
    contactName: '林嘉怡',
    contactPhone: '0572-2200202',
  }),
  vendor({
    key: 'qianxun',
    status: 'verified',
    nameZh: '千寻位置网络（浙江）有限公司',
    nameEn: 'Qianxun Spatial Intelligence (Zhejiang) Co., Ltd.',
    shortName: '千寻位置',
    districtCode: 'deqing',
    contactName: '卫嘉宁',
    contactPhone: '0572-8200303',
  }),
  vendor({
    key: 'zhonghaida',
    status: 'verified',
    nameZh: '浙江中海达空间信息技术有限公司',
    nameEn: 'Zhejiang Zhonghaida Spatial Information Technology Co., Ltd.',
    shortName: '中海达',
    districtCode: 'deqing',
    contactName: '许文涛',
    contactPhone: '0572-8200404',
  }),
  vendor({
    key: 'shizai',
    status: 'verified',
    nameZh: '湖州实在智能科技有限公司',
    nameEn: 'Huzhou Shizai Intelligent Technology Co., Ltd.',
    shortName: '实在智能',
    districtCode: 'south_taihu',
    contactName: '何雨辰',
    contactPhone: '0572-2200505',
  }),
  vendor({
    key: 'jiuzhou',
    status: 'verified',
    nameZh: '九州未来（湖州）科技有限公司',
    nameEn: 'Jiuzhou Weilai (Huzhou) Technology Co., Ltd.',
    shortName: '九州未来',
    districtCode: 'wuxing',
    contactName: '吕振宇',
    contactPhone: '0572-2200606',
  }),
  vendor({
    key: 'feitian',
    status: 'verified',
    nameZh: '飞天云动（湖州）数字科技有限公司',
    nameEn: 'Feitian Yundong (Huzhou) Digital Technology Co., Ltd.',
    shortName: '飞天云动',
    districtCode: 'south_taihu',
    contactName: '施梦琪',
    contactPhone: '0572-2200707',
  }),
  vendor({
    key: 'lingban',
    status: 'verified',
    nameZh: '湖州灵伴文旅科技有限公司',
    nameEn: 'Huzhou Lingban Culture & Tourism Technology Co., Ltd.',
    shortName: '灵伴文旅',
    districtCode: 'anji',
    contactName: '蒋雨桐',
    contactPhone: '0572-5200808',
  }),
  vendor({
    key: 'bocai',
    status: 'pending',
    nameZh: '浙江博采传媒有限公司',
    nameEn: 'Zhejiang Bocai Media Co., Ltd.',
    shortName: '博采传媒',
    districtCode: 'anji',
    contactName: '韩子墨',
    contactPhone: '0572-5200909',
  }),
  vendor({
    key: 'yunshenchu',
    status: 'verified',
    nameZh: '云深处（湖州）智能科技有限公司',
    nameEn: 'Yunshenchu (Huzhou) Intelligent Technology Co., Ltd.',
    shortName: '云深处',
    districtCode: 'south_taihu',
    contactName: '曹一凡',
    contactPhone: '0572-2201010',
  }),
  vendor({
    key: 'youaizhihe',
    status: 'pending',
    nameZh: '优艾智合（湖州）机器人科技有限公司',
    nameEn: 'Youai Zhihe (Huzhou) Robotics Technology Co., Ltd.',
    shortName: '优艾智合',
    districtCode: 'nanxun',
    contactName: '杨晨',
    contactPhone: '0572-3201111',
  }),
  vendor({
    key: 'muxing',
    status: 'verified',
    nameZh: '牧星机器人（湖州）有限公司',
    nameEn: 'Muxing Robotics (Huzhou) Co., Ltd.',
    shortName: '牧星机器人',
    districtCode: 'nanxun',
    contactName: '潘思琪',
    contactPhone: '0572-3201212',
  }),
];

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [ENABLEMENT_CENTRE, ...DEMO_AGENCIES, ...DEMO_VENDORS];

const organisationsByKey = new Map(DEMO_ORGANISATIONS.map((o) => [o.key, o]));

export function demoOrganisation(key: string): DemoOrganisation {
  const org = organisationsByKey.get(key);
  if (!org) throw new Error(`Unknown demo organisation ${key}`);
  return org;
}

export interface DemoAccount {
  email: string;
  role: Role;
  displayName: string;
  /** The demo organisation's key; null for an expert reviewer outside any organisation. */
  organisationKey: string | null;
  /** The organisation's Chinese name, for tables and tests. */
  organisation: string | null;
}

function account(local: string, role: Role, displayName: string, organisationKey: string | null): DemoAccount {
  return {
    email: `${local}@${DEMO_EMAIL_DOMAIN}`,
    role,
    displayName,
    organisationKey,
    organisation: organisationKey === null ? null : demoOrganisation(organisationKey).nameZh,
  };
}

/**
 * Every demo account, all with DEMO_PASSWORD. The first seven are one per role (the README table and
 * the e2e tests use them); the rest give other demo organisations someone to log in as. A pending
 * vendor's vendor_admin is the user who registered it.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('platform.admin', 'platform_admin', '赵立群', 'centre'),
  account('staff', 'staff', '钱晓雯', 'centre'),
  account('reviewer', 'reviewer', '陈志远教授（浙大湖州研究院）', null),
  account('agency.admin', 'agency_admin', '孙建华', 'jxj'),
  account('agency.officer', 'agency_officer', '周晓燕', 'jxj'),
  account('vendor.admin', 'vendor_admin', '陈浩然', 'nuoli'),
  account('vendor.member', 'vendor_member', '褚文博', 'nuoli'),
  account('reviewer.li', 'reviewer', '李慧敏副教授（湖州师范学院）', null),
  account('agri.admin', 'agency_admin', '吴国强', 'nyj'),
  account('tourism.officer', 'agency_officer', '王思远', 'wglt'),
  account('transport.officer', 'agency_officer', '冯志刚', 'jtj'),
  account('deqing.agri.officer', 'agency_officer', '沈佳怡', 'dqnyj'),
  account('qianxun.admin', 'vendor_admin', '卫嘉宁', 'qianxun'),
  account('lingban.admin', 'vendor_admin', '蒋雨桐', 'lingban'),
  account('bocai.admin', 'vendor_admin', '韩子墨', 'bocai'),
  account('youaizhihe.admin', 'vendor_admin', '杨晨', 'youaizhihe'),
  account('nantaihu.officer', 'agency_officer', '钟一鸣', 'ntk'),
  account('anji.tourism.officer', 'agency_officer', '俞晓峰', 'ajwglt'),
  account('dema.admin', 'vendor_admin', '林嘉怡', 'dema'),
  account('zhonghaida.admin', 'vendor_admin', '许文涛', 'zhonghaida'),
  account('shizai.admin', 'vendor_admin', '何雨辰', 'shizai'),
  account('jiuzhou.admin', 'vendor_admin', '吕振宇', 'jiuzhou'),
  account('feitian.admin', 'vendor_admin', '施梦琪', 'feitian'),
  account('yunshenchu.admin', 'vendor_admin', '曹一凡', 'yunshenchu'),
  account('muxing.admin', 'vendor_admin', '潘思琪', 'muxing'),
];

/** One account per role, keyed by role: what e2e tests log in as. */
export const DEMO_ACCOUNT_BY_ROLE: Readonly<Record<Role, DemoAccount>> = Object.fromEntries(
  [...DEMO_ACCOUNTS].reverse().map((a) => [a.role, a]),
) as Record<Role, DemoAccount>;
