/** Graded nDCG@k (gain 2^g − 1, log2 discount); 1 when the scenario has no relevant item. */
export function ndcgAt(k: number, ranked: string[], grades: Record<string, number>): number {
  const gain = (g: number) => Math.pow(2, g) - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((key, i) => {
    const g = grades[key] ?? 0;
    if (g > 0) dcg += gain(g) / Math.log2(i + 2);
  });
  const ideal = Object.values(grades)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += gain(g) / Math.log2(i + 2)));
  return idcg === 0 ? 1 : dcg / idcg;
}

/** Share of the relevant items (grade ≥ 1) found in the first k; 1 when none is relevant. */
export function recallAt(k: number, ranked: string[], grades: Record<string, number>): number {
  const relevant = Object.keys(grades).filter((key) => (grades[key] ?? 0) >= 1);
  if (relevant.length === 0) return 1;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((key) => top.has(key)).length / relevant.length;
}

/** Baseline: vendors by number of shared capability codes, descending; ties by key. */
export function tagsOnlyRanking(scenarioCaps: string[], vendors: { key: string; capabilities: string[] }[]): string[] {
  const wanted = new Set(scenarioCaps);
  return vendors
    .map((v) => ({ key: v.key, shared: new Set(v.capabilities.filter((c) => wanted.has(c))).size }))
    .sort((a, b) => b.shared - a.shared || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((v) => v.key);
}
