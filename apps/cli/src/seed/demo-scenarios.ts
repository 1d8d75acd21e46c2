import type { CreateScenarioDto, ScenarioField } from '@app/scenarios';
import { DEMO_EMAIL_DOMAIN } from './demo-data';

/**
 * Demo scenarios (应用场景) of the Huzhou opportunity list, modelled on the needs named in the city's
 * AI plan: 童装/纺织 quality inspection, 电梯, 物流装备, 家居 design, 湖羊/渔业/茶园, 南浔古镇 and 安吉
 * tourism, 数字人 guides, 车路协同 and 北斗. Agencies and contacts are the fictional demo ones.
 *
 * `status` is where the seeder leaves the scenario: drafts stay with the agency, submitted ones wait
 * in the vetting queue, the returned one carries field comments, `approved` waits for the next
 * batch and `published` ones go out together in one numbered batch.
 */
export type DemoScenarioStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';

export type DemoScenarioFields = Omit<CreateScenarioDto, 'proposalDeadline'>;

export interface DemoScenario {
  /** Email of the demo agency account that drafts and submits it; its agency owns the scenario. */
  author: string;
  status: DemoScenarioStatus;
  /** Proposal deadline in days after the seed run (null: a draft without one yet). */
  deadlineDays: number | null;
  /** For `returned`: the vetting comments per field. */
  returnComments?: Partial<Record<ScenarioField, string>>;
  /** Everything but the deadline; (agency, title) is the scenario's stable identity. */
  fields: DemoScenarioFields;
}

const DAY = 86_400_000;

/**
 * `days` after `now`, at 17:00 Beijing time (09:00 UTC) of that day: always after `now` for
 * `days >= 1`, so a seed run never writes a deadline that has already passed.
 */
export function demoDeadline(now: Date, days: number): Date {
  const d = new Date(now.getTime() + days * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9));
}

const officer = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const JXJ = officer('agency.officer');
const NYJ = officer('agri.admin');
const WGLT = officer('tourism.officer');
const JTJ = officer('transport.officer');
const DQNYJ = officer('deqing.agri.officer');
const NTK = officer('nantaihu.officer');
const AJWGLT = officer('anji.tourism.officer');

const GENERAL = {
  algorithmFiling: false,
  generativeAiFiling: false,
  dataSecurityLevel: 'general',
  personalInformation: false,
} as const;
const GENERATIVE = {
  algorithmFiling: true,
  generativeAiFiling: true,
  dataSecurityLevel: 'important',
  personalInformation: true,
} as const;
const PERSONAL = {
  algorithmFiling: true,
  generativeAiFiling: false,
  dataSecurityLevel: 'important',
  personalInformation: true,
} as const;

function contact(name: string, phone: string, local: string, isPublic: boolean) {
  return { name, phone, email: `${local}@${DEMO_EMAIL_DOMAIN}`, public: isPublic };
}

