/**
 * Domain synonyms, expanded at query time only (the index stays plain, so editing this table
 * needs no re-index). Each group is ORed. Entries are in analyzer form: lower-case, English
 * singular (the analyzer folds plurals: "llms" → "llm").
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['瑕疵', '缺陷', '疵点'],
  ['植保', '飞防', '喷洒'],
  ['数字人', '虚拟讲解员', '虚拟人'],
  ['质检', '检测', '检验'],
  ['大模型', 'llm', '大语言模型'],
  ['排产', '排程'],
  ['无人机', 'uav', 'drone'],
  ['客流', '游客流量', '人流'],
  ['预测性维护', '预防性维护'],
  ['agv', '搬运机器人'],
  ['自动驾驶', '无人驾驶'],
  ['车路协同', '车联网', 'v2x'],
  ['红绿灯', '信号灯', '交通信号'],
  ['巡检', '巡查', '巡护'],
];

const groupsByTerm = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) for (const term of group) groupsByTerm.set(term, group);

/** Han synonym terms, longest first, so the query scan prefers 游客流量 over a shorter overlap. */
const hanTerms = [...groupsByTerm.keys()]
  .filter((t) => /^\p{Script=Han}+$/u.test(t))
  .sort((a, b) => b.length - a.length);

/** The term itself plus its synonyms (just the term when it has none). */
export function synonymsOf(term: string): readonly string[] {
  return groupsByTerm.get(term) ?? [term];
}

/** The longest Han synonym term starting at `index` in `text`, if any. */
export function synonymTermAt(text: string, index: number): string | undefined {
  return hanTerms.find((t) => text.startsWith(t, index));
}
