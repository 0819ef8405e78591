/**
 * Writes the built-in sample snapshot (public/snapshots/sample/: manifest.json, graph.json,
 * and its binary layout core/ + details/) from the typed sources in fixtures/sample/. Deterministic: running it twice gives the same
 * bytes, and a unit test fails when the committed files differ from a fresh build, so the
 * generated files are never edited by hand.
 *
 *   npm run gen:sample
 */
import { fileURLToPath } from 'node:url';
import { toGraphFile, SnapshotGraph, type Manifest } from '../src/core/format/index.ts';
import { buildSample } from '../fixtures/sample/build.ts';
import { writeSnapshotDir, type SnapshotInfo } from './lib/snapshot-files.ts';

export const SAMPLE_DIR = fileURLToPath(new URL('../public/snapshots/sample/', import.meta.url));
export const SAMPLE_GRAPH_FILE = 'graph.json';

/** Fixed, so that the output does not change from run to run. */
export const SAMPLE_INFO: SnapshotInfo = {
  id: 'raireki-sample',
  title: { en: 'Raireki sample: medical AI lineage', ja: '来歴サンプル：医療AIの来歴' },
  description: {
    en: 'Real medical models (Meditron, BioMistral, Med42, Clinical Camel, BioBERT, Bio_ClinicalBERT, PubMedBERT…) with their base models, data and published scores, and the fictional Raireki University Hospital with its in-house models, a PHI incident, hallucinated outputs and access logs. All patients and staff are fictional.',
    ja: '実在の医療モデル（Meditron、BioMistral、Med42、Clinical Camel、BioBERT、Bio_ClinicalBERT、PubMedBERT など）とその基盤モデル・データ・公表スコア、および架空の来歴大学病院の院内モデル、PHI インシデント、誤りを含む出力、アクセス記録。患者と職員はすべて架空です。',
  },
  createdAt: '2026-04-01T09:00:00+09:00',
  generator: 'raireki cli/build-sample.ts',
  /** Public, so that every role's pack keeps it: demo 1 of fixtures/sample/README.md. */
  startNode: 'model:meditron-70b',
};

export interface RenderedSample {
  graphText: string;
  nodeCount: number;
  relationCount: number;
}

/** The sample's graph file text (`writeSnapshotDir(…, pretty = true)` writes these bytes). Throws if it does not validate. */
export function renderSample(): RenderedSample {
  const { nodes, relations } = buildSample();
  const graph = toGraphFile(nodes, relations);
  const parsed = SnapshotGraph.safeParse(graph);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`sample graph does not validate:\n${first.join('\n')}`);
  }
  return { graphText: JSON.stringify(graph, null, 1) + '\n', nodeCount: nodes.length, relationCount: relations.length };
}

/**
 * Writes the sample folder through the shared writer, in both layouts: the app opens it from
 * its binary core (what packs and large snapshots use), and graph.json stays the readable,
 * diffable source of truth for people and other tools.
 */
export function writeSample(dir = SAMPLE_DIR): Manifest {
  const { nodes, relations } = buildSample();
  return writeSnapshotDir(dir, SAMPLE_INFO, [{ path: SAMPLE_GRAPH_FILE, nodes, relations }], true, 'both');
}

function main(): void {
  const rendered = renderSample(); // validates first
  const manifest = writeSample();
  const files = manifest.files.map((f) => `${f.path} ${f.bytes} bytes`).join(', ');
  console.log(`wrote public/snapshots/sample/: ${rendered.nodeCount} nodes, ${rendered.relationCount} relations; ${files}, and the details chunks`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
