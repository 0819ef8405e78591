import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { AppLink } from '../../../components/app-link.tsx';
import type { Translate } from '../../../lib/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n-messages.ts';
import type { CheckReason, CheckResult } from '../../../workers/literature-session.ts';
import { UnavailableParts } from './unavailable-parts.tsx';
import type { Verdict } from '../../../core/check/index.ts';
import { HighlightedText } from './highlighted-text.tsx';
import type { LiteratureState } from '../api/use-literature.ts';

interface Props {
  pack: LiteratureState;
  /** An output node to check, from the lineage graph. */
  nodeId: string | null;
  hrefFor(id: string): string;
  onOpenNode(id: string): void;
}

const VERDICT_LABEL: Record<Verdict, MessageKey> = {
  supported: 'checkSupported',
  contradicted: 'checkContradicted',
  'no-close-support': 'checkUnsupported',
  'not-checkable': 'checkNotCheckable',
};

const REASON_TEXT: Record<CheckReason['kind'], MessageKey> = {
  quantity: 'checkReasonQuantity',
  route: 'checkReasonRoute',
  polarity: 'checkReasonPolarity',
  direction: 'checkReasonDirection',
  population: 'checkReasonPopulation',
  model: 'checkReasonModel',
};

const VARIABLE_NAME: Record<string, MessageKey> = {
  dose: 'checkVar_dose',
  frequency: 'checkVar_frequency',
  egfr: 'checkVar_egfr',
  crcl: 'checkVar_crcl',
  creatinine: 'checkVar_creatinine',
  age: 'checkVar_age',
  weight: 'checkVar_weight',
};

function reasonText(r: CheckReason, t: Translate): string {
  return t(REASON_TEXT[r.kind], { variable: t(VARIABLE_NAME[r.variable ?? ''] ?? 'checkVar_other') });
}

function summary(result: CheckResult, t: Translate): string {
  const count = (v: Verdict) => result.sentences.filter((s) => s.verdict === v).length;
  const line = t('checkSummary', {
    total: result.sentences.length,
    supported: count('supported'),
    contradicted: count('contradicted'),
    unsupported: count('no-close-support'),
    unchecked: count('not-checkable'),
  });
  return result.entailmentModel ? `${line} (${t('checkEntailmentModel')})` : line;
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
        {check.isFetching ? t('checkRunning') : check.data ? summary(check.data, t) : ''}
      </p>
      {check.isError ? (
        <p className="notice warn" role="alert">
          {String(check.error.message)}
        </p>
      ) : null}
      {check.data ? <UnavailableParts parts={check.data.unavailable} testId="check-unavailable" /> : null}
      {check.data ? (
        <ol className="check-sentences">
          {check.data.sentences.map((s, i) => (
            <li key={i} className={`claim ${s.verdict}`} data-verdict={s.verdict}>
              <div className="claim-text">
                <span className="claim-mark">{t(VERDICT_LABEL[s.verdict])}</span> <HighlightedText text={s.text} highlights={s.marks} />{' '}
                <span className="hit-score">
                  {t('score')} {s.score.toFixed(3)} ({t('checkThreshold', { threshold: check.data!.threshold.toFixed(3) })})
                </span>
              </div>
              {s.verdict === 'contradicted' ? (
                <ul className="claim-reasons">
                  {s.reasons.map((r, k) => (
                    <li key={k}>{reasonText(r, t)}</li>
                  ))}
                </ul>
              ) : s.verdict === 'not-checkable' ? (
                <p className="claim-reasons">{t('checkNotCheckableWhy')}</p>
              ) : null}
              {s.verdict === 'not-checkable' ? null : (
                <ul className="evidence">
                  {s.evidence.map((e, k) => (
                    <li key={e.id} data-conflict={e.marks.length > 0 || undefined}>
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
                      <blockquote>
                        <HighlightedText text={e.closestSentence} highlights={e.marks} />
                      </blockquote>
                      {k === 0 && e.marks.length > 0 ? <p className="hit-meta">{t('checkConflictLegend')}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
