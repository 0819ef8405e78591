/**
 * A small hand-made lineage used by the graph tests: pretraining → fine-tuning →
 * quantisation → inference → output → access, with an evaluation branch, two people and
 * a document connected to nothing.
 *
 *   corpus ←used─ pretrain ←wasGeneratedBy─ base ←used─ ft ─used→ instr
 *   med ─wasGeneratedBy→ ft ─wasAssociatedWith→ eng;  med ─wasDerivedFrom→ base
 *   quant ─used→ med;  medq ─wasGeneratedBy→ quant;  medq ─wasDerivedFrom→ med
 *   ev ─used→ med, bench;  score ─wasGeneratedBy→ ev
 *   inf ─used→ medq, prompt;  inf ─wasAssociatedWith→ doc
 *   out ─wasGeneratedBy→ inf;  out ─wasDerivedFrom→ prompt;  out ─wasAttributedTo→ doc
 *   access ─used→ out;  lonely (document)
 */
import { graphOf } from './graph-builders.ts';

export function sampleLineage() {
  return graphOf(
    {
      corpus: 'dataset',
      instr: 'dataset',
      bench: 'dataset',
      pretrain: 'activity',
      base: 'model',
      ft: 'activity',
      eng: 'agent',
      med: 'model',
      quant: 'activity',
      medq: 'model',
      ev: 'activity',
      score: 'evaluation',
      inf: 'activity',
      prompt: 'prompt',
      doc: 'agent',
      out: 'output',
      access: 'activity',
      lonely: 'document',
    },
    [
      ['used', 'pretrain', 'corpus'],
      ['wasGeneratedBy', 'base', 'pretrain'],
      ['used', 'ft', 'base'],
      ['used', 'ft', 'instr'],
      ['wasAssociatedWith', 'ft', 'eng'],
      ['wasGeneratedBy', 'med', 'ft'],
      ['wasDerivedFrom', 'med', 'base'],
      ['used', 'quant', 'med'],
      ['wasGeneratedBy', 'medq', 'quant'],
      ['wasDerivedFrom', 'medq', 'med'],
      ['used', 'ev', 'med'],
      ['used', 'ev', 'bench'],
      ['wasGeneratedBy', 'score', 'ev'],
      ['used', 'inf', 'medq'],
      ['used', 'inf', 'prompt'],
      ['wasAssociatedWith', 'inf', 'doc'],
      ['wasGeneratedBy', 'out', 'inf'],
      ['wasDerivedFrom', 'out', 'prompt'],
      ['wasAttributedTo', 'out', 'doc'],
      ['used', 'access', 'out'],
    ],
  );
}
