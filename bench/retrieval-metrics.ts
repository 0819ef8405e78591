/** Ranking metrics as BEIR/pytrec_eval define them (linear gain), and Spearman's rho. */

export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface RankMetrics {
  ndcg: number;
  recall: number;
  mrr: number;
}

export function rankMetrics(ranked: readonly string[], relevant: ReadonlyMap<string, number>, k = 10): RankMetrics {
  const top = ranked.slice(0, k);
  let dcg = 0, found = 0, mrr = 0;
  top.forEach((id, i) => {
    const g = relevant.get(id) ?? 0;
    if (g > 0) {
      dcg += g / Math.log2(i + 2);
      found++;
      if (mrr === 0) mrr = 1 / (i + 1);
    }
  });
  const ideal = [...relevant.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  const positives = [...relevant.values()].filter((g) => g > 0).length;
  return { ndcg: idcg > 0 ? dcg / idcg : 0, recall: positives > 0 ? found / positives : 0, mrr };
}

export function meanMetrics(all: readonly RankMetrics[]): RankMetrics {
  const n = Math.max(1, all.length);
  return {
    ndcg: all.reduce((s, m) => s + m.ndcg, 0) / n,
    recall: all.reduce((s, m) => s + m.recall, 0) / n,
    mrr: all.reduce((s, m) => s + m.mrr, 0) / n,
  };
}

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let m = i; m <= j; m++) out[order[m]![1]] = (i + j) / 2 + 1; // ties share their mean rank
    i = j + 1;
  }
  return out;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a), rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n, mb = rb.reduce((s, x) => s + x, 0) / n;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - ma) * (rb[i]! - mb);
    da += (ra[i]! - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}
