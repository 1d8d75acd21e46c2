import fc from 'fast-check';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { buildTsquery, buildTsvector, searchSql } from './tsvector';

type Doc = { key: string; title: string; description: string; english?: string; tags?: string };

/** Realistic Huzhou scenarios across sectors; keys are what the assertions refer to. */
const DOCS: Doc[] = [
  {
    key: 'fabric',
    title: '织里童装面料瑕疵智能识别',
    description:
      '织里童装企业面料瑕疵依赖人工目检，漏检率高。需要基于机器视觉的在线瑕疵检测系统，覆盖破洞、污渍、色差。',
    english: 'Machine vision inspection of children clothing fabric',
    tags: '纺织 机器视觉',
  },
  {
    key: 'elevator',
    title: '电梯预测性维护平台',
    description: '南浔电梯产业集群设备运行数据接入，提前预警故障，降低停梯时间。',
    english: 'Predictive maintenance for elevators',
    tags: '智能制造 电梯',
  },
  {
    key: 'agv',
    title: '仓储物流调度优化',
    description: '长兴蓄电池工厂车间内 AGV 搬运小车路径规划与多车调度，提升物料周转效率。',
    english: 'AGV fleet scheduling in battery factories',
    tags: '智能制造 物流',
  },
  {
    key: 'weld',
    title: '焊缝外观质检',
    description: '德清钢结构焊缝外观质检，识别气孔、咬边，替代人工抽检。',
    tags: '智能制造',
  },
  {
    key: 'drone',
    title: '水稻植保无人机精准施药',
    description: '吴兴区水稻田病虫害监测与植保无人机精准施药，减少农药用量。',
    english: 'Crop protection drones for rice',
    tags: '智慧农业',
  },
  {
    key: 'sheep',
    title: '湖羊智慧养殖',
    description: '湖羊个体识别、体重估测与发情监测，提升养殖场管理水平。',
    english: 'Smart Hu sheep farming',
    tags: '智慧农业 畜牧',
  },
  {
    key: 'tea',
    title: '安吉白茶茶园病虫害识别',
    description: '通过田间摄像头与图像识别，在安吉白茶茶园中早期发现小绿叶蝉等病虫害。',
    english: 'Pest detection in Anji white tea gardens',
    tags: '智慧农业',
  },
  {
    key: 'guide',
    title: '南浔古镇数字人导览',
    description: '在南浔古镇景区部署多语种数字人讲解，结合大模型实现游客问答。',
    english: 'Digital human guide for Nanxun ancient town',
    tags: '文旅',
  },
  {
    key: 'visitors',
    title: '安吉景区客流预测',
    description: '基于历史门票、停车与天气数据预测节假日游客流量，辅助景区限流与调度。',
    english: 'Visitor flow forecasting for Anji scenic areas',
    tags: '文旅',
  },
  {
    key: 'v2x',
    title: '德清车路协同示范区',
    description: '德清地理信息小镇开放道路车路协同与自动驾驶测试，路侧感知设备与北斗高精定位。',
    english: 'Vehicle-road cooperation pilot zone',
    tags: '交通 智能网联',
  },
  {
    key: 'bus',
    title: '城市公交智能排班',
    description: '湖州中心城区公交线路根据客流动态排班，缩短乘客候车时间。',
    english: 'Bus timetable optimisation',
    tags: '交通',
  },
  {
    key: 'llm',
    title: '政务热线大模型助手',
    description: '市民热线工单自动分类与答复建议，基于大语言模型与知识图谱。',
    english: 'LLM assistant for the government hotline',
    tags: '政务',
  },
  {
    key: 'schedule',
    title: '家具企业智能排产',
    description: '安吉椅业订单多、批量小，需要智能排产系统平衡交期与产能。',
    english: 'Production scheduling for furniture makers',
    tags: '智能制造',
  },
  {
    key: 'water',
    title: '太湖蓝藻水华预警',
    description: '利用卫星遥感与水质传感器，对太湖湖州段蓝藻聚集进行预测预警。',
    english: 'Algae bloom early warning on Taihu lake',
    tags: '生态环境',
  },
  {
    key: 'solar',
    title: '光伏组件隐裂检测',
    description: '长兴光伏组件产线 EL 图像自动判读，识别隐裂与断栅。',
    english: 'EL image inspection of solar modules',
    tags: '智能制造 新能源',
  },
];

function vectorOf(doc: Pick<Doc, 'title' | 'description' | 'english' | 'tags'>) {
  return buildTsvector([
    { text: doc.title, weight: 'A' },
    { text: doc.description, weight: 'B' },
    { text: doc.english, weight: 'C' },
    { text: doc.tags, weight: 'D' },
  ]);
}

