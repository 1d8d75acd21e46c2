import type { ProposalContent } from '@app/proposals';
import { DEMO_EMAIL_DOMAIN } from './demo-data';
import type { DemoScenarioFields } from './demo-scenarios';

/**
 * The whole cycle on the demo data: two scenarios of an earlier batch that went through proposals,
 * expert evaluation and award — one now in delivery, one accepted and designated a demonstration
 * scenario (and replicated by another agency) — plus proposals in several states on the open list.
 *
 * History is replayed, not written behind the services' backs: the seeder moves the server Clock to
 * each day below (days before the seed run) and calls the same services the API calls, so every
 * deadline, standstill and milestone rule is checked as it would have been.
 */
const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

export interface DemoHistoricProposal {
  /** Demo vendor key of the lead; its vendor_admin account drafts and submits. */
  lead: string;
  /** Consortium members (their vendor_admin accounts confirm). */
  members: string[];
  content: Omit<ProposalContent, 'milestones'>;
  /** Milestones, due `dueDaysAgo` days before the seed run (negative: still ahead). */
  milestones: { title: string; dueDaysAgo: number; deliverables: string; paymentPercent: number }[];
  /** Per reviewer (in `DEMO_REVIEWERS` order): technical 0–10, price 0–5, team 0–10, and a comment. */
  scores: [number, number, number, string][];
}

export interface DemoHistoricScenario {
  author: string;
  fields: DemoScenarioFields;
  /** Where the seeder leaves it. */
  outcome: 'in_delivery' | 'demonstration';
  /** Days before the seed run. */
  days: {
    deadline: number;
    award: number;
    deliveryStart: number;
    /** Only for `demonstration`. */
    acceptance?: number;
    demonstration?: number;
  };
  /** The first proposal wins. */
  proposals: DemoHistoricProposal[];
  awardJustification: string;
  /** Milestones (by index) the vendor reported and the agency confirmed, the day after their due date. */
  completedMilestones: number[];
  /** A progress report the lead vendor filed `daysAgo` days before the seed run. */
  progressReport?: { daysAgo: number; text: string; percentComplete: number };
  /** Trial results at the test ground (per scenario KPI), recorded by staff. */
  trialResults?: { metric: string; measuredValue: string; met: boolean; method: string; daysAgo: number }[];
  demonstrationCitation?: string;
  /** Email of an agency account that replicates the demonstration scenario into a draft of its own. */
  replicatedBy?: string;
}

/** The panel of every historic evaluation (the two demo reviewers). */
export const DEMO_REVIEWERS = [email('reviewer'), email('reviewer.li')] as const;

/** The rubric of every historic evaluation. */
export const DEMO_RUBRIC = [
  { key: 'technical', name: '技术方案与指标响应', weight: 50, scaleMax: 10, commentRequired: true },
  { key: 'price', name: '报价合理性', weight: 20, scaleMax: 5, commentRequired: false },
  { key: 'team', name: '团队与案例', weight: 30, scaleMax: 10, commentRequired: false },
];

/** The batch the historic scenarios were published in, days before the seed run. */
export const DEMO_HISTORY_PUBLISHED_DAYS_AGO = 200;

