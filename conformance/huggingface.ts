/**
 * Hugging Face model metadata (../shared/data/hf-model-cards-llm): the 1,008 catalogue
 * records of GGUF conversions (model_metadata.jsonl) and the 12 model cards
 * (cards/<name>/README.md) import, and the model tree's parent links are exactly the
 * sources' own `base_model` fields, counted here by a separate, simple reader:
 *
 * - each record: conversion `gguf:<id>` → each `base_model:` tag of the record;
 * - each record's `card_front_matter.base_model` (the parent's card): `hf:<parent_id>` → it;
 * - each card's `base_model`: the repo its manifest.yaml names as `parent_id` → it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ImportSession } from '../src/core/interop/import-session.ts';
import { hfCardModule, hfHubModule } from '../src/core/interop/huggingface/index.ts';
import type { ConformanceCheck, ConformanceRow } from './types.ts';

const key = (from: string, to: string): string => `${from} → ${to}`;
const hf = (repo: string): string => `hf:${repo.trim().toLowerCase()}`;

/** `base_model` of a front matter read line by line: `base_model: x` or a `- x` list under it. */
function frontMatterBases(yamlText: string): string[] {
  const lines = yamlText.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^base_model:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const inline = m[1]!.trim().replace(/^['"]|['"]$/g, '');
    if (inline && !inline.startsWith('[')) out.push(inline);
    else if (inline.startsWith('[')) out.push(...inline.slice(1, -1).split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean));
    else for (let j = i + 1; j < lines.length && /^\s*-\s+/.test(lines[j]!); j++) out.push(lines[j]!.replace(/^\s*-\s+/, '').trim().replace(/^['"]|['"]$/g, ''));
  }
  return out;
}

export const checkHuggingFace: ConformanceCheck = async (dataDir) => {
  const base = join(dataDir, 'hf-model-cards-llm');
  const jsonl = readFileSync(join(base, 'model_metadata.jsonl'), 'utf8');
  const cardDirs = readdirSync(join(base, 'cards')).filter((d) => existsSync(join(base, 'cards', d, 'README.md'))).sort();

  // ── expected, from the raw files ──
  const expected = new Set<string>();
  const lines = jsonl.split('\n').filter((l) => l.trim());
  for (const line of lines) {
    const r = JSON.parse(line) as { id: string; parent_id: string; tags: string[]; card_front_matter_yaml: string | null };
    for (const t of r.tags) if (t.startsWith('base_model:')) expected.add(key(`gguf:${r.id.toLowerCase()}`, hf(t.slice('base_model:'.length))));
    if (r.card_front_matter_yaml) for (const b of frontMatterBases(r.card_front_matter_yaml)) if (hf(b) !== hf(r.parent_id)) expected.add(key(hf(r.parent_id), hf(b)));
  }
  for (const dir of cardDirs) {
    const manifest = readFileSync(join(base, 'cards', dir, 'manifest.yaml'), 'utf8');
    const parent = /^parent_id:\s*(\S+)/m.exec(manifest)?.[1];
    const readme = readFileSync(join(base, 'cards', dir, 'README.md'), 'utf8');
    const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readme)?.[1] ?? '';
    if (parent) for (const b of frontMatterBases(fm)) expected.add(key(hf(parent), hf(b)));
  }

  // ── imported ──
  const session = new ImportSession([hfHubModule, hfCardModule]);
  session.addFile('model_metadata.jsonl', jsonl);
  for (const dir of cardDirs) session.addFile(`cards/${dir}/README.md`, readFileSync(join(base, 'cards', dir, 'README.md'), 'utf8'));
  const { nodes, relations, report } = session.finish();
  const kinds = new Map(nodes.map((n) => [n.id, n.kind]));
  const actual = new Set(
    relations.filter((r) => r.type === 'wasDerivedFrom' && kinds.get(r.from) === 'model' && kinds.get(r.to!) === 'model').map((r) => key(r.from, r.to!)),
  );

  const failures: string[] = [];
  const missing = [...expected].filter((k) => !actual.has(k));
  const extra = [...actual].filter((k) => !expected.has(k));
  if (missing.length) failures.push(`${missing.length} base_model links of the sources are not in the model tree, e.g. ${missing.slice(0, 5).join('; ')}`);
  if (extra.length) failures.push(`${extra.length} model tree links are no source's base_model, e.g. ${extra.slice(0, 5).join('; ')}`);
  const conversions = nodes.filter((n) => n.kind === 'model' && n.id.startsWith('gguf:')).length;
  if (conversions !== lines.length) failures.push(`model_metadata.jsonl: ${lines.length} records but ${conversions} conversion models`);
  const bad = (format: string) => report.issues.filter((i) => i.format === format && i.severity !== 'note');
  for (const i of bad('hf-hub').filter((i) => i.severity === 'error')) failures.push(`model_metadata.jsonl:${i.line ?? '?'}: ${i.message}`);
  for (const i of bad('hf-card').filter((i) => i.severity === 'error')) failures.push(`${i.file}: ${i.message}`);
  const cardsRead = report.formats['hf-card']?.records ?? 0;
  if (cardsRead !== cardDirs.length) failures.push(`${cardDirs.length} cards but ${cardsRead} read`);
  const recordsRead = report.formats['hf-hub']?.records ?? 0;
  if (recordsRead !== lines.length) failures.push(`${lines.length} records but ${recordsRead} read`);

  const rows: ConformanceRow[] = [
    {
      set: 'hf-model-cards-llm/model_metadata.jsonl',
      files: 1,
      records: recordsRead,
      unmapped: bad('hf-hub').length,
      failures: failures.filter((f) => !f.startsWith('cards/') && !f.includes(' cards but ')),
      checked: `${conversions} conversions; model tree ${actual.size} links = ${expected.size} base_model fields counted from the raw lines`,
    },
    {
      set: 'hf-model-cards-llm/cards',
      files: cardDirs.length,
      records: cardsRead,
      unmapped: bad('hf-card').length,
      failures: failures.filter((f) => f.startsWith('cards/') || f.includes(' cards but ')),
      checked: 'front matter of each README.md imports as its repo (from manifest.yaml parent_id)',
    },
  ];
  return rows;
};
