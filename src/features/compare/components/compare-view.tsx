import type { ReactNode } from 'react';
import { displayName } from '../../../core/format/index.ts';
import type { ComparedModel, ComparisonView } from '../../../core/compare/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { downloadBlob } from '../../../lib/download.ts';
import { AppLink } from '../../../components/app-link.tsx';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { useComparison, useComparisonCsv } from '../api/compare-models.ts';
import { ModelPicker } from './model-picker.tsx';
import { MODEL_COLOURS, ScoreChart } from './score-chart.tsx';

interface Props {
  /** Ids from the URL (`compare=<id>,<id>`), in order. */
  ids: readonly string[];
  max: number;
  onChange(ids: string[]): void;
  hrefFor(id: string): string;
  onOpen(id: string): void;
}

/** Two to five models side by side: lineage, data, shared benchmarks, closest common ancestor. */
export function CompareView({ ids, max, onChange, hrefFor, onOpen }: Props) {
  const { t, lang } = useI18n();
  const comparison = useComparison(ids);
  const exportCsv = useComparisonCsv();
  const view = ids.length > 0 ? comparison.data : undefined;
  const names = new Map((view?.models ?? []).map((m) => [m.model.id, displayName(m.model, lang)]));
  const link = (node: ComparedModel['model']) => (
    <AppLink href={hrefFor(node.id)} onNavigate={() => onOpen(node.id)}>
      <NodeName node={node} />
    </AppLink>
  );

  return (
    <div className="compare">
      <header className="compare-head">
        <h2>{t('compareTitle')}</h2>
        <h3 id="compare-chosen">{t('compareChosen', { count: ids.length, max })}</h3>
        <ul className="chosen" aria-labelledby="compare-chosen">
          {ids.map((id, k) => (
            <li key={id}>
              <span className="swatch" style={{ background: MODEL_COLOURS[k] }} aria-hidden="true" /> {names.get(id) ?? id}{' '}
              <button type="button" onClick={() => onChange(ids.filter((x) => x !== id))} aria-label={t('compareRemove', { name: names.get(id) ?? id })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <ModelPicker chosen={ids} max={max} onAdd={(id) => onChange([...ids, id])} />
        {view && view.models.length >= 2 ? (
          <button
            type="button"
            onClick={() =>
              void exportCsv(ids, lang).then(({ text }) => downloadBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), `compare-${view.models.map((m) => m.model.id.replace(/[^A-Za-z0-9._-]+/g, '_')).join('__')}.csv`))
            }
          >
            {t('exportCsv')}
          </button>
        ) : null}
      </header>
      {comparison.isError ? (
        <p className="notice warn" role="alert">
          {String(comparison.error.message)}
        </p>
      ) : null}
      {view?.missing.length ? <p className="notice warn">{t('compareMissing', { ids: view.missing.join(', ') })}</p> : null}
      {view?.notModels.length ? <p className="notice warn">{t('compareNotModels', { ids: view.notModels.join(', ') })}</p> : null}
      {!view || view.models.length < 2 ? <p className="empty">{ids.length > 0 && !view ? t('loading') : t('compareNeedTwo')}</p> : <Comparison view={view} link={link} />}
    </div>
  );
}

function Comparison({ view, link }: { view: ComparisonView; link(node: ComparedModel['model']): ReactNode }) {
  const { t, lang } = useI18n();
  const { models } = view;
  return (
    <>
      <section aria-labelledby="compare-ancestor" data-testid="compare-ancestor">
        <h3 id="compare-ancestor">{t('compareAncestor')}</h3>
        {view.ancestor ? (
          <p>
            <KindBadge kind={view.ancestor.node.kind} /> <strong>{link(view.ancestor.node)}</strong> —{' '}
            {models.map((m, k) => t('compareAncestorHops', { name: displayName(m.model, lang), hops: view.ancestor!.hops[k]! })).join(', ')}
          </p>
        ) : (
          <p>{t('compareNoAncestor')}</p>
        )}
      </section>
      <section aria-labelledby="compare-chain">
        <h3 id="compare-chain">{t('compareChain')}</h3>
        <ModelColumns models={models}>
          {(m) => (
            <>
              <h4>{link(m.model)}</h4>
              <p className="muted">
                {[m.license, m.parameterCount ? t('compareParams', { count: Math.round(m.parameterCount / 1e8) / 10 }) : null, t('compareEvaluationCount', { count: m.evaluationCount })].filter(Boolean).join(' · ')}
              </p>
              {m.chain.length === 0 ? (
                <p className="muted">{t('compareChainNone')}</p>
              ) : (
                <ol className="chain">
                  {m.chain.map((s) => (
                    <li key={`${s.node.id}-${s.child}`} style={{ marginInlineStart: `${(s.hop - 1) * 0.75}rem` }}>
                      {link(s.node)}
                      {s.derivation ? <span className="subtype"> · {t('compareDerivation', { type: s.derivation })}</span> : null}
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
        </ModelColumns>
      </section>
      <section aria-labelledby="compare-data">
        <h3 id="compare-data">{t('compareData')}</h3>
        <ModelColumns models={models}>
          {(m) => (
            <>
              <h4>{displayName(m.model, lang)}</h4>
              {m.data.length === 0 ? (
                <p className="muted">{t('compareDataNone')}</p>
              ) : (
                <ul className="compare-data">
                  {m.data.map((d) => (
                    <li key={d.node.id}>
                      {link(d.node)}
                      <span className="muted">
                        {' '}
                        · {t('compareLicense')}: {d.license ?? '—'} · <span className={d.containsPhi ? 'phi-flag' : undefined}>{d.containsPhi === null ? `${t('comparePhi')}: ${t('comparePhiUnknown')}` : d.containsPhi ? t('comparePhiYes') : t('comparePhiNo')}</span>
                      </span>
                    </li>
                  ))}
                  {m.dataTotal > m.data.length ? <li className="more">{t('compareDataMore', { count: m.dataTotal - m.data.length })}</li> : null}
                </ul>
              )}
            </>
          )}
        </ModelColumns>
      </section>
      <section aria-labelledby="compare-evaluations" data-testid="compare-evaluations">
        <h3 id="compare-evaluations">{t('compareEvaluations')}</h3>
        {models.every((m) => m.evaluationCount === 0) ? (
          <p className="notice">{t('compareNoEvaluations')}</p>
        ) : view.shared.length === 0 ? (
          <p>{t('compareNoShared')}</p>
        ) : (
          <>
            <ScoreChart models={models} rows={view.shared} />
            <table className="compare-table">
              <thead>
                <tr>
                  <th scope="col">{t('compareBenchmark')}</th>
                  <th scope="col">{t('compareMetric')}</th>
                  {models.map((m) => (
                    <th scope="col" key={m.model.id}>
                      {displayName(m.model, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.shared.map((row) => (
                  <tr key={`${row.benchmark}-${row.metric}`}>
                    <th scope="row">{row.benchmark}</th>
                    <td>{row.metric}</td>
                    {row.values.map((v, k) => (
                      <td key={k}>{v ? (row.unit === '%' ? `${v.value}%` : v.value) : '—'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}

/** One column per compared model, edged in its chart colour. */
function ModelColumns({ models, children }: { models: readonly ComparedModel[]; children(m: ComparedModel): ReactNode }) {
  return (
    <div className="compare-columns" style={{ gridTemplateColumns: `repeat(${models.length}, minmax(13rem, 1fr))` }}>
      {models.map((m, k) => (
        <div key={m.model.id} className="compare-column" style={{ borderTopColor: MODEL_COLOURS[k] }}>
          {children(m)}
        </div>
      ))}
    </div>
  );
}
