/// <reference lib="webworker" />
/**
 * Worker entry for the explorer: holds the loaded snapshot and answers queries, so that
 * parsing, hashing, indexing and traversal never block the page.
 */
import { z } from 'zod';
import type { Lang, NodeKind } from '../core/format/index.ts';
import type { SubgraphRequest } from '../core/view/index.ts';
import { SnapshotSession, describeError, importSummary, openSource, type ProvExportRequest } from './snapshot-session.ts';
import { DiffSession } from './diff-session.ts';
import type { DiffFilter } from '../core/diff/index.ts';
import type { GraphSource } from './snapshot-source.ts';
import { coreSource, jsonSource } from './snapshot-source.ts';
import { importFiles } from './import-files.ts';
import { fetchIo, fileListIo, readText, sameOriginUrl } from './fetch-io.ts';
import { serve, type Progress } from './rpc.ts';
import { askAssignedRole, httpPackReader, openPack, type AssignedRole, type PackFileAccess } from '../platform/index.ts';
import { LITERATURE_DIR } from '../core/pack/pack-layout.ts';
import { trustedPackKeys } from './pack-keys.ts';

// zod compiles validators with `new Function` unless told not to; the page's CSP forbids eval.
z.config({ jitless: true });

const session = new SnapshotSession();
const diffs = new DiffSession();

/** The open snapshot as one side of a comparison; a role's pack compares only with a pack of its role. */
function openForDiff(expectPack: boolean) {
  const open = session.open;
  if (!open) throw new Error('open a snapshot first');
  const role = open.summary.pack?.role;
  if (role && !expectPack) throw new Error(`the open snapshot is the ${role} role's pack: compare it with another pack of that role (give its folder)`);
  if (!role && expectPack) throw new Error('the open snapshot is not a role pack: compare it with a snapshot (give its manifest.json)');
  return { source: open.source, name: open.summary.snapshot.id, generation: open.summary.generation, role };
}

async function compareWith(other: GraphSource, name: string, expectPack: boolean, progress: (p: Progress) => void) {
  const open = openForDiff(expectPack);
  return diffs.compare(open, { source: other, name }, 'b', progress);
}
/** The open pack's literature files and how to read them; null when the snapshot is not a pack. */
let packLiterature: { url: string; access: PackFileAccess } | null = null;

