/**
 * Which Hub repo a model card describes. A README.md does not say; its folder does, when
 * the folder is named after a repo that a Hub or catalogue record of the same import names
 * (`cards/meditron-7B/README.md` beside a catalogue record with `id: meditron-7B` and
 * `parent_id: epfl-llm/meditron-7b` is that repo's card). Shared by the two Hugging Face
 * readers of one import.
 */
import type { ImportDraft } from '../import-draft.ts';

export class RepoNames {
  /** lower-case folder or catalogue name → repo id; null when two repos share the name. */
  private readonly byName = new Map<string, string | null>();

  add(name: string, repo: string): void {
    const key = name.toLowerCase();
    const had = this.byName.get(key);
    if (had === undefined) this.byName.set(key, repo);
    else if (had !== null && had.toLowerCase() !== repo.toLowerCase()) this.byName.set(key, null);
  }

  /** The repo named `name`, or null when none (or more than one) is. */
  find(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }
}

const shared = new WeakMap<ImportDraft, RepoNames>();

export function repoNamesOf(draft: ImportDraft): RepoNames {
  let names = shared.get(draft);
  if (!names) shared.set(draft, (names = new RepoNames()));
  return names;
}
