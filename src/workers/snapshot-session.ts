/**
 * The loaded snapshot as the explorer's worker holds it: verified files, graph index and
 * keyword index, and the queries the UI asks of them. A new snapshot replaces the current
 * one only once it has loaded completely, so a bad file never loses what was on screen.
 */
import { SnapshotError, formatProblem, loadGraphFiles, parseManifest, type Lang, type LoadIo, type Manifest, type NodeKind, type Problem } from '../core/format/index.ts';
import { hasCore, loadCore } from '../core/columnar/index.ts';
import { closureColumns, type GraphIndex } from '../core/graph/index.ts';
import { explainHit, queryFieldExplainer, rankNodes, type NodeSearchIndex } from '../core/search/index.ts';
import { coreSource, jsonSource, type GraphSource } from './snapshot-source.ts';
export type { GraphSource } from './snapshot-source.ts';
import {
  buildDetails,
  buildImpact,
  impactCsv,
  buildSubgraph,
  fieldText,
  snippet,
  type ImpactView,
  type NodeDetails,
  type NodeSummary,
  type SearchHitView,
  type SubgraphRequest,
  type SubgraphView,
} from '../core/view/index.ts';
import type { PackInfo, LoadedSnapshot } from '../core/format/index.ts';
import { exportMlBom, exportProvJson, provSelection, type ImportIssue, type ImportReport, type InteropFormat } from '../core/interop/index.ts';
import { PackRefusedError, WrongPassphraseError } from '../platform/index.ts';
import { recordNodeIds, recordsAt, recordsFor, remediationFrom, unlearningCandidates, unlearningPanel, type RecordAt, type Remediation, type UnlearningPanel } from '../core/unlearning/index.ts';
import { buildComparison, comparisonCsv, comparisonNodes, type ComparisonView } from '../core/compare/index.ts';
import { buildModelMapInput, mapRecordNodes, type ModelMapInput } from '../core/model-map/index.ts';
import type { Progress } from './rpc.ts';

export interface LoadSummary {
  /** Increases with every successful load; part of every query key in the UI. */
  generation: number;
  source: string;
  snapshot: Manifest['snapshot'];
  /** Which layout it was read from: JSON graph files, or a binary graph core with details on demand. */
  layout: 'json' | 'binary';
  nodeCount: number;
  edgeCount: number;
  /** Integrity problems (duplicate ids, dangling references, cycles): loaded anyway. */
  warnings: Problem[];
  /** Node to open on when the link names none. */
  startNode: string | null;
  /** Set when the snapshot is a role's signed pack. */
  pack: (Pick<PackInfo, 'role' | 'builtBy' | 'builtAt' | 'hidden'> & { keyId: string; encrypted: boolean }) | null;
  timings: { readAndVerifyMs: number; indexMs: number };
  /** Set once the keyword index is built (it is built after the snapshot is shown). */
  searchIndexMs?: number;
  /** Set when the snapshot was converted from other formats (files dropped on the page). */
  imported: ImportSummary | null;
}

/** What the page shows of an import: the formats found and what could not be mapped. */
export interface ImportSummary {
  formats: { format: InteropFormat; files: number; records: number }[];
  merged: number;
  /** Files skipped and items not mapped (errors first), at most MAX_LISTED_IMPORT_ISSUES. */
  issues: ImportIssue[];
  issueCount: number;
}

const MAX_LISTED_IMPORT_ISSUES = 200;

export function importSummary(report: ImportReport): ImportSummary {
  const all = [...report.skipped, ...report.issues.filter((i) => i.severity === 'error'), ...report.issues.filter((i) => i.severity === 'unmapped')];
  const notListed = (report.issuesNotListed.error ?? 0) + (report.issuesNotListed.unmapped ?? 0);
  return {
    formats: (Object.keys(report.formats) as InteropFormat[]).map((format) => ({ format, files: report.formats[format]!.files, records: report.formats[format]!.records })),
    merged: report.merged.length,
    issues: all.slice(0, MAX_LISTED_IMPORT_ISSUES),
    issueCount: all.length + notListed,
  };
}

