import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../../lib/i18n.tsx';
import { AppLink } from '../../../components/app-link.tsx';
import type { Progress } from '../../../workers/rpc.ts';
import { useLiteraturePack, useLiteratureSearch } from '../api/use-literature.ts';
import { HighlightedText } from './highlighted-text.tsx';
import { CheckPanel } from './check-panel.tsx';
import { UnavailableParts } from './unavailable-parts.tsx';

interface Props {
  query: string;
  /** Output node whose text to check against the literature. */
  checkNode: string | null;
  onQueryChange(query: string): void;
  hrefFor(id: string): string;
  onOpenNode(id: string): void;
}

const DEBOUNCE_MS = 200;

/**
 * Literature search by keywords and by meaning. The embedding model is loaded when the
 * first semantic query is made; without it (or if it fails) keyword search still works.
 */
export function LiteratureView({ query, checkNode, onQueryChange, hrefFor, onOpenNode }: Props) {
  const { t } = useI18n();
  const id = useId();
  const pack = useLiteraturePack();
  const [text, setText] = useState(query);
  const [semantic, setSemantic] = useState(true);
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => text !== query && onQueryChange(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, onQueryChange]);

  const results = useLiteratureSearch(pack, query, semantic, setProgress);
  const data = results.data;

  return (
    <section className="literature" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('literatureTitle')}</h2>
      {pack.error ? (
        <p className="notice warn" role="alert">
          {t('literatureUnavailable')} <code>{pack.error}</code>
        </p>
      ) : null}
      {pack.notInPack ? (
        <p className="notice" role="status" data-testid="literature-not-in-pack">
          {t('literatureNotInPack')}
        </p>
      ) : null}
      <div className="literature-controls">
        <label htmlFor={`${id}-q`}>{t('literatureSearch')}</label>
        <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('literaturePlaceholder')} />
        <label className="inline">
          <input type="checkbox" checked={semantic} onChange={(e) => setSemantic(e.target.checked)} /> {t('literatureSemantic')}
        </label>
      </div>
      <p className="search-status" role="status" aria-live="polite" data-testid="literature-status">
        {!pack.summary && !pack.error && !pack.notInPack
          ? t('loading')
          : progress
            ? t('literatureModelLoading')
            : data
              ? `${t('resultCount', { count: data.hits.length })} · ${data.semantic ? t('literatureHybrid', { model: pack.summary?.model ?? '' }) : t('literatureKeywordOnly')}`
              : pack.summary
                ? t('literatureReady', { count: pack.summary.docCount })
                : ''}
      </p>
      {data?.modelError ? (
        <p className="notice warn" role="alert" data-testid="model-error">
          {t('literatureModelFailed')} <code>{data.modelError}</code>
        </p>
      ) : null}
      {data ? <UnavailableParts parts={data.unavailable} testId="literature-unavailable" /> : null}
      {data?.hits.length && data.translations.length ? (
        <p className="notice" data-testid="literature-translations">
          {t('literatureTranslated', { terms: data.translations.map((x) => `${x.from} → ${x.to}`).join(', ') })}
        </p>
      ) : null}
      {data?.hits.length ? (
        <ol className="literature-results" aria-label={t('literatureResults')}>
          {data.hits.map((hit) => (
            <li key={hit.id} className="literature-hit">
              <div className="hit-head">
                <strong className="hit-title">{hit.title}</strong>
                <span className="hit-score" title={hit.parts.map((p) => p.toFixed(3)).join(' / ')}>
                  {t('score')} {hit.score.toFixed(3)}
                </span>
              </div>
              <div className="hit-meta">
                {[hit.source, hit.year].filter(Boolean).join(' · ')}
                {hit.node ? (
                  <>
                    {' · '}
                    <AppLink href={hrefFor(hit.node)} onNavigate={() => onOpenNode(hit.node!)}>
                      {t('openInGraph')}
                    </AppLink>
                  </>
                ) : null}
              </div>
              <p className="hit-passage">
                <HighlightedText text={hit.passage.text} highlights={hit.passage.highlights} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      <CheckPanel pack={pack} nodeId={checkNode} hrefFor={hrefFor} onOpenNode={onOpenNode} />
    </section>
  );
}
