/**
 * Hugging Face model cards: the YAML front matter of a `README.md`. Cards are read as they
 * come and written at the end of the import, when the Hub and catalogue records read
 * beside them tell which repo each card's folder stands for (repo-names.ts).
 */
import { hfModelId } from '../identity.ts';
import type { FormatModule, FormatReader } from '../format-module.ts';
import type { ImportDraft } from '../import-draft.ts';
import { jsonPath, type SourcePlace } from '../import-report.ts';
import { readCardFields } from './card-fields.ts';
import { readFrontMatter } from './front-matter.ts';
import { emptyDescription } from './model-description.ts';
import { repoNamesOf } from './repo-names.ts';
import type { JsonObject } from '../json-values.ts';
import { writeModel } from './write-model.ts';

const FORMAT = 'hf-card' as const;

interface PendingCard {
  folder: string | null;
  card: JsonObject;
  lineOf: (key: string) => number;
  place: SourcePlace;
}

export const hfCardModule: FormatModule = {
  format: FORMAT,
  matchesText(path, head) {
    const name = path.split(/[\\/]/).pop() ?? '';
    if (/^readme(\.md)?$/i.test(name)) return true;
    return /\.(md|markdown)$/i.test(name) && /^(\uFEFF)?\s*---[ \t]*\r?\n/.test(head);
  },
  createReader(draft) {
    return new CardReader(draft);
  },
};

class CardReader implements FormatReader {
  private readonly pending: PendingCard[] = [];
  constructor(private readonly draft: ImportDraft) {}

  readText(text: string, place: SourcePlace): void {
    this.draft.count(FORMAT, 'records');
    const fm = readFrontMatter(text);
    switch (fm.kind) {
      case 'none':
        this.draft.issue('error', place, 'has no YAML front matter (a block between "---" lines at the top): nothing to import from this card', FORMAT);
        return;
      case 'unclosed':
        this.draft.issue('error', { ...place, line: fm.line }, 'the YAML front matter opened here is never closed by a "---" line; the card is left out', FORMAT);
        return;
      case 'error':
        this.draft.issue('error', { ...place, line: fm.line }, `the YAML front matter does not parse: ${fm.message}; the card is left out`, FORMAT);
        return;
      case 'not-a-map':
        this.draft.issue('error', { ...place, line: fm.line }, 'the YAML front matter is not a map of fields; the card is left out', FORMAT);
        return;
      case 'ok': {
        const parts = place.file.split(/[\\/]/);
        this.pending.push({ folder: parts.length > 1 ? parts[parts.length - 2]! : null, card: fm.value, lineOf: fm.lineOf, place });
      }
    }
  }

  finish(): void {
    const names = repoNamesOf(this.draft);
    for (const card of this.pending) {
      const repo = card.folder ? (names.find(card.folder) ?? card.folder) : null;
      const id = repo ? hfModelId(repo) : null;
      if (!repo || !id) {
        this.draft.issue('error', card.place, 'the card does not say which repo it describes, and its folder name is not a repo name; put it in a folder named after the repo', FORMAT);
        continue;
      }
      if (repo === card.folder && !names.find(card.folder)) {
        this.draft.issue('note', card.place, `the card does not name its repo; it is taken to be "${repo}", after its folder`, FORMAT);
      }
      const desc = emptyDescription(id, repo);
      desc.url = `https://huggingface.co/${repo}`;
      readCardFields(this.draft, desc, card.card, (key) => ({ ...card.place, line: card.lineOf(key), path: jsonPath(key) }), FORMAT);
      writeModel(this.draft, desc, `${FORMAT}:${card.place.file}`, FORMAT, card.place);
    }
  }
}
