/**
 * Contrastive refinement of the static embedding table (the second stage of the default
 * model, after the SVD of vector-static-train.ts).
 *
 * The SVD learns which features occur together in documents; retrieval needs something
 * else: a short query near *its* document and away from the others. Published static
 * retrieval embeddings are trained for exactly that with an in-batch contrastive loss over
 * (query, passage) pairs; here the pairs come from the corpus itself (inverse cloze: a
 * sentence, a phrase or a title taken out of a document, the rest of the document as its
 * passage), so the model is still built with no download and no human labels.
 *
 * A text's vector is normalise(Σ w[f] · T[f]) over its feature rows f (w: idf, fixed), as
 * the exported ONNX graph computes it. For a batch of B pairs the loss is the mean
 * cross-entropy of softmax(q_i · p_j / τ) over j with the right passage i (the other
 * passages of the batch are the negatives). Gradients flow back through the normalisation
 * into the rows the batch uses; updates are row-wise Adagrad (one accumulator per row, as
 * for sparse embedding tables: rare rows, seen in few batches, keep a larger step).
 *
 * Held-out pairs (documents whose sentences never train) are scored before the first epoch
 * and after each one; the table that ranks them best is kept, so a corpus on which the
 * refinement does not help keeps its SVD table (the stopping rule is the corpus's own, not
 * one tuned on our development sets).
 */

/** A (query, passage) pair as table rows (0 = unknown feature, skipped). */
export interface ContrastivePair {
  readonly query: Int32Array;
  readonly passage: Int32Array;
}

export interface ContrastiveOptions {
  /** Epochs at most; each draws its pairs anew (`pairsForEpoch`). */
  readonly epochs: number;
  readonly batch: number;
  readonly temperature: number;
  /** Adagrad step, relative to the table's root-mean-square entry. */
  readonly learningRate: number;
  readonly random: () => number;
  readonly onEpoch?: (report: EpochReport) => void;
}

export interface EpochReport {
  readonly epoch: number;
  /** Mean training loss of the epoch (NaN before the first). */
  readonly loss: number;
  /** Mean reciprocal rank of the held-out pairs' passages among all held-out passages. */
  readonly heldOutMrr: number;
}

export interface ContrastiveResult {
  /** Epochs whose table was kept (0: the refinement did not help, the input table stands). */
  readonly keptEpochs: number;
  readonly reports: readonly EpochReport[];
}

export const DEFAULT_CONTRASTIVE: Omit<ContrastiveOptions, 'random'> = {
  epochs: 8,
  batch: 256,
  temperature: 0.05,
  learningRate: 0.3,
};

/** Pooled, normalised vector of `rows` into `out`; returns the norm before normalising. */
function pool(table: Float32Array, dims: number, weight: ArrayLike<number>, rows: Int32Array, out: Float32Array, at: number): number {
  out.fill(0, at, at + dims);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r === 0) continue;
    const w = weight[r]!;
    const base = r * dims;
    for (let d = 0; d < dims; d++) out[at + d]! += w * table[base + d]!;
  }
  let s = 0;
  for (let d = 0; d < dims; d++) s += out[at + d]! * out[at + d]!;
  const norm = Math.sqrt(s);
  const inv = norm > 0 ? 1 / norm : 0;
  for (let d = 0; d < dims; d++) out[at + d]! *= inv;
  return norm;
}

/** Pairs that never train, and documents they are ranked against besides each other's passages. */
export interface HeldOut {
  readonly pairs: readonly ContrastivePair[];
  /** Other documents of the corpus (rows), none of them a held-out pair's source. */
  readonly distractors: readonly Int32Array[];
}

/**
 * Mean reciprocal rank of each held-out query's own passage among all held-out passages
 * and the distractors: the task search does, on text that never trained.
 */
export function heldOutMrr(table: Float32Array, dims: number, weight: ArrayLike<number>, heldOut: HeldOut): number {
  const n = heldOut.pairs.length;
  if (n === 0) return NaN;
  const m = n + heldOut.distractors.length;
  const q = new Float32Array(n * dims);
  const p = new Float32Array(m * dims);
  heldOut.pairs.forEach((pair, i) => {
    pool(table, dims, weight, pair.query, q, i * dims);
    pool(table, dims, weight, pair.passage, p, i * dims);
  });
  heldOut.distractors.forEach((rows, i) => pool(table, dims, weight, rows, p, (n + i) * dims));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const own = dotAt(q, i * dims, p, i * dims, dims);
    let rank = 1;
    for (let j = 0; j < m; j++) if (j !== i && dotAt(q, i * dims, p, j * dims, dims) > own) rank++;
    sum += 1 / rank;
  }
  return sum / n;
}

function dotAt(a: Float32Array, ai: number, b: Float32Array, bi: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += a[ai + d]! * b[bi + d]!;
  return s;
}

/**
 * Refines `table` (rows × dims, row 0 the zero row) in place. `pairsForEpoch(e)` gives the
 * training pairs of epoch e (drawn anew, so that each epoch sees other sentences);
 * `heldOut`: pairs from documents that never train, and distractors to rank them among.
 */
