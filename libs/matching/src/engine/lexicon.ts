import { TAXONOMY_TERMS } from '@app/taxonomy/taxonomy';
import { SYNONYM_GROUPS } from '@app/search/synonyms';

/**
 * Vocabulary of the matching engine. Everything here is general domain vocabulary a procurement
 * officer would list for a capability, a sector or a domain — never names of vendors, scenarios or
 * places. Entries are in analyzer form: NFKC, lower-case, English singular.
 */

/**
 * Matching-specific synonym groups, merged with the search synonyms (`@app/search/synonyms`).
 * Every surface form is canonicalised to the group's first term before scoring, so a scenario
 * saying 植保 matches a vendor saying 飞防 as the same term.
 */
export const MATCHING_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['瑕疵', '缺陷', '疵点', '疵病'],
  ['植保', '飞防', '喷洒', '施药', '打药', '统防统治'],
  ['数字人', '虚拟讲解员', '虚拟人', '虚拟主播', '数字讲解员', '虚拟形象', '数字员工'],
  ['大模型', 'llm', '大语言模型', 'gpt'],
  ['智能客服', '客服机器人', '虚拟客服', '在线客服'],
  ['排产', '排程', '排班', '生产计划', '行车计划', '调度计划'],
  ['能耗', '节能', '用能', '能效', '降耗', '耗能'],
  ['巡检', '巡查', '巡护', '巡航', '巡田', '巡塘', '巡山'],
  ['客流', '游客流量', '人流', '人流量', '客流量'],
  ['梯联网', '电梯物联网'],
  ['物联网', 'iot'],
  ['ar', '增强现实'],
  ['vr', '虚拟现实'],
  ['mr', '混合现实'],
  ['xr', '扩展现实'],
  ['沉浸式', '沉浸'],
  ['车路协同', '车联网', 'v2x', '车路云'],
  ['rsu', '路侧单元', '路侧设备'],
  ['边缘计算', 'mec', '边缘推理', '边缘端', '边缘盒子', '边缘网关', '边缘采集'],
  ['自动驾驶', '无人驾驶', '智驾'],
  ['agv', '搬运机器人', '无人叉车', 'amr', '托盘搬运', '潜伏式'],
  ['wms', '仓储管理系统', '仓库管理系统'],
  ['mes', '制造执行系统'],
  ['aps', '高级计划与排程'],
  ['ems', '能源管理系统', '能源管理'],
  ['预测性维护', '预防性维护', '按需维保', '预知性维护', '预测性维保'],
  ['故障预测', '故障预警', '故障预判', '故障诊断', '故障征兆'],
  ['phm', '健康管理', '健康度'],
  ['遥感', '卫星影像', '卫星遥感', '高分影像', '遥感影像'],
  ['航测', '航拍', '多光谱'],
  ['北斗', 'gnss', 'gps', '卫星定位'],
  ['高精度定位', 'rtk', 'cors', '差分定位'],
  ['无人机', 'uav', 'drone', '无人机机场', '机巢'],
  ['病虫害', '虫害', '虫情'],
  ['知识图谱', '关联图谱', '图谱'],
  ['个性化推荐', '千人千面', '推荐引擎', '推荐算法'],
  ['行程', '线路规划', '行程规划', '游线'],
  ['语音识别', 'asr', '语音输入'],
  ['语音合成', 'tts', '声音克隆'],
  ['信号灯', '红绿灯', '交通信号', '信号机'],
  ['配时', '信号配时', '绿波'],
  ['数字孪生', '孪生', '三维实景', '实景三维'],
  ['ocr', '文字识别'],
  ['分级', '分选', '分拣'],
  ['溶氧', '溶解氧'],
  ['立体库', '立库', '自动化立体库'],
  ['效果图', '渲染图'],
  ['aigc', 'ai生成', '生成式', '生成式设计'],
  ['超限超载', '治超', '超载'],
  ['码头', '港口', '港区'],
  ['公交', '公共汽车', '巴士'],
  ['文物', '藏品', '展品'],
  ['博物馆', '纪念馆', '展馆', '文博'],
  ['古籍', '地方志', '典籍'],
  ['非遗', '非物质文化遗产'],
  ['火情', '烟火', '明火', '烟雾', '火点'],
  ['森林防火', '护林'],
  ['民宿', '客栈'],
  ['缺陷检测', '瑕疵检测', '疵点检测', '外观检测', '表面检测'],
  ['质检', '检测', '检验'],
  ['智能问答', '问答', '答疑'],
];

