/**
 * The view state lives in the URL's query string, so that a copied link restores the
 * same view (focused node, depth, direction, filters, query, language, tab, path).
 * Pure functions: parse and serialise are tested without a browser.
 */
import { NODE_KINDS, LANGS, type Lang, type NodeKind } from '../core/format/index.ts';
import { CHANGE_TYPES, type ChangeType } from '../core/diff/index.ts';

export type Direction = 'up' | 'down' | 'both';
export type Highlight = 'none' | 'up' | 'down';
export type ViewName = 'graph' | 'impact' | 'literature' | 'diff' | 'compare' | 'map';
const VIEW_NAMES: readonly ViewName[] = ['graph', 'impact', 'literature', 'diff', 'compare', 'map'];

/** URL parameter of the models compared side by side (2–5 ids, comma-separated); the map's selection writes it. */
export const COMPARE_MODELS_PARAM = 'compare';
/** Fewest models a comparison needs (the map's selection enables comparing from this many). */
export const MIN_COMPARED_MODELS = 2;

export interface ViewState {
  /** Manifest of the snapshot to open, relative to the page; null = the built-in sample. */
  snapshot: string | null;
  /** Role whose pack to open on a host without authentication (packs/<role>/). */
  pack: string | null;
  /** Node the graph is centred on. */
  node: string | null;
  /** Node whose details are shown (defaults to the focus). */
  selected: string | null;
  depth: number;
  dir: Direction;
  /** Node kinds drawn in the graph; null = all. */
  kinds: NodeKind[] | null;
  /** Nodes whose neighbours were added by hand. */
  expanded: string[];
  /** Folded groups ("N more") the user opened, as `direction:parent id`. */
  more: string[];
  /** Second end of a path from the focus. */
  pathTo: string | null;
  highlight: Highlight;
  q: string;
  lang: Lang | null;
  view: ViewName;
  /** Kinds listed in the impact table; null = all. */
  impactKinds: NodeKind[] | null;
  /** Literature query. */
  lq: string;
  /** Output node whose text is checked against the literature. */
  check: string | null;
  /** The snapshot (manifest URL) or pack (folder URL) the open one is compared with (Changes tab). */
  compare: string | null;
  /** Node kinds listed in the Changes tab; null = all. */
  diffKinds: NodeKind[] | null;
  /** Kinds of change listed in the Changes tab; null = all. */
  diffChanges: ChangeType[] | null;
  /** Models compared side by side (Compare tab), at most MAX_COMPARED_MODELS; URL `compare=<id>,<id>`. */
  models: string[];
  /** What colours the map's points: "family", "license", or "score:<benchmark · metric>". */
  mapColour: string;
}

/** The view state that centres the graph on a node, with the previous focus's expansions, groups and path dropped. */
export function focusOn(id: string): Pick<ViewState, 'node' | 'selected' | 'expanded' | 'more' | 'pathTo'> {
  return { node: id, selected: null, expanded: [], more: [], pathTo: null };
}

/** As core/compare's MAX_COMPARED: more are dropped from a link. */
export const MAX_COMPARED_MODELS = 5;

/**
 * The view state that opens the model comparison on these models: for other views (a map,
 * a search result list) that link to it, e.g. `href(compareModelsState(ids))`.
 */
export function compareModelsState(ids: readonly string[]): Pick<ViewState, 'view' | 'models'> {
  return { view: 'compare', models: [...new Set(ids)].slice(0, MAX_COMPARED_MODELS) };
}

