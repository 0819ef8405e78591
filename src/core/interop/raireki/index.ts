/**
 * Raireki's own graph files as one more import source, so that a snapshot can be merged
 * with OpenLineage events, PROV documents or model cards in one import. Each node and
 * relation is checked like any snapshot item; one that fails is reported with its index and
 * left out, the others are kept. A manifest is not a graph: it is reported as skipped by name.
 */
import { SNAPSHOT_FORMAT, MANIFEST_FORMAT, SnapshotNode, Relation } from '../../format/index.ts';
import { isValidNode } from '../../format/node-check.ts';
import { isValidRelation } from '../../format/relation-check.ts';
import { formatJsonPath } from '../../format/parse.ts';
import type { FormatModule } from '../format-module.ts';
import type { ImportDraft } from '../import-draft.ts';
import { jsonPath, type SourcePlace } from '../import-report.ts';

/**
 * An alias file: `{"format": "raireki-aliases", "version": 1, "same": [["id", "other id", …], …]}`.
 * Each group's ids are one node, written as the group's first id (docs/interop.md).
 */
export const ALIAS_FORMAT = 'raireki-aliases';

export const raireki: FormatModule = {
  format: 'raireki',
  matchesJson: (v) => v.format === SNAPSHOT_FORMAT || v.format === MANIFEST_FORMAT || v.format === ALIAS_FORMAT,
  createReader(draft) {
    return {
      readJson(value, place) {
        if (value.format === ALIAS_FORMAT) return readAliases(draft, value, place);
        if (value.format === MANIFEST_FORMAT) {
          draft.issue('unmapped', place, 'a snapshot manifest: open it together with the files it lists (Open snapshot files…), or import those graph files', 'raireki');
          return;
        }
        const nodes = Array.isArray(value.nodes) ? value.nodes : [];
        const relations = Array.isArray(value.relations) ? value.relations : [];
        nodes.forEach((n, i) => {
          const at = { ...place, path: jsonPath('nodes', i) };
          if (!isValidNode(n)) return draft.issue('error', at, `not a valid node: ${why(SnapshotNode, n)}; left out`, 'raireki');
          const { id, kind, ...rest } = n;
          draft.node({ id, kind, ...rest }, `raireki:${place.file}`, at);
          draft.count('raireki', `nodes.${kind}`);
        });
        relations.forEach((r, i) => {
          const at = { ...place, path: jsonPath('relations', i) };
          if (!isValidRelation(r)) return draft.issue('error', at, `not a valid relation: ${why(Relation, r)}; left out`, 'raireki');
          draft.relation(r);
          draft.count('raireki', `relations.${r.type}`);
        });
      },
      finish() {},
    };
  },
};

function readAliases(draft: ImportDraft, value: Record<string, unknown>, place: SourcePlace): void {
  if (value.version !== 1) return draft.issue('error', { ...place, path: 'version' }, `alias file version ${JSON.stringify(value.version)} is not supported (this build reads version 1)`, 'raireki');
  if (!Array.isArray(value.same)) return draft.issue('error', { ...place, path: 'same' }, 'expected "same": a list of groups of ids', 'raireki');
  value.same.forEach((group, i) => {
    const at = { ...place, path: jsonPath('same', i) };
    if (!Array.isArray(group) || group.length < 2) return draft.issue('error', at, 'a group needs two or more ids; left out', 'raireki');
    const ids = group.map((id, k) => draft.checkId(id, { ...place, path: jsonPath('same', i, k) }, 'raireki'));
    if (ids.some((id) => id === null)) return draft.issue('error', at, 'the group is left out', 'raireki');
    draft.aliases.same(ids as string[], 'file');
    draft.count('raireki', 'alias-groups');
  });
}

function why(schema: typeof SnapshotNode | typeof Relation, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) return 'unknown reason';
  const issue = result.error.issues[0]!;
  return `${formatJsonPath(issue.path) || '(item)'}: ${issue.message}`;
}
