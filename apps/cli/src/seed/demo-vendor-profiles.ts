/**
 * Capability profiles (场景能力清单) of the demo vendors, keyed by demo organisation key. Written from
 * what these kinds of Huzhou companies publicly offer; figures are illustrative. Pending vendors have
 * profiles too (they may edit before verification) but are not on the public capability list.
 */
export interface DemoVendorProfile {
  vendorKey: string;
  domains: string[];
  capabilityCodes: string[];
  industryFields: string[];
  districts: string[];
  description: string;
  products: { name: string; description: string }[];
  pastCases: { title: string; client: string; year: number; outcome: string }[];
  certifications: { name: string; issuer: string }[];
  teamSize: number;
  trl: number;
  typicalBudgetMinYuan: number;
  typicalBudgetMaxYuan: number;
}

export const DEMO_VENDOR_PROFILES: readonly DemoVendorProfile[] = [
  {
    vendorKey: 'nuoli',
    domains: ['manufacturing'],
    capabilityCodes: ['amr_agv', 'smart_warehousing', 'production_scheduling', 'industrial_robot'],
    industryFields: ['embodied_robotics'],
    districts: ['changxing', 'wuxing', 'citywide'],
    description:
      '## 智能物流装备与无人叉车\n\n面向制造业厂内物流，提供**激光SLAM无人叉车**、潜伏式AGV与仓储调度系统（WMS/WCS），支持与MES对接的多车协同调度和产线节拍匹配。',
    products: [
      { name: '诺力激光SLAM无人叉车', description: '1.5–3吨载重，免反光板导航，定位精度±10mm' },
      { name: '多车协同调度平台', description: '百台级AGV交通管制与任务分配，支持与MES/WMS集成' },
    ],
    pastCases: [
      { title: '长兴蓄电池工厂成品库无人叉车改造', client: '长兴某电池企业', year: 2024, outcome: '搬运人工减少60%' },
      { title: '汽车零部件厂线边物流AGV配送', client: '湖州某汽配企业', year: 2025, outcome: '线边缺料停线次数降为0' },
    ],
    certifications: [
      { name: 'ISO 9001 质量管理体系', issuer: '中国质量认证中心' },
      { name: 'CE 机械安全认证', issuer: 'TÜV南德' },
    ],
    teamSize: 320,
    trl: 9,
    typicalBudgetMinYuan: 800_000,
    typicalBudgetMaxYuan: 6_000_000,
  },
  {
    vendorKey: 'dema',
    domains: ['manufacturing'],
    capabilityCodes: ['smart_warehousing', 'supply_chain_optimization', 'amr_agv'],
    industryFields: [],
    districts: ['wuxing', 'south_taihu', 'citywide'],
    description:
      '## 智能输送分拣与仓储系统\n\n为电商、快递和制造企业提供输送分拣线、箱式仓储机器人和**仓储数字孪生**仿真，擅长高峰期分拣产能规划。',
    products: [
      { name: '交叉带分拣系统', description: '单线小时分拣量2万件以上' },
      { name: '仓储仿真与产能规划工具', description: '上线前仿真验证峰值产能与瓶颈' },
    ],
    pastCases: [
      { title: '吴兴电商仓交叉带分拣线', client: '湖州某电商物流企业', year: 2024, outcome: '分拣差错率低于万分之一' },
    ],
    certifications: [{ name: 'ISO 14001 环境管理体系', issuer: '中国质量认证中心' }],
    teamSize: 650,
    trl: 9,
    typicalBudgetMinYuan: 1_000_000,
    typicalBudgetMaxYuan: 10_000_000,
  },
  {
    vendorKey: 'qianxun',
    domains: ['agriculture', 'transport'],
    capabilityCodes: ['beidou_positioning', 'autonomous_driving', 'v2x'],
    industryFields: ['beidou_smart_driving'],
    districts: ['deqing', 'citywide'],
    description:
      '## 北斗高精度时空智能\n\n基于全国北斗地基增强网络提供厘米级定位服务，面向**农机自动驾驶**、智能网联汽车与车路协同提供定位、授时和完好性监测。',
    products: [
      { name: '北斗厘米级定位服务', description: '实时动态差分，水平精度2cm' },
      { name: '农机自动驾驶定位终端', description: '适配拖拉机、插秧机、收割机' },
    ],
    pastCases: [
      {
        title: '德清农机北斗自动驾驶示范',
        client: '德清县某农机合作社',
        year: 2025,
        outcome: '作业直线度误差小于2.5cm',
      },
      { title: '智能网联汽车高精定位', client: '某整车企业', year: 2024, outcome: '车道级定位可用率99.9%' },
    ],
    certifications: [{ name: '汽车功能安全 ISO 26262 ASIL-B 流程认证', issuer: 'TÜV莱茵' }],
    teamSize: 900,
    trl: 9,
    typicalBudgetMinYuan: 500_000,
    typicalBudgetMaxYuan: 8_000_000,
  },
  {
    vendorKey: 'zhonghaida',
    domains: ['agriculture', 'transport', 'culture_tourism'],
    capabilityCodes: ['remote_sensing', 'digital_twin', 'beidou_positioning', 'uav_drone', 'video_analytics'],
    industryFields: ['beidou_smart_driving'],
    districts: ['deqing', 'south_taihu', 'citywide'],
    description:
      '## 空间信息与数字孪生\n\n提供卫星与无人机遥感、实景三维建模和**内河航道数字孪生**，在农田长势监测、道路病害巡检和文物数字化方面有成熟方案。',
    products: [
      { name: '无人机倾斜摄影与实景三维', description: '厘米级实景三维模型' },
      { name: '遥感长势监测平台', description: '多光谱指数反演作物长势与病虫害风险' },
    ],
    pastCases: [
      {
        title: '南太湖新区道路病害无人机巡检',
        client: '南太湖新区某建设单位',
        year: 2025,
        outcome: '坑槽裂缝识别准确率92%',
      },
      { title: '德清数字农田遥感监测', client: '德清县某农业园区', year: 2024, outcome: '覆盖5万亩，按周更新长势图' },
    ],
    certifications: [{ name: '甲级测绘资质', issuer: '自然资源部' }],
    teamSize: 1200,
    trl: 8,
    typicalBudgetMinYuan: 600_000,
    typicalBudgetMaxYuan: 5_000_000,
  },
  {
    vendorKey: 'shizai',
    domains: ['manufacturing', 'culture_tourism', 'other'],
    capabilityCodes: ['llm_assistant', 'knowledge_graph', 'speech', 'data_governance'],
    industryFields: ['chips_software'],
    districts: ['south_taihu', 'wuxing', 'citywide'],
    description:
      '## 大模型智能体与流程自动化\n\n以自研行业大模型和RPA智能体为基础，为企业和政务提供**智能问答、知识库**与业务流程自动化，支持私有化部署和国产算力适配。',
    products: [
      { name: '行业大模型智能体平台', description: '知识库问答、工单处理、报表生成' },
      { name: '私有化部署一体机', description: '适配国产GPU，支持等保三级环境' },
    ],
    pastCases: [
      {
        title: '制造企业设备知识库智能问答',
        client: '湖州某装备制造企业',
        year: 2025,
        outcome: '一线故障查询平均用时由15分钟降到1分钟',
      },
    ],
    certifications: [
      { name: '生成式人工智能服务备案', issuer: '国家互联网信息办公室' },
      { name: 'ISO 27001 信息安全管理体系', issuer: '中国网络安全审查认证和市场监管大数据中心' },
    ],
    teamSize: 480,
    trl: 8,
    typicalBudgetMinYuan: 300_000,
    typicalBudgetMaxYuan: 3_000_000,
  },
  {
    vendorKey: 'jiuzhou',
    domains: ['manufacturing', 'transport', 'other'],
    capabilityCodes: ['edge_computing', 'ai_chip', 'video_analytics', 'data_governance'],
    industryFields: ['chips_software'],
    districts: ['wuxing', 'citywide'],
    description:
      '## 边缘云与算力调度\n\n提供边缘计算节点、**视频智能分析**和算力调度平台，帮助工厂、路口和园区把AI模型部署到现场，低时延处理视频与传感数据。',
    products: [
      { name: '边缘AI一体机', description: '单机16路视频实时分析' },
      { name: '算力调度平台', description: '跨中心与边缘统一调度GPU资源' },
    ],
    pastCases: [
      { title: '园区视频AI事件识别', client: '吴兴某产业园', year: 2024, outcome: '占道、烟火等12类事件自动告警' },
    ],
    certifications: [{ name: '信息系统建设和服务能力等级 CS3', issuer: '中国电子信息行业联合会' }],
    teamSize: 210,
    trl: 8,
    typicalBudgetMinYuan: 200_000,
    typicalBudgetMaxYuan: 2_500_000,
  },
  {
    vendorKey: 'feitian',
    domains: ['culture_tourism'],
    capabilityCodes: ['ar_vr_immersive', 'digital_human', 'digital_twin', 'generative_design'],
    industryFields: ['smart_consumer_devices'],
    districts: ['south_taihu', 'wuxing', 'citywide'],
    description:
      '## AR/VR沉浸式文旅与数字人\n\n为博物馆、景区提供**AR沉浸式展陈**、文物数字复原和虚拟讲解员（数字人），支持手机、AR眼镜和大屏多终端。',
    products: [
      { name: 'AR文物复原导览', description: '扫码即看文物原貌与制作过程' },
      { name: '3D数字人讲解员', description: '多语种实时讲解，支持方言' },
    ],
    pastCases: [
      { title: '某省级博物馆AR展陈', client: '浙江某博物馆', year: 2024, outcome: '观众平均停留时间提升40%' },
    ],
    certifications: [{ name: '高新技术企业', issuer: '浙江省科学技术厅' }],
    teamSize: 160,
    trl: 7,
    typicalBudgetMinYuan: 300_000,
    typicalBudgetMaxYuan: 2_000_000,
  },
  {
    vendorKey: 'lingban',
    domains: ['culture_tourism'],
    capabilityCodes: ['digital_human', 'llm_assistant', 'speech', 'recommendation', 'knowledge_graph'],
    industryFields: [],
    districts: ['anji', 'nanxun', 'citywide'],
    description:
      '## 文旅智能讲解与游客服务\n\n专注景区、古镇的**数字人导游**、多语种智能讲解和游客画像推荐，基于文旅知识图谱回答游客问题。',
    products: [
      { name: '灵伴数字人导游', description: '中英日韩四语讲解，景点知识图谱问答' },
      { name: '游客行程推荐小程序', description: '按画像和实时客流推荐路线' },
    ],
    pastCases: [
      { title: '安吉余村数字人讲解员', client: '安吉县某景区', year: 2025, outcome: '讲解覆盖率提升至全天候' },
    ],
    certifications: [{ name: '科技型中小企业', issuer: '浙江省科学技术厅' }],
    teamSize: 45,
    trl: 7,
    typicalBudgetMinYuan: 150_000,
    typicalBudgetMaxYuan: 1_200_000,
  },
  {
    vendorKey: 'yunshenchu',
    domains: ['manufacturing', 'transport', 'other'],
    capabilityCodes: ['inspection_robot', 'embodied_robot', 'iot_sensing'],
    industryFields: ['embodied_robotics'],
    districts: ['south_taihu', 'citywide'],
    description:
      '## 四足机器人与自主巡检\n\n以四足机器人为平台，提供变电站、隧道、管廊和工厂的**自主巡检**，搭载红外、气体和声音传感器，复杂地形下稳定行走。',
    products: [
      { name: '绝影四足巡检机器人', description: 'IP66防护，爬坡35°，续航4小时' },
      { name: '巡检任务管理平台', description: '路线规划、异常识别与报告' },
    ],
    pastCases: [{ title: '电力隧道四足机器人巡检', client: '某电网公司', year: 2024, outcome: '替代人工夜间巡检' }],
    certifications: [{ name: '防爆合格证 Ex ib', issuer: '国家防爆电气产品质量检验检测中心' }],
    teamSize: 260,
    trl: 8,
    typicalBudgetMinYuan: 400_000,
    typicalBudgetMaxYuan: 4_000_000,
  },
  {
    vendorKey: 'muxing',
    domains: ['manufacturing'],
    capabilityCodes: ['amr_agv', 'smart_warehousing', 'supply_chain_optimization'],
    industryFields: ['embodied_robotics'],
    districts: ['nanxun', 'wuxing', 'citywide'],
    description:
      '## 货到人仓储机器人\n\n提供货到人拣选机器人（AMR）与柔性仓储系统，适合多品种小批量的电商与制造仓库，**三个月内上线**，无需改造地面。',
    products: [
      { name: '货到人拣选机器人', description: '拣选效率每小时350行以上' },
      { name: '柔性仓储调度系统', description: '与ERP、WMS对接，支持峰值弹性扩容' },
    ],
    pastCases: [
      { title: '南浔家居企业成品仓货到人改造', client: '南浔某家居企业', year: 2025, outcome: '拣选人效提升3倍' },
    ],
    certifications: [{ name: 'ISO 9001 质量管理体系', issuer: '中国质量认证中心' }],
    teamSize: 380,
    trl: 9,
    typicalBudgetMinYuan: 500_000,
    typicalBudgetMaxYuan: 5_000_000,
  },
  {
    vendorKey: 'youaizhihe',
    domains: ['manufacturing'],
    capabilityCodes: ['inspection_robot', 'amr_agv', 'embodied_robot'],
    industryFields: ['embodied_robotics'],
    districts: ['nanxun'],
    description:
      '## 工业复合机器人\n\n移动底盘加协作机械臂的复合机器人，用于半导体、能源工厂的**自主巡检**与物料搬运。',
    products: [{ name: '复合巡检机器人', description: '移动底盘+机械臂，读表、开关柜操作' }],
    pastCases: [{ title: '半导体工厂晶圆盒搬运', client: '某半导体企业', year: 2024, outcome: '无人化搬运24小时运行' }],
    certifications: [],
    teamSize: 300,
    trl: 8,
    typicalBudgetMinYuan: 500_000,
    typicalBudgetMaxYuan: 3_000_000,
  },
];