export function refineContrastive(
  table: Float32Array,
  dims: number,
  weight: ArrayLike<number>,
  pairsForEpoch: (epoch: number) => readonly ContrastivePair[],
  heldOut: HeldOut,
  options: ContrastiveOptions,
): ContrastiveResult {
  const rows = table.length / dims;
  let rms = 0;
  for (let i = dims; i < table.length; i++) rms += table[i]! * table[i]!;
  rms = Math.sqrt(rms / Math.max(1, table.length - dims));
  const step = options.learningRate * rms;
  const accumulator = new Float32Array(rows);
  const grad = new Float32Array(table.length);
  const touched = new Uint8Array(rows);
  const touchedList: number[] = [];
  const { batch, temperature } = options;
  const q = new Float32Array(batch * dims);
  const p = new Float32Array(batch * dims);
  const qNorm = new Float64Array(batch);
  const pNorm = new Float64Array(batch);
  const gq = new Float32Array(batch * dims);
  const gp = new Float32Array(batch * dims);
  const logits = new Float64Array(batch);

  const reports: EpochReport[] = [];
  let best = heldOutMrr(table, dims, weight, heldOut);
  // The table that ranked the held-out pairs best so far (the input, to begin with).
  const kept = table.slice();
  let keptEpochs = 0;
  reports.push({ epoch: 0, loss: NaN, heldOutMrr: best });
  options.onEpoch?.(reports[0]!);

  // Scatter the gradient of a pooled, normalised vector back to its rows.
  const scatter = (rowsOf: Int32Array, g: Float32Array, at: number, v: Float32Array, norm: number) => {
    if (norm === 0) return;
    let proj = 0;
    for (let d = 0; d < dims; d++) proj += g[at + d]! * v[at + d]!;
    const inv = 1 / norm;
    for (let d = 0; d < dims; d++) g[at + d] = (g[at + d]! - proj * v[at + d]!) * inv;
    for (let i = 0; i < rowsOf.length; i++) {
      const r = rowsOf[i]!;
      if (r === 0) continue;
      if (!touched[r]) {
        touched[r] = 1;
        touchedList.push(r);
      }
      const w = weight[r]!;
      const base = r * dims;
      for (let d = 0; d < dims; d++) grad[base + d]! += w * g[at + d]!;
    }
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const pairs = [...pairsForEpoch(epoch)];
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = Math.floor(options.random() * (i + 1));
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    let lossSum = 0;
    let lossCount = 0;
    for (let start = 0; start + 2 <= pairs.length; start += batch) {
      const b = Math.min(batch, pairs.length - start);
      for (let i = 0; i < b; i++) {
        qNorm[i] = pool(table, dims, weight, pairs[start + i]!.query, q, i * dims);
        pNorm[i] = pool(table, dims, weight, pairs[start + i]!.passage, p, i * dims);
      }
      gq.fill(0, 0, b * dims);
      gp.fill(0, 0, b * dims);
      for (let i = 0; i < b; i++) {
        let max = -Infinity;
        for (let j = 0; j < b; j++) {
          logits[j] = dotAt(q, i * dims, p, j * dims, dims) / temperature;
          if (logits[j]! > max) max = logits[j]!;
        }
        let z = 0;
        for (let j = 0; j < b; j++) z += Math.exp(logits[j]! - max);
        lossSum += Math.log(z) + max - logits[i]!;
        lossCount++;
        // d loss / d logit_ij = softmax_ij − [i = j], averaged over the batch, ÷ τ for the dot.
        for (let j = 0; j < b; j++) {
          const coef = ((Math.exp(logits[j]! - max) / z - (i === j ? 1 : 0)) / b) / temperature;
          if (coef === 0) continue;
          for (let d = 0; d < dims; d++) {
            gq[i * dims + d]! += coef * p[j * dims + d]!;
            gp[j * dims + d]! += coef * q[i * dims + d]!;
          }
        }
      }
      for (let i = 0; i < b; i++) {
        scatter(pairs[start + i]!.query, gq, i * dims, q, qNorm[i]!);
        scatter(pairs[start + i]!.passage, gp, i * dims, p, pNorm[i]!);
      }
      for (const r of touchedList) {
        const base = r * dims;
        let g2 = 0;
        for (let d = 0; d < dims; d++) g2 += grad[base + d]! * grad[base + d]!;
        accumulator[r]! += g2 / dims;
        const lr = step / (Math.sqrt(accumulator[r]!) + 1e-12);
        for (let d = 0; d < dims; d++) {
          table[base + d]! -= lr * grad[base + d]!;
          grad[base + d] = 0;
        }
        touched[r] = 0;
      }
      touchedList.length = 0;
    }
    const mrr = heldOutMrr(table, dims, weight, heldOut);
    const report = { epoch, loss: lossCount ? lossSum / lossCount : NaN, heldOutMrr: mrr };
    reports.push(report);
    options.onEpoch?.(report);
    if (!(mrr > best)) {
      // This epoch ranked the held-out pairs worse: go back to the best table and stop.
      table.set(kept);
      break;
    }
    best = mrr;
    keptEpochs = epoch;
    if (epoch < options.epochs) kept.set(table);
  }
  return { keptEpochs, reports };
}