/** What to export as PROV-JSON: the whole snapshot, or a node's up- or downstream closure. */
export interface ProvExportRequest {
  id?: string;
  direction?: 'up' | 'down';
}

/** Lets queued messages (the first graph, a details request) run between index slices. */
function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface Loaded {
  summary: LoadSummary;
  source: GraphSource;
  index: GraphIndex;
  /** Built or read after the snapshot is adopted, so the first graph does not wait for it. */
  search: Promise<NodeSearchIndex>;
  /** Unlearning records, read on first use (impact marks, an unlearned model's panel). */
  records?: Promise<RecordAt[]>;
  /** The remediation marks of the last impact start, kept while its list is paged. */
  marks?: { start: number; marks: Map<number, Remediation> };
}

/**
 * Opens a snapshot by its manifest without adopting it: from its graph core when it lists
 * one, else from its graph files, every file verified.
 */
export async function openSource(manifestText: string, io: LoadIo, manifestName: string, progress?: (p: Progress) => void): Promise<GraphSource> {
  const parsed = parseManifest(manifestText, manifestName);
  if (!parsed.ok) throw new SnapshotError(parsed.problems);
  const withProgress: LoadIo = { ...io, onProgress: (done, total, file) => progress?.({ done, total, label: file }) };
  return hasCore(parsed.value) ? coreSource(await loadCore(parsed.value, withProgress), io) : jsonSource(await loadGraphFiles(parsed.value, withProgress));
}

export class SnapshotSession {
  private current: Loaded | null = null;
  private generation = 0;

  /** Reads a snapshot by its manifest: from its graph core when it lists one, else from its graph files. */
  async load(manifestText: string, io: LoadIo, source: string, manifestName: string, progress?: (p: Progress) => void): Promise<LoadSummary> {
    const t0 = performance.now();
    return this.adoptSource(await openSource(manifestText, io, manifestName, progress), source, null, t0);
  }

  /** The open snapshot (for comparing another with it), null before the first load. */
  get open(): { source: GraphSource; summary: LoadSummary } | null {
    return this.current ? { source: this.current.source, summary: this.current.summary } : null;
  }

  /** Swaps in a snapshot that was read and verified elsewhere (e.g. a signed pack, an import). */
  adopt(loaded: LoadedSnapshot, source: string, pack: LoadSummary['pack'], t0: number, imported: ImportSummary | null = null): LoadSummary {
    return this.adoptSource(jsonSource(loaded), source, pack, t0, imported);
  }

  /** Swaps in an opened snapshot of either layout; what was open stays until this point. */
  adoptSource(opened: GraphSource, source: string, pack: LoadSummary['pack'], t0: number, imported: ImportSummary | null = null): LoadSummary {
    const t1 = performance.now();
    const { index } = opened;
    const requested = opened.manifest.snapshot.startNode;
    const summary: LoadSummary = {
      generation: ++this.generation,
      source,
      snapshot: opened.manifest.snapshot,
      layout: opened.layout,
      nodeCount: index.nodeCount,
      edgeCount: index.edgeCount,
      warnings: opened.warnings,
      startNode: requested && index.indexOf(requested) >= 0 ? requested : opened.firstNode(),
      pack,
      // Indexing happened while opening (JSON: the graph index; binary: the core's checks).
      timings: { readAndVerifyMs: t1 - t0 - opened.indexMs, indexMs: opened.indexMs },
      imported,
    };
    const t2 = performance.now();
    const search = opened.searchIndex(yieldToMessages).then((built) => {
      summary.searchIndexMs = performance.now() - t2;
      return built;
    });
    // A failure is reported to whoever searches; it must not be an unhandled rejection meanwhile.
    search.catch(() => {});
    this.current = { summary, source: opened, index, search };
    return summary;
  }