const api = {
  async loadUrl(args: { url: string }, progress: (p: Progress) => void) {
    const url = sameOriginUrl(args.url, self.location.href, self.location.origin);
    const res = await fetch(url, { credentials: 'same-origin' });
    const name = url.pathname.split('/').pop() || 'manifest.json';
    if (!res.ok) throw new Error(`${name}: could not be fetched (HTTP ${res.status})`);
    const summary = await session.load(await res.text(), fetchIo(url), url.pathname, name, progress);
    packLiterature = null;
    diffs.close(); // a comparison belongs to the snapshot it was made with
    return summary;
  },
  async loadFiles(args: { files: File[] }, progress: (p: Progress) => void) {
    const io = fileListIo(args.files);
    const manifest = args.files.find((f) => f.name === 'manifest.json') ?? args.files.find((f) => f.name.endsWith('.json') && /manifest/i.test(f.name));
    if (!manifest) {
      // Not a Raireki snapshot: OpenLineage, PROV-JSON, model cards, ML-BOMs… converted here.
      const t0 = performance.now();
      const { loaded, report } = await importFiles(args.files, progress);
      const summary = session.adopt(loaded, args.files.map((f) => f.name).join(', '), null, t0, importSummary(report));
      packLiterature = null;
      diffs.close();
      return summary;
    }
    const text = await readText(io, manifest.name);
    const summary = await session.load(text ?? '', io, args.files.map((f) => f.name).join(', '), manifest.name, progress);
    packLiterature = null;
    diffs.close(); // a comparison belongs to the snapshot it was made with
    return summary;
  },
  /**
   * The role the intranet server assigned to this user (nginx answers whoami.json after
   * authentication); `none` on a host that assigns none (a plain static host, or one that
   * answers every unknown path with the app's page); `login-expired` when a sign-in page came back.
   */
  async whoami(args: { url: string }): Promise<AssignedRole> {
    return askAssignedRole(sameOriginUrl(args.url, self.location.href, self.location.origin));
  },
  /** Opens a role's pack: signature, role, (passphrase,) every file's hash, then the graph. */
  async loadPack(args: { url: string; role: string; passphrase?: string }, progress: (p: Progress) => void) {
    const url = sameOriginUrl(args.url, self.location.href, self.location.origin);
    const t0 = performance.now();
    const opened = await openPack({
      read: httpPackReader(url),
      trustedKeys: await trustedPackKeys(),
      expectedRole: args.role,
      passphrase: args.passphrase === undefined ? undefined : async () => args.passphrase!,
      onProgress: (done, total, file) => progress({ done, total, label: file }),
    });
    const { role, builtBy, builtAt, hidden, encryption } = opened.pack;
    const packInfo = { role, builtBy, builtAt, hidden, keyId: opened.keyId, encrypted: !!encryption };
    const { snapshot } = opened;
    const source = snapshot.layout === 'binary' ? coreSource(snapshot.core, snapshot.io) : jsonSource(snapshot.loaded);
    const summary = session.adoptSource(source, url.pathname, packInfo, t0);
    diffs.close();
    const { files, encryption: enc, ...rest } = opened.files;
    const literature = files.filter((f) => f.contents === 'literature' && f.path.startsWith(LITERATURE_DIR));
    packLiterature = {
      url: url.href,
      access: { ...rest, files: literature, ...(enc ? { encryption: { compression: enc.compression, stored: enc.stored.filter((x) => literature.some((f) => f.path === x.of)) } } : {}) },
    };
    return summary;
  },
  /**
   * Where the literature worker reads the open pack's literature index (with the key, for an
   * encrypted pack): null when the snapshot is not a pack; no files when the pack has none.
   */
  literatureSource: (_args: Record<string, never>) => packLiterature,
  search: (args: { query: string; limit: number; kinds: NodeKind[] | null }) => session.search(args.query, args.limit, args.kinds),
  searchSnippets: (args: { query: string; ids: string[] }) => session.searchSnippets(args.query, args.ids),
  subgraph: (args: SubgraphRequest) => session.subgraph(args),
  searchReady: (_args: Record<string, never>) => session.searchReady(),
  details: (args: { id: string }) => session.details(args.id),
  impact: (args: { id: string; kinds: NodeKind[] | null; limit?: number }) => session.impact(args.id, args.kinds, args.limit),
  impactCsv: (args: { id: string; kinds: NodeKind[] | null; lang: Lang }) => session.impactCsv(args.id, args.kinds, args.lang),
  unlearning: (args: { id: string }) => session.unlearning(args.id),
  compareModels: (args: { ids: string[] }) => session.compare(args.ids),
  compareModelsCsv: (args: { ids: string[]; lang: Lang }) => session.compareCsv(args.ids, args.lang),
  summary: (args: { id: string }) => session.summary(args.id),
  exportProv: (args: ProvExportRequest) => session.exportProv(args),
  exportMlBom: (args: { id: string }) => session.exportMlBom(args.id),
  modelMapInput: (_args: Record<string, never>) => session.modelMapInput(),
  /** Compares the snapshot at this same-origin manifest URL (the earlier one) with the open one. */
  async compareUrl(args: { url: string }, progress: (p: Progress) => void) {
    openForDiff(false);
    const url = sameOriginUrl(args.url, self.location.href, self.location.origin);
    const res = await fetch(url, { credentials: 'same-origin' });
    const name = url.pathname.split('/').pop() || 'manifest.json';
    if (!res.ok) throw new Error(`${url.pathname}: could not be fetched (HTTP ${res.status})`);
    const other = await openSource(await res.text(), fetchIo(url), name, progress);
    return compareWith(other, url.pathname, false, progress);
  },
  /** Compares a snapshot chosen as files (manifest.json and the files it lists) with the open one. */
  async compareFiles(args: { files: File[] }, progress: (p: Progress) => void) {
    openForDiff(false);
    const io = fileListIo(args.files);
    const manifest = args.files.find((f) => f.name === 'manifest.json');
    if (!manifest) throw new Error(`choose the other snapshot's manifest.json and the files it lists (chosen: ${args.files.map((f) => f.name).join(', ')})`);
    const other = await openSource((await readText(io, manifest.name)) ?? '', io, manifest.name, progress);
    return compareWith(other, args.files.map((f) => f.name).join(', '), false, progress);
  },
  /** Compares another pack of the open pack's role (its folder URL), verified like the open one. */
  async comparePack(args: { url: string; passphrase?: string }, progress: (p: Progress) => void) {
    openForDiff(true);
    const url = sameOriginUrl(args.url.endsWith('/') ? args.url : `${args.url}/`, self.location.href, self.location.origin);
    const opened = await openPack({
      read: httpPackReader(url),
      // Any pack signed by a trusted key opens; the diff then refuses one of another role, naming both.
      trustedKeys: await trustedPackKeys(),
      passphrase: args.passphrase === undefined ? undefined : async () => args.passphrase!,
      onProgress: (done, total, file) => progress({ done, total, label: file }),
    });
    const { snapshot } = opened;
    const other = snapshot.layout === 'binary' ? coreSource(snapshot.core, snapshot.io) : jsonSource(snapshot.loaded);
    return compareWith(other, url.pathname, true, progress);
  },
  diffOverview: (_args: Record<string, never>) => diffs.overviewFor(session.open?.summary.generation ?? -1),
  diffSwap: (_args: Record<string, never>, progress: (p: Progress) => void) => diffs.swap(session.open?.summary.generation ?? -1, progress),
  diffPage: (args: { filter: DiffFilter; limit: number }) => diffs.page(session.open?.summary.generation ?? -1, args.filter, args.limit),
  diffCsv: (args: { filter: DiffFilter; lang: Lang }) => diffs.csv(session.open?.summary.generation ?? -1, args.filter, args.lang),
  diffClose: (_args: Record<string, never>) => diffs.close(),
};

export type SnapshotApi = typeof api;

serve(api, describeError);