/** Words carrying no matching signal in procurement texts (on top of the analyzer's stopwords). */
export const MATCHING_STOPWORDS: ReadonlySet<string> = new Set([
  '提供',
  '支持',
  '实现',
  '建设',
  '要求',
  '项目',
  '企业',
  '公司',
  '有限公司',
  '科技',
  '技术',
  '智能',
  '系统',
  '平台',
  '服务',
  '服务商',
  '方案',
  '解决方案',
  '以上',
  '不低于',
  '不超过',
  '需',
  '需要',
  '拟',
  '可',
  '可以',
  '已',
  '已经',
  '通过',
  '进行',
  '开展',
  '主要',
  '目前',
  '结合',
  '基于',
  '利用',
  '自动',
  '实时',
  '以及',
  '一',
  '个',
  '多',
  '中',
  '上',
  '下',
  '后',
  '前',
  '内',
  '由',
  '按',
  '向',
  '到',
  '从',
  '也',
  '都',
  '不',
  '有',
  '无',
  '这',
  '该',
  '各',
  '某',
  '家',
  '年',
  '月',
  '日',
  '万',
  '千',
  '百',
  '亿',
  '元',
  '能力',
  '问题',
  '情况',
  '相关',
  '一体化',
  '全',
  '新',
  '高',
  '低',
  '大',
  '小',
  '能',
  '及时',
  '提升',
  '提高',
  '降低',
  '减少',
  '缩短',
  '覆盖',
  '部署',
  '接入',
  '对接',
  '推动',
  '帮助',
  '客户',
  '产品',
  '行业',
  '应用',
  '落地',
  '示范',
  '试点',
  '团队',
  '研发',
  '数字化',
  '智慧',
  '智能化',
  'ai',
  '人工智能',
]);

/** General vocabulary per capability code, added to the taxonomy labels (zh parts and acronyms). */
const CAPABILITY_VOCABULARY: Record<string, readonly string[]> = {
  cv_inspection: [
    '机器视觉',
    '视觉检测',
    '视觉质检',
    '缺陷检测',
    '瑕疵',
    '外观检测',
    '工业相机',
    '线阵相机',
    '视觉识别',
    'aoi',
    '视觉分级',
    '视觉引导',
    '图像识别',
  ],
  video_analytics: [
    '视频分析',
    '视频识别',
    '视频监控',
    '摄像头',
    '摄像机',
    '行为识别',
    '人脸识别',
    '客流统计',
    '火情',
    '热成像',
    '监控视频',
    '视频结构化',
    '雷视融合',
  ],
  generative_design: [
    '生成式设计',
    'aigc',
    'ai设计',
    '效果图',
    '造型设计',
    '款式设计',
    '工业设计',
    '设计方案',
    '设计工具',
  ],
  llm_assistant: ['大模型', '智能问答', '知识库', '智能客服', 'rag', '检索增强', '问答助手', '知识助手', '对话'],
  digital_human: ['数字人', '虚拟形象', '形象定制'],
  speech: [
    '语音识别',
    '语音合成',
    '语音交互',
    '语音问答',
    '方言',
    '语音导览',
    '语音',
    '语音讲解',
    '声音识别',
    '智能外呼',
  ],
  recommendation: ['个性化推荐', '推荐', '个性化', '用户画像', '游客画像', '行程', '精准营销'],
  knowledge_graph: ['知识图谱', '实体关系', '本体', '知识工程', '结构化抽取'],
  forecasting: ['预测', '预测模型', '负荷预测', '需求预测', '销量预测', '产量估算', '估算', '趋势研判'],
  production_scheduling: ['排产', '生产计划', 'aps', '插单', '交期', '调度优化', '工单排程'],
  supply_chain_optimization: ['供应链', '补货', '集采', '库存优化', '车货匹配', '路径优化', '物流优化', '齐套'],
  predictive_maintenance: ['预测性维护', '故障预测', 'phm', '剩余寿命', '振动监测', '设备健康'],
  energy_optimization: ['能耗', 'ems', '峰谷电价', '负荷调度', '用电', '碳排放', '储能', '合同能源管理'],
  smart_warehousing: ['仓储', '立体库', 'wms', '成品库', '库位', '穿梭车', 'wcs', '堆场', '入库', '出库'],
  amr_agv: ['agv', '移动机器人', '激光导航', 'slam', '多车调度', '配送机器人'],
  industrial_robot: [
    '工业机器人',
    '机械臂',
    '焊接机器人',
    '机器人焊接',
    '协作机器人',
    '码垛',
    '上下料',
    '机械手',
    '工作站',
    '自动化生产线',
    '分级线',
  ],
  embodied_robot: ['具身智能', '人形机器人', '服务机器人', '灵巧手', '柔性夹爪'],
  inspection_robot: ['巡检机器人', '自主巡航', '轨道机器人', '巡检无人机'],
  uav_drone: ['无人机', '航测', '飞手', '植保'],
  agri_robot: ['农业机器人', '采摘机器人', '投饵', '采摘', '除草机器人', '农机', '田间'],
  beidou_positioning: ['北斗', '高精度定位', '定位终端', '轨迹', '电子围栏', '时空'],
  remote_sensing: ['遥感', '航测', '解译', '一张图', '影像'],
  iot_sensing: ['物联网', '传感器', '传感', '采集终端', '电子耳标', '在线监测', '烟感', '监测设备', '感知设备', '测报'],
  digital_twin: ['数字孪生', '三维建模', '三维模型', 'bim', 'cim', '仿真', 'lod', '三维可视化', '驾驶舱', '三维数字化'],
  v2x: ['车路协同', 'rsu', '智能网联', '云控平台', '路侧感知'],
  autonomous_driving: ['自动驾驶', 'l4', 'robotaxi', 'robobus', '无人集卡', '无人配送', '远程接管', '安全员'],
  traffic_optimization: ['信号灯', '配时', '信号控制', '交通流量', '拥堵', '交通诱导', '停车诱导', '线网优化'],
  ar_vr_immersive: ['ar', 'vr', 'mr', 'xr', '沉浸式', '全息', '裸眼3d', '元宇宙', '三维展示'],
  edge_computing: ['边缘计算', '一体机', '端侧'],
  data_governance: [
    '数据治理',
    '数据中台',
    '数据共享',
    '数据安全',
    '大数据',
    '主数据',
    '数据完整性',
    '脱敏',
    '分级共享',
    '可信数据空间',
    '数字档案',
    '数据平台',
    '数据资源',
  ],
  cybersecurity: ['网络安全', '安全运维', '等保', '渗透测试', '态势感知', '攻防'],
  ai_chip: ['ai芯片', '芯片', '算力', '模组', 'gpu', 'npu'],
};

