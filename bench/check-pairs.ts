/**
 * Labelled claim–evidence pairs for `npm run bench:check`, built from the third-party sets in
 * ../shared/data (read at run time, never copied into the repository):
 *
 * - HealthVer (dev split): evidence text, claim, Supports / Refutes / Neutral;
 * - COVID-Fact: claim, evidence sentences, SUPPORTED / REFUTED (refuted claims are
 *   generated counter-claims of supported ones);
 * - SciFact entailment pairs (RTE-scifact train): rationale, claim, entailment /
 *   not_entailment (not_entailment is SciFact's CONTRADICT).
 *
 * Each pair gets a part — "choose" or "report" — from a hash of its claim, so thresholds
 * are chosen on one part and figures reported on the other, and the pairs of one claim
 * (COVID-Fact's claim and its counter-claim share evidence) never straddle the parts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRows } from '../cli/lib/literature-parse.ts';

export type Gold = 'supports' | 'refutes' | 'neutral';

export interface LabelledPair {
  readonly set: string;
  readonly claim: string;
  /** Evidence sentences (a passage split by the app's sentence splitter at judging time). */
  readonly evidence: readonly string[];
  readonly gold: Gold;
  readonly part: 'choose' | 'report';
}

/** FNV-1a of the text: a stable split that does not depend on file order. */
function partOf(key: string): 'choose' | 'report' {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h % 2 === 0 ? 'choose' : 'report';
}

function healthVer(root: string): LabelledPair[] {
  const file = join(root, 'healthver', 'healthver_dev.csv');
  if (!existsSync(file)) return [];
  const rows = csvRows(readFileSync(file, 'utf8'));
  const header = rows[0]!.cells;
  const col = (name: string) => header.indexOf(name);
  const [ev, cl, lab, topic] = [col('evidence'), col('claim'), col('label'), col('topic_ip')];
  const gold: Record<string, Gold> = { Supports: 'supports', Refutes: 'refutes', Neutral: 'neutral' };
  return rows.slice(1).flatMap((r) => {
    const g = gold[r.cells[lab] ?? ''];
    if (!g || !r.cells[cl]?.trim() || !r.cells[ev]?.trim()) return [];
    // Claims of one topic share wording: split by topic so none leaks across the parts.
    return [{ set: 'healthver-dev', claim: r.cells[cl]!.trim(), evidence: [r.cells[ev]!.trim()], gold: g, part: partOf(r.cells[topic] ?? r.cells[cl]!) }];
  });
}

function covidFact(root: string): LabelledPair[] {
  const file = join(root, 'covid-fact', 'COVIDFACT_dataset.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      const r = JSON.parse(l) as { claim: string; label: string; evidence: string[]; gold_source: string };
      const g: Gold | undefined = r.label === 'SUPPORTED' ? 'supports' : r.label === 'REFUTED' ? 'refutes' : undefined;
      if (!g || !r.evidence?.length) return [];
      // A counter-claim and its original share the source: split by source.
      return [{ set: 'covid-fact', claim: r.claim, evidence: r.evidence, gold: g, part: partOf(r.gold_source ?? r.claim) }];
    });
}

function sciFact(root: string): LabelledPair[] {
  const file = join(root, 'covid-fact', 'RTE-scifact', 'train.tsv');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const [, evidence, claim, label] = line.split('\t');
      if (!evidence || !claim || !label) return [];
      const g: Gold = label.trim() === 'entailment' ? 'supports' : 'refutes';
      return [{ set: 'scifact-rte', claim: claim.trim(), evidence: [evidence.trim()], gold: g, part: partOf(claim.trim()) }];
    });
}

/** Every pair the data folder has; empty sets are left out (the folder may be partial). */
export function labelledPairs(root: string): LabelledPair[] {
  return [...healthVer(root), ...covidFact(root), ...sciFact(root)];
}
