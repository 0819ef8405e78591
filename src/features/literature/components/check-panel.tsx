import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { AppLink } from '../../../components/app-link.tsx';
import type { CheckResult } from '../../../workers/literature-session.ts';
import type { LiteratureState } from '../api/use-literature.ts';

interface Props {
  pack: LiteratureState;
  /** An output node to check, from the lineage graph. */
  nodeId: string | null;
  hrefFor(id: string): string;
  onOpenNode(id: string): void;
}

/**
 * "Is this answer backed by the literature?": each sentence of an LLM output (or pasted
 * text) beside its closest evidence, with a support score; sentences with no close
 * support are marked.
 */
export function CheckPanel({ pack, nodeId, hrefFor, onOpenNode }: Props) {
  const { t } = useI18n();
  const id = useId();
  const snapshot = useSnapshot();
  const [text, setText] = useState('');
  const [submitted, setSubmitted] = useState('');

  // Text of the output node named in the link, from the snapshot worker.
  const node = useQuery({
    queryKey: ['details', snapshot.loaded?.generation ?? 0, nodeId],
    queryFn: () => snapshot.client.call('details', { id: nodeId! }),
    enabled: !!snapshot.loaded && !!nodeId,
  });
  const nodeText = node.data?.node && 'text' in node.data.node ? (node.data.node.text ?? '') : '';
  useEffect(() => {
    if (nodeText) {
      setText(nodeText);
      setSubmitted(nodeText);
    }
  }, [nodeText]);

  const check = useQuery<CheckResult>({
    queryKey: ['check', pack.source, pack.summary?.docCount ?? 0, submitted],
    queryFn: () => pack.client!.call('check', { text: submitted }),
    enabled: !!pack.client && !!pack.summary && submitted.trim().length > 0,
  });

  return (
    <section className="check" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('checkTitle')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(text);
        }}
      >
        <label htmlFor={`${id}-text`}>{t('checkLabel')}</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={!text.trim()}>
          {t('checkRun')}
        </button>
      </form>
      <p role="status" className="search-status" data-testid="check-status">
        {check.isFetching ? t('checkRunning') : check.data ? t('checkSummary', { supported: check.data.sentences.filter((s) => s.supported).length, total: check.data.sentences.length }) : ''}
      </p>
      {check.isError ? (
        <p className="notice warn" role="alert">
          {String(check.error.message)}
        </p>
      ) : null}
      {check.data ? (
        <ol className="check-sentences">
          {check.data.sentences.map((s, i) => (
            <li key={i} className={s.supported ? 'claim supported' : 'claim unsupported'} data-supported={s.supported}>
              <div className="claim-text">
                <span className="claim-mark">{s.supported ? t('checkSupported') : t('checkUnsupported')}</span> {s.text}{' '}
                <span className="hit-score">
                  {t('score')} {s.score.toFixed(3)} ({t('checkThreshold', { threshold: check.data!.threshold.toFixed(3) })})
                </span>
              </div>
              <ul className="evidence">
                {s.evidence.map((e) => (
                  <li key={e.id}>
                    <strong>{e.title}</strong> <span className="hit-score">{e.score.toFixed(3)}</span>
                    <span className="hit-meta">
                      {' '}
                      {[e.source, e.year].filter(Boolean).join(' · ')}
                      {e.node ? (
                        <>
                          {' · '}
                          <AppLink href={hrefFor(e.node)} onNavigate={() => onOpenNode(e.node!)}>
                            {t('openInGraph')}
                          </AppLink>
                        </>
                      ) : null}
                    </span>
                    <blockquote>{e.closestSentence}</blockquote>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