function description(background: string, scope: string, acceptance: string): string {
  return `## 背景\n${background}\n\n## 建设内容\n${scope}\n\n## 验收要求\n${acceptance}\n`;
}

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  // ── 智能制造 · 市经信局 ───────────────────────────────────────────────────────────────────
  {
    author: JXJ,
    status: 'published',
    deadlineDays: 45,
    fields: {
      title: '织里童装面料瑕疵AI视觉检测',
      titleEn: 'AI visual inspection of fabric defects for Zhili children’s wear',
      summary:
        '织里童装企业面料瑕疵依赖人工目检，漏检率高，希望引入机器视觉在验布和裁剪前自动识别瑕疵，提升质检效率与一致性。',
      summaryEn:
        'Zhili children’s-wear makers inspect fabric by eye; we seek machine vision that finds defects before cutting.',
      description: description(
        '织里镇童装产业集群企业超过一万家，年产童装十余亿件。面料验布环节基本依靠人工目检，质检员流动性大、标准不一。',
        '在 3 家示范企业的验布机上部署工业相机与边缘推理设备，识别破洞、油污、色差、纬斜等 12 类常见瑕疵，并与企业 MES 对接生成质检报告。',
        '试运行 3 个月，缺陷检出率、误报率与检测速度达到下列指标；方案可在织里其他企业低成本复制。',
      ),
      domain: 'manufacturing',
      sector: 'textile',
      capabilityCodes: ['cv_inspection', 'edge_computing'],
      district: 'wuxing',
      site: 'agency_site',
      currentSituation: '每条验布线配备 2–4 名质检员，漏检率约 5%，旺季人手紧张，客户退货中约三成与面料瑕疵有关。',
      kpis: [
        { metric: '缺陷检出率', baseline: '95', target: '99.5', unit: '%' },
        { metric: '误报率', baseline: '8', target: '2', unit: '%' },
        { metric: '验布速度', baseline: '15', target: '40', unit: '米/分钟' },
      ],
      dataResources: [
        {
          name: '历史瑕疵图像',
          description: '约 2 万张已标注的面料瑕疵图像，覆盖针织与梭织面料',
          accessTerms: '仅限试验场内使用，不得带出',
          sandboxed: true,
        },
      ],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 800_000,
      budgetMaxYuan: 1_500_000,
      fundingType: 'subsidy',
      expectedDeliveryMonths: 6,
      contact: contact('周晓燕', '0572-2100111', 'zhou.xiaoyan', true),
      privateFields: [],
    },
  },
  {
    author: JXJ,
    status: 'published',
    deadlineDays: 30,
    fields: {
      title: '电梯运行数据预测性维护与困人预警',
      titleEn: 'Predictive maintenance and entrapment early warning for elevators',
      summary: '依托南浔电梯产业基础，利用电梯物联网运行数据预测部件故障，提前预警困人风险，推动按需维保替代定期维保。',
      summaryEn: 'Use elevator IoT data to predict component failures and warn of entrapment risk before it happens.',
      description: description(
        '南浔区是全国重要的电梯整机与部件生产基地，全市在用电梯超过 3 万台，维保仍以半月一次的定期保养为主。',
        '接入不少于 2000 台电梯的运行数据，建立曳引机、门机、制动器等关键部件的故障预测模型，输出预警工单并与维保平台联动。',
        '在试点电梯上连续运行 6 个月，故障预测准确率与困人事件下降幅度达到指标。',
      ),
      domain: 'manufacturing',
      sector: 'elevators',
      capabilityCodes: ['predictive_maintenance', 'iot_sensing', 'forecasting'],
      district: 'nanxun',
      site: 'agency_site',
      currentSituation: '电梯故障多在发生后才被发现，困人事件年均 400 余起，维保人员按固定周期巡检，效率不高。',
      kpis: [
        { metric: '关键部件故障预测准确率', baseline: '', target: '85', unit: '%' },
        { metric: '困人事件数量', baseline: '400', target: '280', unit: '起/年' },
      ],
      dataResources: [
        {
          name: '电梯物联网运行数据',
          description: '2000 余台电梯近两年的运行状态、故障代码与维保记录',
          accessTerms: '脱敏后在试验场沙箱内提供',
          sandboxed: true,
        },
      ],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 1_000_000,
      budgetMaxYuan: 2_500_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 9,
      contact: contact('周晓燕', '0572-2100111', 'zhou.xiaoyan', false),
      privateFields: ['contact'],
    },
  },
  {
    author: JXJ,
    status: 'published',
    deadlineDays: 50,
    fields: {
      title: '物流装备整机装配线AGV与无人叉车协同调度',
      summary:
        '长兴物流装备企业装配车间物料转运靠人工叉车，希望部署AGV与无人叉车并实现多车型统一调度，提升装配线节拍。',
      description: description(
        '长兴县物流装备产业集聚，整机装配车间内部转运仍以人工叉车为主，高峰期拥堵且存在安全隐患。',
        '在一个装配车间部署不少于 10 台 AGV / 无人叉车，建设统一调度系统，与 WMS、MES 对接，实现工位按需配送。',
        '连续运行 3 个月，物料准时配送率、人工叉车替代率达到指标，无安全事故。',
      ),
      domain: 'manufacturing',
      sector: 'logistics_equipment',
      capabilityCodes: ['amr_agv', 'smart_warehousing', 'production_scheduling'],
      district: 'changxing',
      site: 'agency_site',
      currentSituation: '车间内 14 台人工叉车两班倒，物料配送延误导致装配线日均停线约 40 分钟。',
      kpis: [
        { metric: '物料准时配送率', baseline: '82', target: '98', unit: '%' },
        { metric: '人工叉车替代率', baseline: '0', target: '70', unit: '%' },
      ],
      dataResources: [
        {
          name: '车间布局与物流路径',
          description: 'CAD 布局图、工位清单与近一年物料配送记录',
          accessTerms: '签署保密协议后提供',
          sandboxed: false,
        },
      ],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 2_000_000,
      budgetMaxYuan: 5_000_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 8,
      contact: contact('周晓燕', '0572-2100111', 'zhou.xiaoyan', true),
      privateFields: [],
    },
  },
  {
    author: JXJ,
    status: 'published',
    deadlineDays: 40,
    fields: {
      title: '家居定制AI生成式设计与报价助手',
      titleEn: 'Generative design and quoting assistant for custom home furnishing',
      summary: '面向安吉、南浔家居企业，利用生成式AI根据户型图和客户偏好自动生成定制家具方案与效果图，并给出拆单报价。',
      summaryEn: 'Generative AI that turns floor plans and customer tastes into custom furniture designs and quotes.',
      description: description(
        '湖州家居产业以椅业、木地板和定制家具见长，设计师出图周期长，中小企业设计能力不足。',
        '建设面向家居企业的生成式设计工具：户型识别、风格推荐、方案生成、效果图渲染与拆单报价，支持设计师二次修改。',
        '在 5 家企业试用，单套方案出图时间与客户签单转化率达到指标。',
      ),
      domain: 'manufacturing',
      sector: 'home_furnishing',
      capabilityCodes: ['generative_design', 'recommendation'],
      district: 'anji',
      site: 'agency_site',
      currentSituation: '一套全屋定制方案从量尺到出图平均需 3 天，设计师人力成本占订单金额约 8%。',
      kpis: [
        { metric: '单套方案出图时间', baseline: '72', target: '4', unit: '小时' },
        { metric: '签单转化率', baseline: '18', target: '25', unit: '%' },
      ],
      dataResources: [
        {
          name: '历史设计方案库',
          description: '约 1.2 万套定制家具方案及对应户型、报价',
          accessTerms: '企业授权后在试验场内使用',
          sandboxed: true,
        },
      ],
      trlRequired: 5,
      compliance: GENERATIVE,
      budgetMinYuan: 600_000,
      budgetMaxYuan: 1_200_000,
      fundingType: 'subsidy',
      expectedDeliveryMonths: 6,
      contact: contact('周晓燕', '0572-2100111', 'zhou.xiaoyan', true),
      privateFields: [],
    },
  },
  {
    author: JXJ,
    status: 'approved',
    deadlineDays: 55,
    fields: {
      title: '纺织印染车间能耗优化与排产协同',
      summary: '针对印染企业蒸汽与电力消耗大的问题，结合订单排产优化染缸调度，降低单位产品能耗并满足交期。',
      description: description(
        '纺织印染是湖州传统优势产业，也是能耗和排放大户，染缸调度主要靠班组长经验。',
        '采集染缸、定型机等设备能耗数据，建立能耗模型，与订单排产联合优化，输出日排产计划和能耗预警。',
        '试点企业连续运行 3 个月，单位产品综合能耗与订单准时交付率达到指标。',
      ),
      domain: 'manufacturing',
      sector: 'textile',
      capabilityCodes: ['energy_optimization', 'production_scheduling'],
      district: 'changxing',
      site: 'agency_site',
      currentSituation: '染缸平均利用率约 65%，换缸清洗频繁，蒸汽消耗波动大。',
      kpis: [
        { metric: '单位产品综合能耗', baseline: '1.8', target: '1.55', unit: '吨标煤/万米' },
        { metric: '订单准时交付率', baseline: '88', target: '96', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 500_000,
      budgetMaxYuan: 1_000_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 6,
      contact: contact('周晓燕', '0572-2100111', 'zhou.xiaoyan', false),
      privateFields: ['contact'],
    },
  },
  {
    author: JXJ,
    status: 'submitted',
    deadlineDays: 45,
    fields: {
      title: '新能源汽车零部件焊缝质量在线检测',
      summary: '长兴新能源汽车零部件企业焊缝检测依靠抽检和X光离线检测，希望实现焊接过程在线质量监测和缺陷识别。',
      description: description(
        '长兴新能源汽车及零部件产业快速发展，电池托盘、车身结构件焊缝质量直接关系整车安全。',
        '在焊接工位部署视觉与电流电压传感，建立焊缝缺陷识别模型，实现在线判定与不良品追溯。',
        '试点产线连续运行 2 个月，焊缝缺陷检出率与检测节拍达到指标。',
      ),
      domain: 'manufacturing',
      sector: 'automotive',
      capabilityCodes: ['cv_inspection', 'iot_sensing'],
      district: 'changxing',
      site: 'agency_site',
      currentSituation: '焊缝抽检比例 5%，X 光检测每件约 3 分钟，无法覆盖全部产品。',
      kpis: [
        { metric: '焊缝缺陷检出率', baseline: '90', target: '99', unit: '%' },
        { metric: '单件检测时间', baseline: '180', target: '10', unit: '秒' },
      ],
      dataResources: [],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 1_000_000,
      budgetMaxYuan: 2_000_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 8,
      contact: contact('周晓燕', '0572-2100111', 'zhou.xiaoyan', true),
      privateFields: [],
    },
  },
  {
    author: JXJ,
    status: 'draft',
    deadlineDays: null,
    fields: {
      title: '生物医药车间具身智能机器人巡检',
      summary: '探索在洁净车间引入具身智能机器人开展巡检与物料搬运，减少人员进出洁净区。',
      domain: 'manufacturing',
      sector: 'biomedicine',
      capabilityCodes: ['embodied_robot', 'inspection_robot'],
      district: 'south_taihu',
    },
  },
  // ── 智慧农业 · 市农业农村局、德清县农业农村局 ─────────────────────────────────────────────────
  {
    author: NYJ,
    status: 'published',
    deadlineDays: 35,
    fields: {
      title: '湖羊智慧养殖个体识别与健康监测',
      titleEn: 'Individual identification and health monitoring for Hu sheep farming',
      summary: '湖羊是湖州特色畜种，希望通过视觉识别与可穿戴传感实现湖羊个体识别、体况评估和疾病早期预警。',
      summaryEn:
        'Vision and wearable sensors to identify individual Hu sheep, score body condition and flag illness early.',
      description: description(
        '湖州湖羊存栏量全省领先，规模养殖场普遍缺少个体级管理手段，疫病发现滞后。',
        '在 2 个规模化湖羊养殖场部署摄像头与耳标传感器，实现个体识别、采食与活动量监测、体况评分和异常预警。',
        '运行 4 个月，个体识别准确率、疾病预警提前量达到指标。',
      ),
      domain: 'agriculture',
      sector: 'livestock',
      capabilityCodes: ['video_analytics', 'iot_sensing', 'forecasting'],
      district: 'wuxing',
      site: 'agency_site',
      currentSituation: '养殖场每名饲养员管理约 500 只湖羊，病羊多在明显症状出现后才被发现，死亡率约 4%。',
      kpis: [
        { metric: '个体识别准确率', baseline: '', target: '97', unit: '%' },
        { metric: '疾病预警提前量', baseline: '0', target: '48', unit: '小时' },
        { metric: '养殖死亡率', baseline: '4', target: '2.5', unit: '%' },
      ],
      dataResources: [
        {
          name: '养殖场监控视频',
          description: '两个养殖场近半年的羊舍监控录像',
          accessTerms: '现场调取，不得外传',
          sandboxed: false,
        },
      ],
      trlRequired: 5,
      compliance: GENERAL,
      budgetMinYuan: 400_000,
      budgetMaxYuan: 900_000,
      fundingType: 'subsidy',
      expectedDeliveryMonths: 6,
      contact: contact('吴国强', '0572-2100202', 'wu.guoqiang', true),
      privateFields: [],
    },
  },
  {
    author: NYJ,
    status: 'published',
    deadlineDays: 28,
    fields: {
      title: '太湖溇港渔业水质智能监测与投喂优化',
      summary: '在南太湖水产养殖区建设水质在线监测和智能投喂系统，预测溶解氧等关键指标，减少泛塘风险和饲料浪费。',
      description: description(
        '湖州是全国重要的淡水养殖基地，青虾、加州鲈等养殖户主要凭经验投喂和增氧。',
        '部署水质传感器与投喂控制器，建立溶解氧预测模型，按天气和鱼群摄食情况自动调节增氧与投喂。',
        '在 500 亩示范塘运行一个养殖季，饲料系数和泛塘事件达到指标。',
      ),
      domain: 'agriculture',
      sector: 'fishery',
      capabilityCodes: ['iot_sensing', 'forecasting'],
      district: 'south_taihu',
      site: 'agency_site',
      currentSituation: '夏季高温闷热天气易发生泛塘，一次可造成数十万元损失；饲料浪费约 15%。',
      kpis: [
        { metric: '饲料系数', baseline: '1.6', target: '1.35', unit: '' },
        { metric: '溶解氧预测准确率', baseline: '', target: '90', unit: '%' },
      ],
      dataResources: [
        {
          name: '养殖塘历史水质数据',
          description: '示范塘近两年溶解氧、pH、水温记录',
          accessTerms: '公开提供',
          sandboxed: false,
        },
      ],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 300_000,
      budgetMaxYuan: 800_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 10,
      contact: contact('吴国强', '0572-2100202', 'wu.guoqiang', false),
      privateFields: ['contact', 'budget'],
    },
  },
  {
    author: NYJ,
    status: 'published',
    deadlineDays: 42,
    fields: {
      title: '数字农田遥感长势监测与病虫害预警',
      summary: '利用卫星遥感与无人机影像监测全市粮食功能区水稻长势，识别病虫害早期迹象并辅助精准施药。',
      description: description(
        '湖州粮食生产功能区面积较大，长势与病虫害监测依靠农技人员田间巡查。',
        '融合卫星遥感和无人机多光谱影像，建设长势分级、病虫害识别与产量预估模型，输出处方图对接植保无人机。',
        '覆盖 5 万亩示范区一个生长季，病虫害识别准确率与施药量减少比例达到指标。',
      ),
      domain: 'agriculture',
      sector: 'crop_farming',
      capabilityCodes: ['remote_sensing', 'uav_drone', 'forecasting'],
      district: 'citywide',
      site: 'agency_site',
      currentSituation: '每名农技员负责上万亩农田，病虫害发现平均滞后一周，农药使用偏多。',
      kpis: [
        { metric: '病虫害识别准确率', baseline: '', target: '88', unit: '%' },
        { metric: '农药使用量', baseline: '100', target: '85', unit: '%（以上年为基准）' },
      ],
      dataResources: [
        {
          name: '粮食功能区矢量边界',
          description: '全市粮食生产功能区地块边界与种植台账',
          accessTerms: '签署数据使用协议后提供',
          sandboxed: false,
        },
      ],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 800_000,
      budgetMaxYuan: 2_000_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 12,
      contact: contact('吴国强', '0572-2100202', 'wu.guoqiang', true),
      privateFields: [],
    },
  },
  {
    author: NYJ,
    status: 'returned',
    deadlineDays: 50,
    returnComments: {
      budgetMaxYuan: '预算上限与建设内容不匹配，请补充测算依据',
      kpis: '请补充各项指标的现状基线值',
    },
    fields: {
      title: '渔业养殖尾水治理智能监管平台',
      summary: '对全市养殖尾水治理设施运行情况进行在线监管，自动识别超标排放与设施停运。',
      description: description(
        '湖州推进水产养殖尾水治理全覆盖，治理设施点多面广，人工巡查难以及时发现停运。',
        '接入尾水治理点的水质与电量数据，结合视频识别设施运行状态，建立异常告警与处置闭环。',
        '接入不少于 200 个治理点，异常发现时间达到指标。',
      ),
      domain: 'agriculture',
      sector: 'fishery',
      capabilityCodes: ['iot_sensing', 'video_analytics'],
      district: 'citywide',
      site: 'agency_site',
      currentSituation: '尾水治理点按月巡查，设施停运往往数周后才被发现。',
      kpis: [{ metric: '异常发现时间', baseline: '', target: '2', unit: '小时' }],
      dataResources: [],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 500_000,
      budgetMaxYuan: 3_000_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 6,
      contact: contact('吴国强', '0572-2100202', 'wu.guoqiang', true),
      privateFields: [],
    },
  },
  {
    author: DQNYJ,
    status: 'published',
    deadlineDays: 38,
    fields: {
      title: '德清北斗农机自动驾驶与作业监测',
      summary: '为德清粮食种植主体的拖拉机、插秧机加装北斗高精度定位与自动驾驶系统，并实时监测作业面积和质量。',
      description: description(
        '德清县地理信息产业发达，具备北斗高精度定位服务基础，农机作业仍以人工驾驶为主。',
        '改装不少于 30 台农机，提供厘米级定位与路径规划，建设作业监测平台统计面积、重漏率并支撑补贴核算。',
        '一个作业季内，直线作业偏差、重漏率达到指标。',
      ),
      domain: 'agriculture',
      sector: 'crop_farming',
      capabilityCodes: ['beidou_positioning', 'autonomous_driving', 'agri_robot'],
      district: 'deqing',
      site: 'agency_site',
      currentSituation: '熟练农机手紧缺，夜间无法作业，作业面积靠人工申报，补贴核算争议多。',
      kpis: [
        { metric: '直线作业偏差', baseline: '10', target: '2.5', unit: '厘米' },
        { metric: '重漏率', baseline: '8', target: '2', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 600_000,
      budgetMaxYuan: 1_500_000,
      fundingType: 'subsidy',
      expectedDeliveryMonths: 6,
      contact: contact('沈佳怡', '0572-8100606', 'shen.jiayi', true),
      privateFields: [],
    },
  },
  {
    author: DQNYJ,
    status: 'submitted',
    deadlineDays: 35,
    fields: {
      title: '莫干山茶园病虫害AI识别与采摘机器人',
      summary: '在德清莫干山黄芽茶园开展病虫害图像识别，并试验名优茶采摘机器人，缓解采茶用工难。',
      description: description(
        '莫干山黄芽是德清特色名茶，采摘季用工缺口大，病虫害防治依赖经验。',
        '建设茶园病虫害识别小程序与监测点，试制名优茶嫩芽识别与采摘机器人样机并开展田间试验。',
        '识别准确率与采摘机器人单芽采摘成功率达到指标。',
      ),
      domain: 'agriculture',
      sector: 'tea_bamboo',
      capabilityCodes: ['cv_inspection', 'agri_robot'],
      district: 'deqing',
      site: 'test_ground',
      currentSituation: '采茶季日工资超过 200 元仍招工困难，部分茶青因来不及采摘而老化。',
      kpis: [
        { metric: '病虫害识别准确率', baseline: '', target: '90', unit: '%' },
        { metric: '嫩芽采摘成功率', baseline: '0', target: '75', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 4,
      compliance: GENERAL,
      budgetMinYuan: 1_000_000,
      budgetMaxYuan: 3_000_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 12,
      contact: contact('沈佳怡', '0572-8100606', 'shen.jiayi', false),
      privateFields: ['contact'],
    },
  },
  {
    author: DQNYJ,
    status: 'draft',
    deadlineDays: 60,
    fields: {
      title: '德清淡水鱼苗种繁育环境智能调控',
      summary: '对苗种繁育车间水温、溶氧进行智能调控，提高苗种成活率。',
      domain: 'agriculture',
      sector: 'fishery',
      capabilityCodes: ['iot_sensing'],
      district: 'deqing',
      budgetMinYuan: 300_000,
      budgetMaxYuan: 600_000,
    },
  },
  // ── 文化旅游 · 市文广旅体局、安吉县文广旅体局 ────────────────────────────────────────────────
  {
    author: WGLT,
    status: 'published',
    deadlineDays: 33,
    fields: {
      title: '南浔古镇数字人导游与多语种智能讲解',
      titleEn: 'Digital-human guide with multilingual narration for Nanxun Ancient Town',
      summary:
        '在南浔古镇景区推出数字人导游，提供中英日韩多语种讲解、路线推荐和问答服务，覆盖小莲庄、张石铭旧宅等主要景点。',
      summaryEn: 'A digital-human guide for Nanxun Ancient Town: narration in four languages, routes and Q&A.',
      description: description(
        '南浔古镇是世界文化遗产中国大运河的重要节点，入境游客增长较快，讲解员数量有限且多语种能力不足。',
        '基于大模型与古镇知识库建设数字人导游，部署于景区小程序和游客中心大屏，支持语音问答与个性化路线推荐。',
        '上线 3 个月，讲解问答准确率、游客满意度达到指标，内容经文旅部门审核。',
      ),
      domain: 'culture_tourism',
      sector: 'scenic_areas',
      capabilityCodes: ['digital_human', 'llm_assistant', 'speech', 'knowledge_graph'],
      district: 'nanxun',
      site: 'agency_site',
      currentSituation: '景区持证讲解员 30 余名，外语讲解员仅 3 名，节假日讲解需求无法满足。',
      kpis: [
        { metric: '问答准确率', baseline: '', target: '92', unit: '%' },
        { metric: '游客满意度', baseline: '86', target: '93', unit: '%' },
        { metric: '支持语种', baseline: '1', target: '4', unit: '种' },
      ],
      dataResources: [
        {
          name: '古镇讲解词与文史资料',
          description: '景点讲解词、地方志摘录和历史人物资料约 80 万字',
          accessTerms: '授权使用，成果知识库归景区所有',
          sandboxed: false,
        },
      ],
      trlRequired: 6,
      compliance: GENERATIVE,
      budgetMinYuan: 500_000,
      budgetMaxYuan: 1_200_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 5,
      contact: contact('王思远', '0572-2100303', 'wang.siyuan', true),
      privateFields: [],
    },
  },
  {
    author: WGLT,
    status: 'published',
    deadlineDays: 47,
    fields: {
      title: '湖州文旅游客画像与个性化行程推荐',
      summary: '汇聚全市景区、酒店民宿和交通数据，构建游客画像，为游客推荐个性化行程并为文旅部门提供客流研判。',
      description: description(
        '湖州提出打造长三角旅游目的地，文旅数据分散在景区、OTA 和交通部门，缺少统一分析。',
        '建设文旅数据中台与游客画像模型，在“游湖州”小程序提供个性化行程推荐，为管理部门提供客流预测报表。',
        '推荐点击转化率、客流预测准确率达到指标，数据处理符合个人信息保护要求。',
      ),
      domain: 'culture_tourism',
      sector: 'tourism_services',
      capabilityCodes: ['recommendation', 'forecasting', 'data_governance'],
      district: 'citywide',
      site: 'agency_site',
      currentSituation: '游客行程规划依赖第三方平台，节假日热门景区拥堵而周边景点客流不足。',
      kpis: [
        { metric: '推荐点击转化率', baseline: '3', target: '8', unit: '%' },
        { metric: '重点景区客流预测准确率', baseline: '', target: '90', unit: '%' },
      ],
      dataResources: [
        {
          name: '景区票务与客流数据',
          description: '全市 A 级景区近三年票务、闸机与停车数据',
          accessTerms: '脱敏后在可信数据空间内使用',
          sandboxed: true,
        },
      ],
      trlRequired: 6,
      compliance: PERSONAL,
      budgetMinYuan: 1_000_000,
      budgetMaxYuan: 2_500_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 9,
      contact: contact('王思远', '0572-2100303', 'wang.siyuan', false),
      privateFields: ['contact', 'dataResources'],
    },
  },
  {
    author: WGLT,
    status: 'published',
    deadlineDays: 25,
    fields: {
      title: '湖州博物馆文物AR沉浸式展陈',
      summary: '以湖笔、丝绸和钱山漾遗址文物为主题，打造AR沉浸式展陈与互动体验，提升年轻观众参观体验。',
      description: description(
        '湖州博物馆馆藏丰富，但传统展陈方式难以吸引青少年观众。',
        '对 50 件重点文物进行三维数字化，开发 AR 导览与互动游戏，布置沉浸式展厅一处。',
        '上线半年，参观停留时长与青少年观众比例达到指标。',
      ),
      domain: 'culture_tourism',
      sector: 'museums_venues',
      capabilityCodes: ['ar_vr_immersive', 'digital_twin'],
      district: 'wuxing',
      site: 'agency_site',
      currentSituation: '观众平均停留时长约 40 分钟，18 岁以下观众占比不足 15%。',
      kpis: [
        { metric: '平均停留时长', baseline: '40', target: '70', unit: '分钟' },
        { metric: '青少年观众占比', baseline: '15', target: '25', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 800_000,
      budgetMaxYuan: 1_600_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 6,
      contact: contact('王思远', '0572-2100303', 'wang.siyuan', true),
      privateFields: [],
    },
  },
  {
    author: WGLT,
    status: 'submitted',
    deadlineDays: 40,
    fields: {
      title: '乡村民宿智能客服与运营助手',
      summary: '为湖州乡村民宿提供基于大模型的智能客服、房态管理和点评分析，提升小微民宿运营能力。',
      description: description(
        '湖州乡村民宿数量超过 4000 家，多为家庭经营，客服与运营人手不足。',
        '建设民宿行业大模型助手，提供多平台消息统一回复、房价建议和点评情感分析，面向民宿主低价提供。',
        '试点 100 家民宿，客服响应时间与入住率达到指标。',
      ),
      domain: 'culture_tourism',
      sector: 'hospitality',
      capabilityCodes: ['llm_assistant', 'recommendation'],
      district: 'anji',
      site: 'agency_site',
      currentSituation: '民宿主同时应对多个 OTA 平台消息，夜间咨询回复慢，差评处理不及时。',
      kpis: [
        { metric: '客服平均响应时间', baseline: '30', target: '1', unit: '分钟' },
        { metric: '淡季入住率', baseline: '35', target: '45', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 6,
      compliance: GENERATIVE,
      budgetMinYuan: 300_000,
      budgetMaxYuan: 700_000,
      fundingType: 'subsidy',
      expectedDeliveryMonths: 4,
      contact: contact('王思远', '0572-2100303', 'wang.siyuan', true),
      privateFields: [],
    },
  },
  {
    author: AJWGLT,
    status: 'published',
    deadlineDays: 36,
    fields: {
      title: '安吉余村景区客流预测与智能疏导',
      titleEn: 'Visitor-flow forecasting and guidance for Yucun, Anji',
      summary: '“两山”理念发源地余村节假日客流集中，希望基于视频与票务数据预测客流，动态引导停车和游览线路。',
      summaryEn:
        'Forecast visitor flows in Yucun from video and ticketing data and guide parking and routes in real time.',
      description: description(
        '安吉余村年接待游客超过百万人次，节假日停车场和核心游览区拥堵明显。',
        '接入景区视频、票务和停车数据，建设客流预测和热力分析模型，通过诱导屏和小程序动态引导游客分流。',
        '节假日高峰期核心区最大拥挤度与停车排队时间达到指标。',
      ),
      domain: 'culture_tourism',
      sector: 'scenic_areas',
      capabilityCodes: ['video_analytics', 'forecasting', 'traffic_optimization'],
      district: 'anji',
      site: 'agency_site',
      currentSituation: '节假日入村车辆排队可达 2 公里，核心区瞬时客流超过承载量。',
      kpis: [
        { metric: '客流预测准确率', baseline: '', target: '90', unit: '%' },
        { metric: '高峰停车排队时间', baseline: '45', target: '15', unit: '分钟' },
      ],
      dataResources: [
        {
          name: '景区视频与票务数据',
          description: '余村景区 40 路监控视频及近两年票务数据',
          accessTerms: '在景区机房内部署处理，视频不出域',
          sandboxed: true,
        },
      ],
      trlRequired: 7,
      compliance: PERSONAL,
      budgetMinYuan: 600_000,
      budgetMaxYuan: 1_500_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 6,
      contact: contact('俞晓峰', '0572-5100707', 'yu.xiaofeng', true),
      privateFields: [],
    },
  },
  {
    author: AJWGLT,
    status: 'published',
    deadlineDays: 52,
    fields: {
      title: '安吉竹林云上草原无人机巡护与森林防火',
      summary: '在安吉竹林和云上草原景区开展无人机自动巡护，识别烟火、违规露营和游客遇险，联动景区应急处置。',
      description: description(
        '安吉竹林面积超过百万亩，景区山高林密，人工巡护难以覆盖，秋冬季森林防火压力大。',
        '部署无人机机场与自动航线，建设烟火识别、人员识别模型，与景区应急指挥平台对接。',
        '覆盖 3 万亩重点林区，火情发现时间与巡护覆盖率达到指标。',
      ),
      domain: 'culture_tourism',
      sector: 'scenic_areas',
      capabilityCodes: ['uav_drone', 'video_analytics'],
      district: 'anji',
      site: 'agency_site',
      currentSituation: '护林员每人负责约 5000 亩，火情多由群众报警发现。',
      kpis: [
        { metric: '火情发现时间', baseline: '60', target: '10', unit: '分钟' },
        { metric: '重点林区巡护覆盖率', baseline: '40', target: '95', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 1_200_000,
      budgetMaxYuan: 3_000_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 8,
      contact: contact('俞晓峰', '0572-5100707', 'yu.xiaofeng', false),
      privateFields: ['contact', 'budget'],
    },
  },
  // ── 智慧交通 · 市交通运输局、南太湖新区管委会 ────────────────────────────────────────────────
  {
    author: JTJ,
    status: 'published',
    deadlineDays: 44,
    fields: {
      title: '德清车路协同智能网联公交示范线',
      titleEn: 'V2X connected bus demonstration line in Deqing',
      summary: '依托德清国家级车联网先导区，开通车路协同智能网联公交示范线，实现信号优先、盲区预警和高精度停靠。',
      summaryEn:
        'A connected bus line on Deqing’s V2X roads: signal priority, blind-spot warnings and precise docking.',
      description: description(
        '德清县建有全域开放的车路协同测试道路，具备路侧感知与北斗高精度定位基础设施。',
        '改造 10 辆公交车，接入路侧单元，实现公交信号优先、交叉口盲区预警和站台精准停靠，开通一条示范线路。',
        '示范线运行 6 个月，准点率与平均行程时间达到指标，无责任事故。',
      ),
      domain: 'transport',
      sector: 'vehicle_road_cloud',
      capabilityCodes: ['v2x', 'beidou_positioning', 'autonomous_driving'],
      district: 'deqing',
      site: 'agency_site',
      currentSituation: '示范线路途经 18 个信号交叉口，高峰时段准点率不足 75%。',
      kpis: [
        { metric: '公交准点率', baseline: '75', target: '92', unit: '%' },
        { metric: '平均行程时间', baseline: '48', target: '40', unit: '分钟' },
      ],
      dataResources: [
        {
          name: '路侧感知数据',
          description: '示范线路沿线路侧单元感知数据与信号灯配时',
          accessTerms: '通过车联网先导区数据平台接口提供',
          sandboxed: false,
        },
      ],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 2_000_000,
      budgetMaxYuan: 5_000_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 10,
      contact: contact('冯志刚', '0572-2100404', 'feng.zhigang', true),
      privateFields: [],
    },
  },
  {
    author: JTJ,
    status: 'published',
    deadlineDays: 31,
    fields: {
      title: '城区交通信号AI自适应配时优化',
      summary: '对中心城区主要干道信号灯进行AI自适应配时，根据实时流量动态调整绿信比，缓解早晚高峰拥堵。',
      description: description(
        '湖州中心城区机动车保有量持续增长，信号灯配时以固定方案为主，早晚高峰拥堵突出。',
        '接入 60 个路口的卡口、线圈和视频数据，建设流量预测与自适应配时模型，支持绿波协调与特勤优先。',
        '试点区域运行 3 个月，平均延误与停车次数达到指标。',
      ),
      domain: 'transport',
      sector: 'road_traffic',
      capabilityCodes: ['traffic_optimization', 'video_analytics', 'forecasting'],
      district: 'wuxing',
      site: 'agency_site',
      currentSituation: '试点干道高峰平均车速约 18 公里/小时，部分路口排队溢出。',
      kpis: [
        { metric: '路口平均延误', baseline: '55', target: '42', unit: '秒' },
        { metric: '干道平均车速', baseline: '18', target: '23', unit: '公里/小时' },
      ],
      dataResources: [
        {
          name: '路口交通流数据',
          description: '60 个路口近一年卡口过车与线圈检测数据',
          accessTerms: '在交警数据中心内处理，号牌信息脱敏',
          sandboxed: true,
        },
      ],
      trlRequired: 7,
      compliance: PERSONAL,
      budgetMinYuan: 1_500_000,
      budgetMaxYuan: 3_500_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 8,
      contact: contact('冯志刚', '0572-2100404', 'feng.zhigang', false),
      privateFields: ['contact'],
    },
  },
  {
    author: JTJ,
    status: 'published',
    deadlineDays: 58,
    fields: {
      title: '长湖申线内河航道船舶智能监管',
      summary: '在长湖申线等内河航道部署视频与AIS融合监测，自动识别超载、违规停泊和碰撞风险，提升航道通航效率与安全。',
      description: description(
        '湖州内河航运发达，货运量位居全省前列，航道监管主要依靠海事人员巡航。',
        '融合 AIS、雷达与视频数据，识别船舶身份、吃水与违规行为，建设船舶流量预测与碰撞预警功能。',
        '在 30 公里重点航段运行 6 个月，违规行为识别准确率与预警提前量达到指标。',
      ),
      domain: 'transport',
      sector: 'inland_waterway',
      capabilityCodes: ['video_analytics', 'beidou_positioning', 'digital_twin'],
      district: 'changxing',
      site: 'agency_site',
      currentSituation: '重点航段日均通行船舶 1500 余艘次，夜间与雾天监管存在盲区。',
      kpis: [
        { metric: '违规行为识别准确率', baseline: '', target: '90', unit: '%' },
        { metric: '碰撞风险预警提前量', baseline: '0', target: '5', unit: '分钟' },
      ],
      dataResources: [],
      trlRequired: 6,
      compliance: GENERAL,
      budgetMinYuan: 1_000_000,
      budgetMaxYuan: 2_800_000,
      fundingType: 'agency_budget',
      expectedDeliveryMonths: 9,
      contact: contact('冯志刚', '0572-2100404', 'feng.zhigang', true),
      privateFields: [],
    },
  },
  {
    author: JTJ,
    status: 'submitted',
    deadlineDays: 46,
    fields: {
      title: '城乡货运物流北斗调度与共同配送',
      summary: '整合城乡快递物流车辆北斗定位数据，优化共同配送路线，降低农村物流成本。',
      description: description(
        '湖州推进城乡交通运输一体化，农村快递末端配送成本高、车辆空驶率高。',
        '建设货运车辆北斗调度平台，汇聚多家物流企业订单，按线路优化共同配送和车辆装载。',
        '试点 2 个县区，车辆空驶率与单件配送成本达到指标。',
      ),
      domain: 'transport',
      sector: 'freight_logistics',
      capabilityCodes: ['beidou_positioning', 'supply_chain_optimization'],
      district: 'changxing',
      site: 'agency_site',
      currentSituation: '农村快递由各家企业分别配送，车辆空驶率约 40%。',
      kpis: [
        { metric: '车辆空驶率', baseline: '40', target: '25', unit: '%' },
        { metric: '单件配送成本', baseline: '1.6', target: '1.1', unit: '元' },
      ],
      dataResources: [],
      trlRequired: 7,
      compliance: GENERAL,
      budgetMinYuan: 500_000,
      budgetMaxYuan: 1_200_000,
      fundingType: 'subsidy',
      expectedDeliveryMonths: 6,
      contact: contact('冯志刚', '0572-2100404', 'feng.zhigang', true),
      privateFields: [],
    },
  },
  {
    author: NTK,
    status: 'published',
    deadlineDays: 21,
    fields: {
      title: '南太湖新区自动驾驶接驳车运营示范',
      summary: '在南太湖新区长东片区开通自动驾驶接驳车，连接地铁站、产业园与居住区，探索常态化运营模式。',
      description: description(
        '南太湖新区正在建设智能网联汽车应用示范区，园区与居住区之间“最后一公里”出行不便。',
        '投放 6 辆 L4 级自动驾驶接驳车，建设云控平台，开通 2 条接驳线路并开展安全员逐步退出测试。',
        '运营 6 个月，安全行驶里程与乘客满意度达到指标。',
      ),
      domain: 'transport',
      sector: 'public_transit',
      capabilityCodes: ['autonomous_driving', 'v2x', 'edge_computing'],
      district: 'south_taihu',
      site: 'agency_site',
      currentSituation: '园区员工通勤依赖私家车和共享单车，高峰期停车难。',
      kpis: [
        { metric: '安全行驶里程', baseline: '0', target: '50000', unit: '公里' },
        { metric: '乘客满意度', baseline: '', target: '90', unit: '%' },
      ],
      dataResources: [],
      trlRequired: 8,
      compliance: PERSONAL,
      budgetMinYuan: 2_500_000,
      budgetMaxYuan: 5_000_000,
      fundingType: 'co_investment',
      expectedDeliveryMonths: 12,
      contact: contact('钟一鸣', '0572-2100505', 'zhong.yiming', true),
      privateFields: [],
    },
  },
  {
    author: NTK,
    status: 'draft',
    deadlineDays: 40,
    fields: {
      title: '南太湖新区智慧停车泊位诱导',
      summary: '整合园区与商业综合体停车泊位数据，提供实时泊位诱导和预约停车。',
      domain: 'transport',
      sector: 'road_traffic',
      capabilityCodes: ['iot_sensing', 'traffic_optimization'],
      district: 'south_taihu',
    },
  },
];