/** General vocabulary per sector code (the taxonomy label parts are added automatically). */
const SECTOR_VOCABULARY: Record<string, readonly string[]> = {
  textile: ['纺织', '服装', '童装', '面料', '印染', '织造', '布面', '验布', '经编', '针织', '梭织', '成衣', '坯布'],
  general_equipment: ['通用设备', '机床', '水泵', '阀门', '轴承', '电机', '风机', '五金', '机械', '空压机'],
  automotive: ['汽车', '新能源汽车', '汽配', '汽车零部件', '电池', '蓄电池', '锂电', '整车'],
  logistics_equipment: ['物流装备', '叉车', '输送线', '物流设备', '仓储设备', '厂内物流'],
  home_furnishing: ['家居', '家具', '座椅', '椅业', '全屋定制', '定制家居', '沙发', '板材', '柜体'],
  home_appliances: ['家电', '小家电', '空调', '冰箱', '洗衣机'],
  elevators: ['电梯', '轿厢', '曳引机', '维保', '梯联网', '困人'],
  biomedicine: ['医药', '药企', '制药', 'gmp', '药品', '生物医药', '疫苗', '药典', '药监'],
  fishery: ['水产', '渔业', '渔场', '鱼塘', '池塘', '鱼', '虾', '蟹', '增氧', '投饵', '溶氧'],
  crop_farming: ['粮食', '水稻', '农田', '种植', '农机', '插秧', '收割', '小麦', '耕种', '大田'],
  tea_bamboo: ['茶', '茶园', '茶叶', '竹', '竹林', '毛竹', '竹笋', '竹材'],
  livestock: ['畜禽', '畜牧', '养殖场', '羊', '猪', '牛', '鸡', '牧场', '羊舍', '猪场', '饲喂', '耳标'],
  scenic_areas: ['景区', '古镇', '度假区', '景点', '风景区', '游客中心', '旅游区'],
  museums_venues: ['博物馆', '文物', '展陈', '展厅', '档案馆', '非遗', '藏品', '古籍', '图书馆', '文化馆'],
  hospitality: ['民宿', '酒店', '客房', '入住', '住宿', '房型'],
  tourism_services: ['旅游', '行程', '游客', '导游', '文旅', '旅行社', '游线'],
  road_traffic: ['道路', '路口', '信号灯', '交警', '公路', '路面', '拥堵', '交通管理', '养护'],
  vehicle_road_cloud: ['车路协同', '智能网联', '路侧', '云控', '网联'],
  public_transit: ['公交', '地铁', '客运', '班车', '接驳', '站点'],
  freight_logistics: ['货车', '货运', '物流', '运输车辆', '治超', '危险货物', '两客一危', '运单'],
  inland_waterway: ['航道', '船舶', '港口', '码头', '内河', '船闸', '海事', '锚地', '集装箱', '航运'],
};

