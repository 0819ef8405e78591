/**
 * Parsing and validation of manifest and graph files, with located errors.
 */
import { z } from 'zod';
import { Manifest, SnapshotGraph, SnapshotGraphShape, MANIFEST_FORMAT, MANIFEST_VERSIONS, SNAPSHOT_FORMAT, GRAPH_VERSIONS, INTEROP_GRAPH_VERSION } from './schema.ts';
import { versionTwoFeatureOfNode, versionTwoFeatureOfRelation } from './graph-version.ts';
import type { Problem } from './problems.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { isValidRelation } from './relation-check.ts';
import { isValidNode } from './node-check.ts';

/** Most schema problems worth showing for one file: the rest are counted, not listed. */
const MAX_SCHEMA_PROBLEMS = 20;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Line and column (1-based) of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * JSON.parse with a message that says where it failed and whether the file looks cut off.
 * V8 reports "... in JSON at position N" or "Unexpected end of JSON input".
 */
export function parseJson(text: string, file: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    if (text.trim().length === 0) {
      return { ok: false, problems: [{ code: 'not-json', file, message: 'the file is empty' }] };
    }
    const raw = err instanceof Error ? err.message : String(err);
    const found = findJsonSyntaxError(text);
    const offset = found?.offset ?? text.length;
    const { line, column } = lineColumnAt(text, offset);
    const expected = found ? `expected ${found.expected}` : raw;
    if (found?.atEnd) {
      return { ok: false, problems: [{ code: 'truncated', file, line, column, message: `the file ends early (truncated?): ${expected}` }] };
    }
    return { ok: false, problems: [{ code: 'not-json', file, line, column, message: `not valid JSON: ${expected}` }] };
  }
}

/** `["nodes", 12, "kind"]` → `nodes[12].kind` */
export function formatJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function schemaProblems(error: z.ZodError, file: string, value: unknown): Problem[] {
  const problems: Problem[] = error.issues.slice(0, MAX_SCHEMA_PROBLEMS).map((issue) => ({
    code: 'schema' as const,
    file,
    path: formatJsonPath(issue.path) || '(top level)',
    message: withNodeId(issue.message, issue.path, value),
  }));
  if (error.issues.length > MAX_SCHEMA_PROBLEMS) {
    problems.push({ code: 'schema', file, message: `${error.issues.length - MAX_SCHEMA_PROBLEMS} more schema problems not shown` });
  }
  return problems;
}

/** Add the id of the node a schema issue sits in, which is easier to search for than an index. */
function withNodeId(message: string, path: ReadonlyArray<PropertyKey>, value: unknown): string {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number') return message;
  const nodes = (value as { nodes?: unknown[] }).nodes;
  const node = nodes?.[path[1]] as { id?: unknown } | undefined;
  return typeof node?.id === 'string' ? `${message} (node "${node.id}")` : message;
}

function checkFormatHeader(value: unknown, file: string, format: string, versions: readonly number[]): Problem | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { code: 'unsupported-format', file, message: `expected a JSON object with "format": "${format}"` };
  }
  const v = value as { format?: unknown; version?: unknown };
  if (v.format !== format) {
    return { code: 'unsupported-format', file, path: 'format', message: `expected "${format}", found ${JSON.stringify(v.format)}` };
  }
  if (!versions.includes(v.version as number)) {
    const known = versions.length === 1 ? `version ${versions[0]}` : `versions ${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1]}`;
    return {
      code: 'unsupported-format',
      file,
      path: 'version',
      message: `version ${JSON.stringify(v.version)} is not supported (this build reads ${known})`,
    };
  }
  return null;
}

function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, format: string): ParseResult<T> {
  const header = checkFormatHeader(value, file, format, format === MANIFEST_FORMAT ? MANIFEST_VERSIONS : GRAPH_VERSIONS);
  if (header) return { ok: false, problems: [header] };
  const result = schema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: schemaProblems(result.error, file, value) };
}

export function parseManifest(text: string, file = 'manifest.json'): ParseResult<Manifest> {
  const json = parseJson(text, file);
  return json.ok ? validate(Manifest, json.value, file, MANIFEST_FORMAT) : json;
}

export function parseGraph(text: string, file: string): ParseResult<SnapshotGraph> {
  const json = parseJson(text, file);
  return json.ok ? validateGraph(json.value, file) : json;
}

/** Zod over everything but the relations, which are checked by hand (see relation-check.ts). */
const GraphWithoutRelations = SnapshotGraphShape.omit({ relations: true }).extend({ relations: z.array(z.never()).max(0) });
/** Zod over the file's header only, when nodes and relations passed the hand-written checks. */
const GraphHeader = SnapshotGraphShape.omit({ nodes: true, relations: true }).extend({ nodes: z.array(z.never()).max(0), relations: z.array(z.never()).max(0) });

/** True when a version-1 file uses something only version 2 has (zod then says what and where). */
function claimsTooLittle(value: { version?: unknown }, nodes: unknown[], relations: unknown[]): boolean {
  if (typeof value.version !== 'number' || value.version >= INTEROP_GRAPH_VERSION) return false;
  return nodes.some((n) => versionTwoFeatureOfNode(n as never)) || relations.some((r) => versionTwoFeatureOfRelation(r as never));
}

/**
 * Validates a parsed graph file. The hand-written checks (node-check.ts, relation-check.ts)
 * accept exactly what zod accepts and are several times faster; whatever they reject goes
 * through zod, for its messages.
 */
export function validateGraph(value: unknown, file: string): ParseResult<SnapshotGraph> {
  const { nodes, relations } = (value ?? {}) as { nodes?: unknown; relations?: unknown };
  if (!Array.isArray(relations) || !relations.every(isValidRelation)) return validate(SnapshotGraph, value, file, SNAPSHOT_FORMAT);
  if (claimsTooLittle(value as object, Array.isArray(nodes) ? nodes : [], relations)) return validate(SnapshotGraph, value, file, SNAPSHOT_FORMAT);
  if (Array.isArray(nodes) && nodes.every(isValidNode)) {
    const header = validate(GraphHeader, { ...(value as object), nodes: [], relations: [] }, file, SNAPSHOT_FORMAT);
    return header.ok ? { ok: true, value: { ...header.value, nodes, relations } } : header;
  }
  const rest = validate(GraphWithoutRelations, { ...(value as object), relations: [] }, file, SNAPSHOT_FORMAT);
  return rest.ok ? { ok: true, value: { ...rest.value, relations } } : rest;
}