  /** Resolves when the current snapshot's keyword index is ready; its build time in ms. */
  async searchReady(): Promise<number> {
    await this.loaded.search;
    return this.loaded.summary.searchIndexMs ?? 0;
  }

  private get loaded(): Loaded {
    if (!this.current) throw new Error('no snapshot is loaded');
    return this.current;
  }

  summary(id: string): NodeSummary | null {
    const { index } = this.loaded;
    const n = index.indexOf(id);
    return n < 0 ? null : index.nodeHead(n);
  }

  /**
   * Hits for the query from the keyword index alone, best first. Which field matched, and
   * its snippet, come from the whole node: given where it is in memory (always, for JSON),
   * else null until `searchSnippets` reads it — so a binary snapshot lists hits at once.
   */
  async search(query: string, limit: number, kinds: NodeKind[] | null): Promise<SearchHitView[]> {
    const loaded = this.loaded;
    const search = await loaded.search;
    const { index } = loaded;
    const ranked = rankNodes(search, query, { limit, kinds: kinds ?? undefined });
    return ranked.hits.map((hit) => {
      const node = index.node(hit.node);
      if (!node) return { node: index.nodeHead(hit.node), score: hit.score, field: hit.exactField ?? null, snippet: null };
      const field = explainHit(search, ranked, hit, node);
      return { node: index.nodeHead(hit.node), score: hit.score, field, snippet: snippet(fieldText(node, field), query) };
    });
  }

  /** The matched field and snippet of each of these hits, their details read first. */
  async searchSnippets(query: string, ids: string[]): Promise<Record<string, { field: string; snippet: string }>> {
    const loaded = this.loaded;
    const search = await loaded.search;
    const { index, source } = loaded;
    const nodes = ids.map((id) => index.indexOf(id)).filter((i) => i >= 0);
    await source.ensureNodes(nodes);
    const explain = queryFieldExplainer(search, query);
    const out: Record<string, { field: string; snippet: string }> = {};
    for (const i of nodes) {
      const node = index.node(i)!;
      const field = explain(node);
      out[node.id] = { field, snippet: snippet(fieldText(node, field), query) };
    }
    return out;
  }

  subgraph(req: SubgraphRequest): SubgraphView {
    return buildSubgraph(this.loaded.index, req);
  }

  async details(id: string): Promise<NodeDetails | null> {
    const { index, source } = this.loaded;
    const n = index.indexOf(id);
    if (n < 0) return null;
    await source.ensureNodes([n]);
    return buildDetails(index, id, () => source.fileOf(n));
  }

  /**
   * The first `limit` affected nodes of the wanted kinds, with the total and counts by kind;
   * models marked with what was done about them (unlearned, retrained, nothing).
   */
  async impact(id: string, kinds: NodeKind[] | null, limit?: number): Promise<ImpactView | null> {
    const marks = await this.remediation(id);
    return buildImpact(this.loaded.index, id, kinds, limit, marks);
  }

  /** Every affected node as CSV, names in `lang`. */
  async impactCsv(id: string, kinds: NodeKind[] | null, lang: Lang): Promise<{ text: string }> {
    const marks = await this.remediation(id);
    const text = impactCsv(this.loaded.index, id, kinds, lang, marks);
    if (text === null) throw new Error(`"${id}" is not a node of this snapshot`);
    return { text };
  }

  private unlearningRecords(): Promise<RecordAt[]> {
    const loaded = this.loaded;
    loaded.records ??= (async () => {
      const candidates = unlearningCandidates(loaded.index);
      await loaded.source.ensureNodes(candidates);
      return recordsAt(loaded.index, candidates);
    })();
    return loaded.records;
  }

  private async remediation(id: string): Promise<Map<number, Remediation> | undefined> {
    const loaded = this.loaded;
    const start = loaded.index.indexOf(id);
    if (start < 0) return undefined;
    const records = await this.unlearningRecords();
    if (loaded.marks?.start !== start) loaded.marks = { start, marks: remediationFrom(loaded.index, start, records) };
    return loaded.marks.marks;
  }