/** Ids joined by commas; a comma or % inside an id is escaped, so any id survives. */
function joinIds(ids: readonly string[]): string {
  return ids.map((id) => id.replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
}

function splitIds(value: string | null): string[] {
  if (!value) return [];
  const ids = value.split(',').filter(Boolean).map((id) => id.replace(/%2C/gi, ',').replace(/%25/g, '%'));
  return [...new Set(ids)].slice(0, MAX_COMPARED_MODELS);
}

export const MIN_DEPTH = 1;
export const MAX_DEPTH = 6;

export const DEFAULT_VIEW: ViewState = {
  snapshot: null,
  pack: null,
  node: null,
  selected: null,
  depth: 1,
  dir: 'both',
  kinds: null,
  expanded: [],
  more: [],
  pathTo: null,
  highlight: 'none',
  q: '',
  lang: null,
  view: 'graph',
  impactKinds: null,
  lq: '',
  check: null,
  compare: null,
  diffKinds: null,
  diffChanges: null,
  models: [],
  mapColour: 'family',
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A comma-separated list of allowed values; unknown ones are dropped. */
function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] | null {
  if (value === null) return null;
  return value.split(',').filter((k): k is T => (allowed as readonly string[]).includes(k));
}

const kindList = (value: string | null) => listOf(value, NODE_KINDS);

/** Unknown or malformed parameters fall back to defaults: a hand-edited link never breaks the app. */
export function parseViewState(search: string): ViewState {
  const p = new URLSearchParams(search);
  const depth = Number.parseInt(p.get('depth') ?? '', 10);
  return {
    snapshot: p.get('snapshot') || null,
    pack: /^[a-z][a-z0-9-]{0,31}$/.test(p.get('pack') ?? '') ? p.get('pack') : null,
    node: p.get('node') || null,
    selected: p.get('sel') || null,
    depth: Number.isFinite(depth) ? Math.min(MAX_DEPTH, Math.max(MIN_DEPTH, depth)) : DEFAULT_VIEW.depth,
    dir: oneOf(p.get('dir'), ['up', 'down', 'both'] as const, DEFAULT_VIEW.dir),
    kinds: kindList(p.get('kinds')),
    expanded: p.getAll('x').filter(Boolean),
    more: p.getAll('more').filter((key) => /^(up|down):./s.test(key)),
    pathTo: p.get('path') || null,
    highlight: oneOf(p.get('hl'), ['none', 'up', 'down'] as const, DEFAULT_VIEW.highlight),
    q: p.get('q') ?? '',
    lang: p.has('lang') ? oneOf<Lang | 'x'>(p.get('lang'), LANGS, 'x') === 'x' ? null : (p.get('lang') as Lang) : null,
    view: oneOf(p.get('view'), VIEW_NAMES, DEFAULT_VIEW.view),
    lq: p.get('lq') ?? '',
    check: p.get('check') || null,
    compare: p.get('cmp') || null,
    models: splitIds(p.get(COMPARE_MODELS_PARAM)),
    mapColour: p.get('mc') || DEFAULT_VIEW.mapColour,
    impactKinds: kindList(p.get('ik')),
    diffKinds: kindList(p.get('dk')),
    diffChanges: listOf(p.get('dc'), CHANGE_TYPES),
  };
}

/** Only what differs from the defaults is written, so links stay short. */
export function serializeViewState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.snapshot) p.set('snapshot', s.snapshot);
  if (s.pack) p.set('pack', s.pack);
  if (s.view !== DEFAULT_VIEW.view) p.set('view', s.view);
  if (s.node) p.set('node', s.node);
  if (s.selected && s.selected !== s.node) p.set('sel', s.selected);
  if (s.depth !== DEFAULT_VIEW.depth) p.set('depth', String(s.depth));
  if (s.dir !== DEFAULT_VIEW.dir) p.set('dir', s.dir);
  if (s.kinds) p.set('kinds', s.kinds.join(','));
  for (const id of s.expanded) p.append('x', id);
  for (const key of s.more) p.append('more', key);
  if (s.pathTo) p.set('path', s.pathTo);
  if (s.highlight !== DEFAULT_VIEW.highlight) p.set('hl', s.highlight);
  if (s.q) p.set('q', s.q);
  if (s.lang) p.set('lang', s.lang);
  if (s.impactKinds) p.set('ik', s.impactKinds.join(','));
  if (s.lq) p.set('lq', s.lq);
  if (s.check) p.set('check', s.check);
  if (s.compare) p.set('cmp', s.compare);
  if (s.diffKinds) p.set('dk', s.diffKinds.join(','));
  if (s.diffChanges) p.set('dc', s.diffChanges.join(','));
  if (s.models.length > 0) p.set(COMPARE_MODELS_PARAM, joinIds(s.models));
  if (s.mapColour !== DEFAULT_VIEW.mapColour) p.set('mc', s.mapColour);
  const text = p.toString();
  return text ? `?${text}` : '';
}