describe('search on PostgreSQL', () => {
  let db: TestDatabase;
  let client: Client;
  const { where, rank } = searchSql('search_vector', 1);

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE TABLE search_probe (key text PRIMARY KEY, search_vector tsvector NOT NULL)`);
    await client.query(`CREATE INDEX search_probe_vector ON search_probe USING gin (search_vector)`);
    for (const doc of DOCS) {
      const v = vectorOf(doc);
      // The vector expression's placeholders start at $1; the key goes last.
      await client.query(`INSERT INTO search_probe (key, search_vector) VALUES ($5, ${v.sql})`, [...v.params, doc.key]);
    }
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  async function search(query: string): Promise<string[]> {
    const tsquery = buildTsquery(query);
    if (tsquery === null) return [];
    const { rows } = await client.query<{ key: string }>(
      `SELECT key FROM search_probe WHERE ${where} ORDER BY ${rank} DESC, key`,
      [tsquery],
    );
    return rows.map((r) => r.key);
  }

  it.each([
    ['an exact title word', '电梯', 'elevator'],
    ['a synonym (缺陷 → 瑕疵)', '缺陷检测', 'fabric'],
    ['a synonym (飞防 → 植保)', '飞防', 'drone'],
    ['a two-character query', '童装', 'fabric'],
    ['a two-character query', '茶园', 'tea'],
    ['an English phrase', 'digital human', 'guide'],
    ['an English acronym', 'AGV', 'agv'],
    ['an English plural', 'elevators', 'elevator'],
    ['a mixed query', 'EL 检测', 'solar'],
    ['a synonym in English', 'LLM', 'llm'],
    ['a word only in the description', '游客问答', 'guide'],
    ['a word only in the description', '蓝藻', 'water'],
    ['a query spelled differently from the document (排程 → 排产)', '排程', 'schedule'],
    ['a word jieba does not know', '隐裂', 'solar'],
    ['a single character', '羊', 'sheep'],
  ])('ranks the right document first for %s: %s', async (_label, query, expected) => {
    const keys = await search(query);
    expect(keys[0]).toBe(expected);
  });

  it('ranks a title match above a description match', async () => {
    // 客流 is in the visitors title and only in the bus description.
    const keys = await search('客流');
    expect(keys.slice(0, 2)).toEqual(['visitors', 'bus']);
  });

  it('matches a mixed AI 质检 query against both inspection scenarios, not others', async () => {
    const t = buildTsvector([{ text: 'AI 视觉检测 童装面料', weight: 'A' }]);
    await client.query(`INSERT INTO search_probe (key, search_vector) VALUES ('ai-fabric', ${t.sql})`, t.params);
    try {
      const keys = await search('AI 质检');
      expect(keys).toEqual(['ai-fabric']);
      const keys2 = await search('质检');
      expect(keys2).toEqual(expect.arrayContaining(['weld', 'ai-fabric']));
      expect(keys2).not.toContain('sheep');
    } finally {
      await client.query(`DELETE FROM search_probe WHERE key = 'ai-fabric'`);
    }
  });

  it('ANDs query terms: a term no document has yields nothing', async () => {
    expect(await search('童装 湖羊')).toEqual([]);
    expect(await search('茶园 病虫害')).toEqual(['tea']);
  });

  it('treats hostile input as plain words', async () => {
    expect(await search("童装' | 'x")).toEqual([]);
    expect(await search('!童装 & (面料:*)')).toEqual(['fabric']);
  });

  it('property: PostgreSQL accepts every query buildTsquery produces', async () => {
    const inputs = fc.sample(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ unit: fc.constantFrom(...`'&|!:*()<->\\ 童装aA1"`.split('')), maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
      ),
      { numRuns: 600, seed: 20261124 },
    );
    let built = 0;
    for (const input of inputs) {
      const q = buildTsquery(input);
      if (q === null) continue;
      built++;
      await expect(client.query(`SELECT to_tsquery('simple', $1)`, [q])).resolves.toBeDefined();
    }
    expect(built).toBeGreaterThan(100);
  });

  it('uses the GIN index on a table big enough for the planner to want it', async () => {
    await client.query(`CREATE TABLE search_bulk (id int PRIMARY KEY, search_vector tsvector NOT NULL)`);
    const words = ['湖州', '智能制造', '文旅', '农业', '交通', '政务', '生态', '数据', '平台', '系统'];
    const rows = 20000;
    const batch = 1000;
    for (let start = 0; start < rows; start += batch) {
      const params: string[] = [];
      const values: string[] = [];
      for (let i = start; i < start + batch; i++) {
        const text = `${words[i % words.length]}${words[(i * 7) % words.length]}场景${i} scenario ${i}`;
        const v = buildTsvector([{ text, weight: 'A' }], params.length + 1);
        values.push(`(${i}, ${v.sql})`);
        params.push(...v.params);
      }
      await client.query(`INSERT INTO search_bulk (id, search_vector) VALUES ${values.join(', ')}`, params);
    }
    await client.query(`CREATE INDEX search_bulk_vector ON search_bulk USING gin (search_vector)`);
    await client.query(`ANALYZE search_bulk`);
    const q = buildTsquery('场景12345')!;
    const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM search_bulk WHERE search_vector @@ to_tsquery('simple', $1)`,
      [q],
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Bitmap Index Scan on search_bulk_vector/);
    expect(text).not.toMatch(/Seq Scan/);
    const { rows: found } = await client.query<{ id: number }>(
      `SELECT id FROM search_bulk WHERE search_vector @@ to_tsquery('simple', $1)`,
      [q],
    );
    expect(found.map((r) => r.id)).toEqual([12345]);
  });
});
