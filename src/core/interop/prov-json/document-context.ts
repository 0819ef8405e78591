/**
 * What reading one PROV-JSON document (or one bundle of it) needs at each record: the draft,
 * the namespaces in scope, the bundle the records are stated in, and where in the file it is.
 */
import type { ImportDraft } from '../import-draft.ts';
import { placeWithin, type SourcePlace } from '../import-report.ts';
import { preview } from '../json-values.ts';
import { Namespaces, nodeIdFromIri } from './qualified-name.ts';

export interface DocContext {
  draft: ImportDraft;
  ns: Namespaces;
  /** Origin recorded on each node (`prov-json:<file>`). */
  origin: string;
  /** Place of the document itself (a file, or an element of a JSON list). */
  place: SourcePlace;
  /** Id of the bundle the records are in, if any. */
  bundle?: string;
  /** Ids of the document's bundles: their own entities get subtype `bundle`. */
  bundleIds: ReadonlySet<string>;
  /** Ids that mean another node inside this bundle (see document.ts, "one id, two classes"). */
  rename?: ReadonlyMap<string, string>;
  /** Names resolved so far in this scope (a document names the same things many times). */
  resolved: Map<string, string>;
}

/** The place of a member inside the document: `used["_:u1"]["prov:entity"]`, after any outer path. */
export function at(ctx: DocContext, ...segments: (string | number)[]): SourcePlace {
  return placeWithin(ctx.place, ...segments);
}

/**
 * The id a qualified name stands for. A name whose prefix is declared nowhere is kept as
 * written (so that the document's own references to it still meet), and reported; a name
 * that cannot be an id at all (too long, `__proto__`) gives null, also reported.
 */
export function resolveName(ctx: DocContext, name: string, place: SourcePlace): string | null {
  const known = ctx.resolved.get(name);
  if (known !== undefined) return known;
  const expanded = ctx.ns.expand(name);
  if ('unknownPrefix' in expanded) {
    ctx.draft.issue(
      'unmapped',
      place,
      `the prefix "${expanded.unknownPrefix}" is not declared in "prefix", so ${preview(name)} cannot be expanded to an IRI; it is kept as written`,
      'prov-json',
    );
    return ctx.draft.checkId(name, place, 'prov-json');
  }
  const id = nodeIdFromIri(expanded.iri);
  const checked = ctx.draft.checkId(ctx.rename?.get(id) ?? id, place, 'prov-json');
  if (checked !== null) ctx.resolved.set(name, checked);
  return checked;
}