/** General vocabulary per domain: evidence that a vendor works in a domain it did not tick. */
const DOMAIN_VOCABULARY: Record<string, readonly string[]> = {
  manufacturing: [
    '制造',
    '工厂',
    '车间',
    '生产线',
    '产线',
    '工序',
    '工业',
    '整机',
    '零部件',
    '机加工',
    'mes',
    '产能',
    '厂',
  ],
  agriculture: [
    '农业',
    '农田',
    '农户',
    '农机',
    '种植',
    '养殖',
    '茶园',
    '果园',
    '水产',
    '畜牧',
    '林业',
    '农技',
    '合作社',
    '植保',
    '作物',
    '渔',
  ],
  culture_tourism: [
    '文旅',
    '旅游',
    '景区',
    '游客',
    '博物馆',
    '文物',
    '民宿',
    '酒店',
    '古镇',
    '展陈',
    '导览',
    '非遗',
    '度假',
    '文化',
  ],
  transport: [
    '交通',
    '道路',
    '公路',
    '路口',
    '车辆',
    '公交',
    '航道',
    '港口',
    '码头',
    '船舶',
    '货车',
    '货运',
    '驾驶',
    '交警',
    '运输',
  ],
};

/** Splits a zh taxonomy label into useful phrases: 渔业与水产养殖 → 渔业与水产养殖, 渔业, 水产养殖. */
function labelPhrases(label: string): string[] {
  const norm = label.normalize('NFKC').toLowerCase();
  const parts = norm
    .split(/[与及和、（）()/含]/u)
    .map((p) => p.trim())
    .filter((p) => Array.from(p).length >= 2);
  return [norm.replace(/[（）()]/gu, ''), ...parts];
}

function lexiconOf(kind: 'capability' | 'sector' | 'domain', extra: Record<string, readonly string[]>) {
  const out: Record<string, string[]> = {};
  for (const t of TAXONOMY_TERMS) {
    if (t.kind !== kind) continue;
    out[t.code] = [...new Set([...labelPhrases(t.labelZh), ...(extra[t.code] ?? [])])];
  }
  for (const [code, words] of Object.entries(extra)) if (!out[code]) out[code] = [...words];
  return out;
}

/** Capability code → phrases that show the capability in a text. */
export const CAPABILITY_LEXICON: Readonly<Record<string, readonly string[]>> = lexiconOf(
  'capability',
  CAPABILITY_VOCABULARY,
);
/** Sector code → phrases that show work in that sector. */
export const SECTOR_LEXICON: Readonly<Record<string, readonly string[]>> = lexiconOf('sector', SECTOR_VOCABULARY);
/** Domain code → phrases that show work in that domain. */
export const DOMAIN_LEXICON: Readonly<Record<string, readonly string[]>> = lexiconOf('domain', DOMAIN_VOCABULARY);

/** Sector code → its domain code, from the taxonomy. */
export const SECTOR_DOMAIN: Readonly<Record<string, string>> = Object.fromEntries(
  TAXONOMY_TERMS.filter((t) => t.kind === 'sector' && t.parentCode).map((t) => [t.code, t.parentCode as string]),
);

/** District codes of the city (citywide excluded). */
export const CITY_DISTRICTS: readonly string[] = TAXONOMY_TERMS.filter(
  (t) => t.kind === 'district' && t.code !== 'citywide',
).map((t) => t.code);

// ---- synonym canonicalisation (union of the search groups and the matching groups) ----

const parent = new Map<string, string>();
function find(x: string): string {
  let r = x;
  while (parent.get(r) !== r) r = parent.get(r) as string;
  parent.set(x, r);
  return r;
}
for (const group of [...MATCHING_SYNONYM_GROUPS, ...SYNONYM_GROUPS]) {
  for (const t of group) if (!parent.has(t)) parent.set(t, t);
  for (const t of group.slice(1)) {
    const a = find(group[0]);
    const b = find(t);
    if (a !== b) parent.set(b, a);
  }
}

/** Surface form → canonical term (only for terms in some synonym group). */
export const CANONICAL: ReadonlyMap<string, string> = new Map([...parent.keys()].map((t) => [t, find(t)]));

export function canonical(term: string): string {
  return CANONICAL.get(term) ?? term;
}
