/**
 * A larger retrieval set (≥ 4,000 documents) from two third-party sources in
 * ../shared/data, written to .tmp/eval/medmcqa-covidfact:
 *
 *   - MedMCQA dev: a question with its four options → its reference explanation
 *     (documents: the distinct explanations, 2,192);
 *   - COVID-Fact: a SUPPORTED claim → the evidence sentences given for it
 *     (documents: the distinct evidence sentences, 3,219).
 *
 * Both kinds of document share one corpus, so each family of queries has the other's
 * documents as distractors, and the corpus mixes long textbook-style explanations with
 * short sentences from COVID-19 papers, as a hospital's literature mixes kinds of text.
 *
 * A second, larger corpus (.tmp/eval/medical-mix) adds MedQA questions, found from an
 * LLM's step-by-step answer to them (MIRAGE predictions), and HealthVer evidence, found from
 * the claims it supports: 7,000+ documents, four families of queries. It was built after
 * the contrastive stage of the default model had been tuned on the first set, as a check.
 *
 *   npx tsx bench/sets/build-large.ts
 */
import { sharedDataDir, writeBeirSet } from '../lib/beir-write.ts';
import { addCovidFact, addHealthVer, addMedMcqa, addMedQaAnswers, SetBuilder } from './sources.ts';

const data = sharedDataDir();

const large = new SetBuilder();
addMedMcqa(large, data);
addCovidFact(large, data);
writeBeirSet('.tmp/eval/medmcqa-covidfact', {
  ...large,
  meta: {
    source: 'MedMCQA dev (MIT) explanations + COVID-Fact evidence sentences (asaakyan/covidfact), via ../shared/data',
    builder: 'bench/sets/build-large.ts',
    task: 'MedMCQA question + options → its explanation; COVID-Fact supported claim → its evidence sentences',
    language: 'en',
  },
});

const mix = new SetBuilder();
addMedMcqa(mix, data);
addCovidFact(mix, data);
addMedQaAnswers(mix, data);
addHealthVer(mix, data);
writeBeirSet('.tmp/eval/medical-mix', {
  ...mix,
  meta: {
    source: 'MedMCQA dev, COVID-Fact, MedQA (US test) with MIRAGE LLM predictions, HealthVer dev, via ../shared/data',
    builder: 'bench/sets/build-large.ts',
    task: 'the medmcqa-covidfact queries, plus an LLM step-by-step answer → its MedQA question, and a HealthVer supported claim → its evidence',
    language: 'en',
  },
});