  /** The before/after panels of the unlearning records that produced this model (or that this activity holds). */
  async unlearning(id: string): Promise<UnlearningPanel[]> {
    const { index, source } = this.loaded;
    const n = index.indexOf(id);
    if (n < 0) return [];
    const records = recordsFor(await this.unlearningRecords(), n);
    await source.ensureNodes(records.flatMap((r) => recordNodeIds(r.record).map((x) => index.indexOf(x)).filter((i) => i >= 0)));
    return records.map((r) => unlearningPanel(index, r));
  }

  /** Two to five models side by side (core/compare); whole nodes read first. */
  async compare(ids: string[]): Promise<ComparisonView> {
    const { index, source } = this.loaded;
    await source.ensureNodes(comparisonNodes(index, ids));
    return buildComparison(index, ids);
  }

  /** The comparison as CSV, every dataset listed. */
  async compareCsv(ids: string[], lang: Lang): Promise<{ text: string }> {
    const { index, source } = this.loaded;
    await source.ensureNodes(comparisonNodes(index, ids));
    return { text: comparisonCsv(buildComparison(index, ids, Infinity), lang) };
  }

  /**
   * PROV-JSON of the snapshot, or of one node with everything up- or downstream of it (and
   * the relations among them), as the text of the file to save.
   */
  async exportProv(req: ProvExportRequest): Promise<{ text: string; nodes: number }> {
    const { index, source } = this.loaded;
    let select: Set<string> | undefined;
    if (req.id !== undefined) {
      select = provSelection(index, req.id, req.direction ?? 'up');
      if (select.size === 0) throw new Error(`"${req.id}" is not a node of this snapshot`);
    }
    const doc = exportProvJson(await source.allNodes(), await source.allRelations(), select ? { select } : {});
    return { text: JSON.stringify(doc, null, 2) + '\n', nodes: select?.size ?? index.nodeCount };
  }

  /**
   * What the map view places models by (core/model-map): every model of the snapshot (a
   * pack's own only) with its lineage, scores and similarity, as typed arrays. A binary
   * snapshot reads the records of models and their evaluation results first.
   */
  async modelMapInput(): Promise<ModelMapInput> {
    const { index, source } = this.loaded;
    await source.ensureNodes(mapRecordNodes(index));
    return buildModelMapInput(index);
  }

  /** A CycloneDX 1.6 ML-BOM of one model: its upstream closure. */
  async exportMlBom(id: string): Promise<{ text: string }> {
    const { index, source, summary } = this.loaded;
    const n = index.indexOf(id);
    if (n < 0) throw new Error(`"${id}" is not a node of this snapshot`);
    if (index.nodeHead(n).kind !== 'model') throw new Error(`"${id}" is not a model: an ML-BOM describes a model`);
    // The exporter reads whole nodes of the model's upstream closure through the index.
    await source.ensureNodes([n, ...closureColumns(index, n, 'up').node]);
    // With an index given, the exporter reads nodes and relations through it alone (no arrays).
    const bom = exportMlBom([], [], id, { timestamp: summary.snapshot.createdAt, index });
    return { text: JSON.stringify(bom, null, 2) + '\n' };
  }
}

/** What crosses back to the page when something fails: a message and located problems. */
export function describeError(err: unknown): { message: string; problems?: Problem[]; code?: string } {
  if (err instanceof SnapshotError) return { message: err.problems.map(formatProblem).join('\n'), problems: err.problems };
  if (err instanceof WrongPassphraseError) return { message: err.message, code: 'wrong-passphrase' };
  if (err instanceof PackRefusedError) {
    const problem: Problem = { code: 'pack-refused', file: err.file, message: err.message };
    return { message: formatProblem(problem), problems: [problem], code: err.code };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}
