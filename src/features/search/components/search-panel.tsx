import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n.tsx';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { useSearchNodes, useSearchSnippets } from '../api/search-nodes.ts';
import { AppLink } from '../../../components/app-link.tsx';

interface Props {
  query: string;
  onQueryChange(query: string): void;
  onPick(id: string): void;
  /** Link target for a result, so it can be opened in a new tab or copied. */
  hrefFor(id: string): string;
  activeId: string | null;
}

/** Debounce keystrokes: the worker answers in milliseconds, but not every keystroke needs asking. */
const DEBOUNCE_MS = 120;

export function SearchPanel({ query, onQueryChange, onPick, hrefFor, activeId }: Props) {
  const { t } = useI18n();
  const inputId = useId();
  const [text, setText] = useState(query);
  const [debounced, setDebounced] = useState(query);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => setText(query), [query]);
  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(text);
      if (text !== query) onQueryChange(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, onQueryChange]);

  // "/" jumps to the search box from anywhere, as in most search-heavy tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && !(target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
        e.preventDefault();
        inputRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const results = useSearchNodes(debounced);
  const hits = debounced.trim() ? (results.data ?? []) : [];
  const snippets = useSearchSnippets(
    debounced,
    hits.filter((h) => h.snippet === null).map((h) => h.node.id),
  );

  return (
    <section className="search-panel" aria-labelledby={`${inputId}-label`}>
      <label id={`${inputId}-label`} htmlFor={inputId} className="search-label">
        {t('searchLabel')}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        type="search"
        value={text}
        placeholder={t('searchPlaceholder')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && hits[0]) onPick(hits[0].node.id);
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="search-status" role="status" aria-live="polite">
        {debounced.trim() && results.isSuccess ? (hits.length ? t('resultCount', { count: hits.length }) : t('noResults', { query: debounced })) : ''}
      </div>
      {debounced.trim() && results.isError ? (
        // e.g. the search core of a binary snapshot was refused: say which file, the graph stays usable.
        <p className="notice warn" role="alert" data-testid="search-error">
          {String(results.error.message)}
        </p>
      ) : null}
      {hits.length > 0 ? (
        // While a new query runs, the last query's hits stay (keepPreviousData): the list says
        // it is being updated, and names the query its hits answer only once they do.
        <ol
          className="search-results"
          aria-label={t('searchResults')}
          aria-busy={results.isPlaceholderData ? true : undefined}
          data-query={results.isPlaceholderData ? undefined : debounced}
        >
          {hits.map((hit) => (
            <li key={hit.node.id}>
              <AppLink
                href={hrefFor(hit.node.id)}
                className={hit.node.id === activeId ? 'result active' : 'result'}
                aria-current={hit.node.id === activeId ? 'true' : undefined}
                onNavigate={() => onPick(hit.node.id)}
              >
                <span className="result-head">
                  <KindBadge kind={hit.node.kind} />
                  <span className="result-name">
                    <NodeName node={hit.node} />
                  </span>
                </span>
                <ResultSnippet text={hit.snippet ?? snippets.data?.[hit.node.id]?.snippet} />
              </AppLink>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function ResultSnippet({ text }: { text: string | null | undefined }) {
  return text ? <span className="result-snippet">{text}</span> : null;
}
