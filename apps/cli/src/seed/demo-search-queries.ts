/**
 * A labelled set of public-list searches over the demo data: each query with the title of the
 * scenario a person typing it is looking for. Judged by a test that requires the expected scenario
 * in the top 3 for at least 90% of them. Kinds say what each query exercises:
 * - `title`: words from the title;
 * - `other-words`: words not in the title (from the summary, synonyms or everyday paraphrases);
 * - `mixed`: Chinese and English/Latin tokens together;
 * - `english`: English only (matched against the English title and summary);
 * - `two-char`: a two-character Chinese query.
 */
export type SearchQueryKind = 'title' | 'other-words' | 'mixed' | 'english' | 'two-char';

export interface LabelledSearchQuery {
  q: string;
  expected: string;
  kind: SearchQueryKind;
}

const FABRIC = '织里童装面料瑕疵AI视觉检测';
const ELEVATOR = '电梯运行数据预测性维护与困人预警';
const AGV = '物流装备整机装配线AGV与无人叉车协同调度';
const FURNITURE = '家居定制AI生成式设计与报价助手';
const SHEEP = '湖羊智慧养殖个体识别与健康监测';
const FISHERY = '太湖溇港渔业水质智能监测与投喂优化';
const FARMLAND = '数字农田遥感长势监测与病虫害预警';
const TRACTOR = '德清北斗农机自动驾驶与作业监测';
const GUIDE = '南浔古镇数字人导游与多语种智能讲解';
const TOURISTS = '湖州文旅游客画像与个性化行程推荐';
const MUSEUM = '湖州博物馆文物AR沉浸式展陈';
const YUCUN = '安吉余村景区客流预测与智能疏导';
const FOREST = '安吉竹林云上草原无人机巡护与森林防火';
const V2X_BUS = '德清车路协同智能网联公交示范线';
const SIGNALS = '城区交通信号AI自适应配时优化';
const WATERWAY = '长湖申线内河航道船舶智能监管';
const SHUTTLE = '南太湖新区自动驾驶接驳车运营示范';

export const DEMO_SEARCH_QUERIES: readonly LabelledSearchQuery[] = [
  { q: '童装', expected: FABRIC, kind: 'two-char' },
  { q: '瑕疵', expected: FABRIC, kind: 'two-char' },
  { q: '布匹缺陷检测', expected: FABRIC, kind: 'other-words' },
  { q: '面料疵点识别', expected: FABRIC, kind: 'other-words' },
  { q: '验布 机器视觉', expected: FABRIC, kind: 'other-words' },
  { q: 'fabric defect inspection', expected: FABRIC, kind: 'english' },
  { q: '电梯', expected: ELEVATOR, kind: 'two-char' },
  { q: '困人预警', expected: ELEVATOR, kind: 'title' },
  { q: '部件故障预测 按需维保', expected: ELEVATOR, kind: 'other-words' },
  { q: 'elevator predictive maintenance', expected: ELEVATOR, kind: 'english' },
  { q: 'AGV调度', expected: AGV, kind: 'mixed' },
  { q: '无人叉车', expected: AGV, kind: 'title' },
  { q: '车间物料转运', expected: AGV, kind: 'other-words' },
  { q: '搬运机器人', expected: AGV, kind: 'other-words' },
  { q: '生成式设计', expected: FURNITURE, kind: 'title' },
  { q: '定制家具效果图', expected: FURNITURE, kind: 'other-words' },
  { q: 'AI 拆单报价', expected: FURNITURE, kind: 'mixed' },
  { q: 'generative design furniture', expected: FURNITURE, kind: 'english' },
  { q: '湖羊', expected: SHEEP, kind: 'two-char' },
  { q: '养殖 疾病早期预警', expected: SHEEP, kind: 'other-words' },
  { q: 'Hu sheep', expected: SHEEP, kind: 'english' },
  { q: '水质', expected: FISHERY, kind: 'two-char' },
  { q: '溶解氧预测', expected: FISHERY, kind: 'other-words' },
  { q: '智能投喂 泛塘', expected: FISHERY, kind: 'other-words' },
  { q: '遥感', expected: FARMLAND, kind: 'two-char' },
  { q: '水稻长势', expected: FARMLAND, kind: 'other-words' },
  { q: '卫星影像 精准施药', expected: FARMLAND, kind: 'other-words' },
  { q: '北斗农机', expected: TRACTOR, kind: 'title' },
  { q: '拖拉机 插秧机', expected: TRACTOR, kind: 'other-words' },
  { q: '数字人', expected: GUIDE, kind: 'title' },
  { q: '虚拟讲解员', expected: GUIDE, kind: 'other-words' },
  { q: '景区 中英日韩讲解', expected: GUIDE, kind: 'other-words' },
  { q: 'digital human guide', expected: GUIDE, kind: 'english' },
  { q: '游客画像', expected: TOURISTS, kind: 'title' },
  { q: '个性化行程 recommendation', expected: TOURISTS, kind: 'mixed' },
  { q: '文物', expected: MUSEUM, kind: 'two-char' },
  { q: 'AR展陈', expected: MUSEUM, kind: 'mixed' },
  { q: '湖笔丝绸 互动体验', expected: MUSEUM, kind: 'other-words' },
  { q: '余村', expected: YUCUN, kind: 'two-char' },
  { q: '节假日人流 疏导', expected: YUCUN, kind: 'other-words' },
  { q: 'visitor flow forecasting', expected: YUCUN, kind: 'english' },
  { q: '森林防火', expected: FOREST, kind: 'title' },
  { q: '烟火识别 违规露营', expected: FOREST, kind: 'other-words' },
  { q: 'drone 巡护', expected: FOREST, kind: 'mixed' },
  { q: '车路协同', expected: V2X_BUS, kind: 'title' },
  { q: 'V2X 公交', expected: V2X_BUS, kind: 'mixed' },
  { q: '信号优先 盲区预警', expected: V2X_BUS, kind: 'other-words' },
  { q: '信号配时', expected: SIGNALS, kind: 'other-words' },
  { q: '红绿灯 早晚高峰拥堵', expected: SIGNALS, kind: 'other-words' },
  { q: '航道', expected: WATERWAY, kind: 'two-char' },
  { q: 'AIS 船舶超载', expected: WATERWAY, kind: 'mixed' },
  { q: '接驳车', expected: SHUTTLE, kind: 'title' },
  { q: '无人驾驶 地铁站接驳', expected: SHUTTLE, kind: 'other-words' },
  // Written after the analyzer was tuned on the queries above, and not tuned on: a check that it generalises.
  { q: '湖州 丝绸 文化', expected: MUSEUM, kind: 'other-words' },
  { q: 'MES 质检报告', expected: FABRIC, kind: 'mixed' },
  { q: '停车 引导 节假日', expected: YUCUN, kind: 'other-words' },
  { q: '智能网联 bus', expected: V2X_BUS, kind: 'mixed' },
  { q: 'custom furniture quoting', expected: FURNITURE, kind: 'english' },
  { q: '饲料浪费', expected: FISHERY, kind: 'other-words' },
  { q: '插秧', expected: TRACTOR, kind: 'two-char' },
  { q: '叉车', expected: AGV, kind: 'two-char' },
  { q: '客流研判', expected: TOURISTS, kind: 'other-words' },
  { q: '粮食功能区', expected: FARMLAND, kind: 'other-words' },
  { q: '碰撞风险 内河', expected: WATERWAY, kind: 'other-words' },
  { q: '竹林', expected: FOREST, kind: 'two-char' },
];