export const DEMO_HISTORY: readonly DemoHistoricScenario[] = [
  {
    author: email('agency.officer'),
    outcome: 'demonstration',
    fields: {
      title: '吴兴物流园区货到人智能仓储与AMR拣选',
      titleEn: 'Goods-to-person warehousing and AMR picking at the Wuxing logistics park',
      summary:
        '物流园区多品种小批量订单拣选依赖人工走动，高峰期效率低、差错多，希望引入货到人机器人与智能调度，提升拣选效率并可在园区其他仓库复制。',
      summaryEn: 'Goods-to-person robots and smart dispatching for picking in a multi-SKU logistics park.',
      description:
        '## 背景\n吴兴物流园区服务家居、童装等本地制造企业，日均订单 3 万行，拣选靠人工推车走动。\n\n## 建设内容\n在 1 号仓部署货到人拣选机器人与调度系统，与园区 WMS 对接，覆盖 5000 个货位。\n\n## 验收要求\n试运行 2 个月，拣选效率与差错率达到下列指标。\n',
      domain: 'manufacturing',
      sector: 'logistics_equipment',
      capabilityCodes: ['amr_agv', 'smart_warehousing', 'supply_chain_optimization'],
      district: 'wuxing',
      site: 'agency_site',
      currentSituation: '拣选员 40 人两班倒，人均每小时拣选约 120 行，订单差错率约 0.5%。',
      kpis: [
        { metric: '拣选效率', baseline: '120', target: '350', unit: '行/人时' },
        { metric: '订单差错率', baseline: '0.5', target: '0.05', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 8,
      compliance: {
        algorithmFiling: false,
        generativeAiFiling: false,
        dataSecurityLevel: 'general',
        personalInformation: false,
      },
      budgetMinYuan: 2_000_000,
      budgetMaxYuan: 3_500_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 5,
      contact: { name: '周晓燕', phone: '0572-2100111', email: email('zhou.xiaoyan'), public: true },
      privateFields: [],
    },
    days: { deadline: 170, award: 160, deliveryStart: 148, acceptance: 30, demonstration: 20 },
    proposals: [
      {
        lead: 'muxing',
        members: ['dema'],
        content: {
          technicalApproach:
            '## 技术路线\n牧星货到人拣选机器人 60 台 + 德马输送线与交叉带分拣，调度系统与园区 WMS 对接；高峰期按订单波次动态分配机器人。',
          kpiResponses: [
            { metric: '拣选效率', approach: '货到人工作站 12 个，机器人搬运货架到站', committedValue: '380 行/人时' },
            { metric: '订单差错率', approach: '工作站亮灯拣选与称重复核', committedValue: '0.03%' },
          ],
          team: [
            { name: '潘思琪', role: '项目经理', qualifications: 'PMP，主持 8 个仓储机器人项目' },
            { name: '林嘉怡', role: '输送分拣负责人（德马科技）', qualifications: '十年输送分拣系统集成' },
          ],
          priceYuan: 2_860_000,
          priceBreakdown: [
            { item: '货到人机器人与工作站', amountYuan: 1_900_000 },
            { item: '输送分拣线（德马科技）', amountYuan: 620_000 },
            { item: '调度软件与 WMS 对接', amountYuan: 340_000 },
          ],
          references: [{ client: '南浔某家居企业', project: '成品仓货到人改造', year: 2025 }],
          trialPlan: '先在试验场用园区一周的历史订单仿真验证波次策略，再在 1 号仓分区上线。',
        },
        milestones: [
          {
            title: '机器人与工作站部署',
            dueDaysAgo: 120,
            deliverables: '60 台机器人、12 个工作站上线',
            paymentPercent: 50,
          },
          { title: '全仓试运行与验收', dueDaysAgo: 45, deliverables: '两个月试运行报告', paymentPercent: 50 },
        ],
        scores: [
          [9, 4, 9, '方案成熟，联合体分工清晰，指标承诺有依据。'],
          [8, 4, 9, '案例与本场景高度相似，实施风险低。'],
        ],
      },
      {
        lead: 'nuoli',
        members: [],
        content: {
          technicalApproach: '## 技术路线\n激光SLAM无人叉车整托搬运 + 人工拆零拣选，调度平台与 WMS 对接。',
          kpiResponses: [
            { metric: '拣选效率', approach: '叉车补货减少人员走动', committedValue: '260 行/人时' },
            { metric: '订单差错率', approach: 'PDA 扫码复核', committedValue: '0.1%' },
          ],
          team: [{ name: '陈浩然', role: '项目经理', qualifications: '无人叉车项目交付 20 余个' }],
          priceYuan: 2_400_000,
          priceBreakdown: [
            { item: '无人叉车 12 台', amountYuan: 1_800_000 },
            { item: '调度平台与实施', amountYuan: 600_000 },
          ],
          references: [{ client: '长兴某电池企业', project: '成品库无人叉车改造', year: 2024 }],
          trialPlan: '在 1 号仓一个区试运行一个月。',
        },
        milestones: [
          { title: '叉车部署', dueDaysAgo: 110, deliverables: '12 台无人叉车上线', paymentPercent: 60 },
          { title: '验收', dueDaysAgo: 60, deliverables: '验收报告', paymentPercent: 40 },
        ],
        scores: [
          [6, 5, 8, '报价低，但拆零拣选效率指标未达到目标值。'],
          [6, 4, 8, '整托搬运成熟，拣选环节改进有限。'],
        ],
      },
    ],
    awardJustification:
      '联合体方案综合得分第一（技术方案与指标响应最优），报价在预算范围内；诺力智能方案拣选效率承诺未达到场景目标。',
    completedMilestones: [0, 1],
    trialResults: [
      { metric: '拣选效率', measuredValue: '372 行/人时', met: true, method: '试运行两个月日均统计', daysAgo: 40 },
      { metric: '订单差错率', measuredValue: '0.03%', met: true, method: '抽检 2 万行订单', daysAgo: 40 },
    ],
    demonstrationCitation:
      '货到人拣选在园区仓库三个月内上线，拣选效率提升三倍，方案已形成标准化实施包，适合全市物流园区和制造企业成品仓复制推广。',
    replicatedBy: email('nantaihu.officer'),
  },
  {
    author: email('nantaihu.officer'),
    outcome: 'in_delivery',
    fields: {
      title: '南太湖新区城市道路病害无人机AI巡检',
      titleEn: 'UAV and AI inspection of road surface defects in the South Taihu New Area',
      summary:
        '新区道路巡查靠人工驾车目视，坑槽、裂缝发现滞后，希望用无人机与车载相机采集影像，AI 自动识别道路病害并派单处置。',
      summaryEn: 'Drones and vehicle cameras with AI to find potholes and cracks and dispatch repairs.',
      description:
        '## 背景\n新区城市道路 600 余公里，养护单位每周人工巡查一次。\n\n## 建设内容\n无人机与巡查车影像采集，AI 识别坑槽、裂缝、井盖缺失等病害，接入城市运行平台自动派单。\n\n## 验收要求\n试运行 3 个月，识别准确率与巡检覆盖达到下列指标。\n',
      domain: 'transport',
      sector: 'road_traffic',
      capabilityCodes: ['uav_drone', 'video_analytics', 'digital_twin'],
      district: 'south_taihu',
      site: 'agency_site',
      currentSituation: '人工巡查每周一次，病害平均发现时间约 5 天。',
      kpis: [
        { metric: '病害识别准确率', baseline: '—', target: '90', unit: '%' },
        { metric: '巡检覆盖里程', baseline: '150', target: '300', unit: '公里/月' },
      ],
      dataResources: [],
      trlRequired: 7,
      compliance: {
        algorithmFiling: true,
        generativeAiFiling: false,
        dataSecurityLevel: 'important',
        personalInformation: false,
      },
      budgetMinYuan: 1_000_000,
      budgetMaxYuan: 1_600_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 8,
      contact: { name: '钟一鸣', phone: '0572-2300222', email: email('zhong.yiming'), public: false },
      privateFields: ['contact'],
    },
    days: { deadline: 90, award: 80, deliveryStart: 66 },
    proposals: [
      {
        lead: 'zhonghaida',
        members: [],
        content: {
          technicalApproach:
            '## 技术路线\n无人机倾斜摄影与巡查车相机双通道采集，道路病害分割模型识别 8 类病害，结果叠加到道路数字孪生底图并推送派单。',
          kpiResponses: [
            { metric: '病害识别准确率', approach: '新区道路样本迁移训练，人工复核闭环', committedValue: '92%' },
            { metric: '巡检覆盖里程', approach: '2 架无人机 + 1 台巡查车', committedValue: '320 公里/月' },
          ],
          team: [{ name: '许文涛', role: '项目经理', qualifications: '甲级测绘项目负责人' }],
          priceYuan: 1_280_000,
          priceBreakdown: [
            { item: '无人机与车载采集设备', amountYuan: 480_000 },
            { item: '病害识别模型与平台', amountYuan: 800_000 },
          ],
          references: [{ client: '南太湖新区某建设单位', project: '道路病害无人机巡检试点', year: 2025 }],
          trialPlan: '在试验场用新区 50 公里道路影像离线验证识别准确率。',
        },
        milestones: [
          { title: '采集设备与模型部署', dueDaysAgo: 30, deliverables: '设备交付、模型上线', paymentPercent: 40 },
          { title: '三个月试运行与验收', dueDaysAgo: -40, deliverables: '试运行报告', paymentPercent: 60 },
        ],
        scores: [
          [8, 4, 8, '测绘与遥感能力强，派单对接方案清楚。'],
          [9, 3, 8, '识别准确率承诺有试点数据支撑。'],
        ],
      },
      {
        lead: 'jiuzhou',
        members: [],
        content: {
          technicalApproach: '## 技术路线\n巡查车加装边缘AI一体机，实时识别道路病害。',
          kpiResponses: [
            { metric: '病害识别准确率', approach: '通用道路病害模型', committedValue: '88%' },
            { metric: '巡检覆盖里程', approach: '2 台巡查车', committedValue: '300 公里/月' },
          ],
          team: [{ name: '吕振宇', role: '项目经理', qualifications: '边缘计算项目经验' }],
          priceYuan: 1_050_000,
          priceBreakdown: [
            { item: '边缘AI一体机', amountYuan: 450_000 },
            { item: '平台与实施', amountYuan: 600_000 },
          ],
          references: [{ client: '吴兴某产业园', project: '园区视频AI事件识别', year: 2024 }],
          trialPlan: '试运行一个月。',
        },
        milestones: [
          { title: '设备部署', dueDaysAgo: 40, deliverables: '两台巡查车改装', paymentPercent: 50 },
          { title: '验收', dueDaysAgo: -20, deliverables: '验收报告', paymentPercent: 50 },
        ],
        scores: [
          [6, 5, 6, '报价较低，但识别准确率承诺未达目标。'],
          [7, 4, 6, '缺少无人机通道，覆盖依赖车辆。'],
        ],
      },
    ],
    awardJustification: '中海达方案技术得分最高，识别准确率与覆盖承诺均满足场景指标，报价在预算范围内。',
    completedMilestones: [0],
    progressReport: {
      daysAgo: 5,
      text: '已完成新区东片区 180 公里道路首轮巡检，识别病害 412 处，已派单 386 处；西片区影像采集进行中。',
      percentComplete: 55,
    },
  },
];

/** Proposals on the open list (now), each with its vendors and where the seeder leaves it. */
export interface DemoOpenProposal {
  /** Title of a published demo scenario. */
  scenarioTitle: string;
  lead: string;
  members: string[];
  /** `invited`: the members have not confirmed yet (the lead cannot submit). */
  state: 'draft' | 'invited' | 'submitted' | 'withdrawn';
  priceYuan: number;
}

export const DEMO_OPEN_PROPOSALS: readonly DemoOpenProposal[] = [
  {
    scenarioTitle: '织里童装面料瑕疵AI视觉检测',
    lead: 'jiuzhou',
    members: [],
    state: 'submitted',
    priceYuan: 1_180_000,
  },
  { scenarioTitle: '织里童装面料瑕疵AI视觉检测', lead: 'shizai', members: [], state: 'draft', priceYuan: 980_000 },
  {
    scenarioTitle: '物流装备整机装配线AGV与无人叉车协同调度',
    lead: 'nuoli',
    members: ['muxing'],
    state: 'submitted',
    priceYuan: 2_350_000,
  },
  {
    scenarioTitle: '物流装备整机装配线AGV与无人叉车协同调度',
    lead: 'dema',
    members: [],
    state: 'withdrawn',
    priceYuan: 2_100_000,
  },
  {
    scenarioTitle: '南浔古镇数字人导游与多语种智能讲解',
    lead: 'lingban',
    members: [],
    state: 'submitted',
    priceYuan: 860_000,
  },
  {
    scenarioTitle: '南浔古镇数字人导游与多语种智能讲解',
    lead: 'feitian',
    members: ['shizai'],
    state: 'invited',
    priceYuan: 1_150_000,
  },
  {
    scenarioTitle: '德清北斗农机自动驾驶与作业监测',
    lead: 'qianxun',
    members: [],
    state: 'submitted',
    priceYuan: 1_450_000,
  },
];
