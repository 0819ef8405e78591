import { useEffect, useRef, useState } from 'react';
import { NODE_KINDS, displayName, type NodeKind } from '../../../core/format/index.ts';
import { ALL_CHANGES, CHANGE_TYPES, type ChangeType, type DiffFilter, type NodeChange } from '../../../core/diff/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useSnapshot } from '../../../lib/snapshot-context.tsx';
import { downloadBlob } from '../../../lib/download.ts';
import { KindFilter } from '../../../components/kind-filter.tsx';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { ClassificationBadge } from '../../../components/classification-badge.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { PassphraseForm } from '../../../components/passphrase-form.tsx';
import type { DiffOverview } from '../../../workers/diff-session.ts';
import { useCompare, useDiffCsv, useDiffOverview, useDiffPage } from '../api/use-diff.ts';
import { CompareForm } from './compare-form.tsx';
import { NodeChangeTable, RelationChangeTable } from './change-tables.tsx';

/** Rows of each table asked of the worker per page; the CSV always has all of them. */
const PAGE_ROWS = 200;

interface Props {
  hrefFor(id: string): string;
  onOpen(id: string): void;
}

interface ViewProps extends Props {
  /** The address compared with, from the link (so that a link restores the comparison). */
  compareUrl: string | null;
  onCompareUrlChange(url: string | null): void;
  /** The filters, from the link too (null: all node kinds / all kinds of change). */
  filter: DiffFilter;
  onFilterChange(filter: DiffFilter): void;
}

/** The open snapshot compared with another: what changed, filtered by kind, exported as CSV. */
export function DiffView({ hrefFor, onOpen, compareUrl, onCompareUrlChange, filter, onFilterChange }: ViewProps) {
  const { t } = useI18n();
  const { loaded } = useSnapshot();
  const overview = useDiffOverview();
  const compare = useCompare();
  const packRole = loaded?.pack?.role ?? null;
  // A link that names a comparison runs it once for each snapshot opened.
  const ran = useRef<string | null>(null);
  useEffect(() => {
    const key = `${loaded?.generation}|${compareUrl}`;
    if (!compareUrl || overview.data !== null || ran.current === key) return;
    ran.current = key;
    void compare.run(packRole ? { packUrl: compareUrl } : { url: compareUrl });
  }, [compareUrl, overview.data, loaded?.generation, packRole, compare]);
  return (
    <div className="impact diff">
      <header className="impact-head">
        <h2>{t('diffTitle')}</h2>
        <p>{packRole ? t('diffIntroPack', { role: packRole }) : t('diffIntro')}</p>
      </header>
      <CompareForm
        packRole={packRole}
        busy={compare.busy}
        initialUrl={compareUrl ?? ''}
        onCompare={(req) => {
          const url = 'url' in req ? req.url : 'packUrl' in req ? req.packUrl : null;
          ran.current = `${loaded?.generation}|${url}`; // run here, not again by the effect
          onCompareUrlChange(url);
          void compare.run(req);
        }}
      />
      {compare.busy ? (
        <p role="status" className="loading">
          <progress max={compare.progress?.total || 1} value={compare.progress?.done ?? 0} aria-label={t('loading')} /> {t('diffComparing', { label: phaseText(compare.progress?.label ?? '', t) })}
        </p>
      ) : null}
      {compare.passphrase && packRole ? (
        <PassphraseForm
          role={packRole}
          wrong={compare.passphrase.wrong}
          title={t('diffPassphraseTitle', { role: packRole, url: compare.passphrase.packUrl })}
          onSubmit={(passphrase) => void compare.run({ packUrl: compare.passphrase!.packUrl, passphrase })}
        />
      ) : null}
      {compare.error ? (
        <div className="banner error" role="alert" data-testid="diff-error">
          {t('diffFailed', { message: compare.error })}
        </div>
      ) : null}
      {overview.data ? (
        <DiffResult
          overview={overview.data}
          busy={compare.busy}
          onSwap={() => void compare.run('swap')}
          onClose={() => {
            onCompareUrlChange(null);
            onFilterChange(ALL_CHANGES);
            void compare.run('close');
          }}
          hrefFor={hrefFor}
          onOpen={onOpen}
          filter={filter}
          onFilterChange={onFilterChange}
        />
      ) : null}
    </div>
  );
}

/** The worker's progress label: a file being read, or a phase of the diff (core/diff PassProgress). */
function phaseText(label: string, t: ReturnType<typeof useI18n>['t']): string {
  const m = /^(nodes|relations)-(a|b)$/.exec(label);
  if (m) return t(m[1] === 'nodes' ? 'diffPhaseNodes' : 'diffPhaseRelations', { side: t(m[2] === 'a' ? 'diffSideEarlier' : 'diffSideLater') });
  return label === 'compare' ? t('diffPhaseFields') : label;
}

interface ResultProps extends Props {
  overview: DiffOverview;
  busy: boolean;
  onSwap(): void;
  onClose(): void;
  filter: DiffFilter;
  onFilterChange(filter: DiffFilter): void;
}

function DiffResult({ overview, busy, onSwap, onClose, hrefFor, onOpen, filter, onFilterChange }: ResultProps) {
  const { t, lang } = useI18n();
  const { kinds, changes } = filter;
  const setKinds = (k: NodeKind[] | null) => onFilterChange({ kinds: k, changes });
  const setChanges = (c: ChangeType[] | null) => onFilterChange({ kinds, changes: c });
  const [shown, setShown] = useState(PAGE_ROWS);
  const page = useDiffPage(overview, filter, shown);
  const exportCsv = useDiffCsv();
  const n = (x: number | undefined) => x ?? 0;
  const { a, b } = overview;
  // A link opens a node in the explorer when it is in the open snapshot.
  const openId = (c: NodeChange): string | null =>
    overview.openSide === 'b' ? (c.change === 'removed' ? null : c.node.id) : c.change === 'added' ? null : (c.previousId ?? c.node.id);
  const toggleChange = (c: ChangeType) => {
    const on = (x: ChangeType) => changes === null || changes.includes(x);
    const next = CHANGE_TYPES.filter((x) => (x === c ? !on(x) : on(x)));
    setChanges(next.length === CHANGE_TYPES.length ? null : next);
  };
  const filename = `diff-${a.id}-${b.id}.csv`.replace(/[^A-Za-z0-9._-]+/g, '_');
  const data = page.data;
  return (
    <section aria-labelledby="diff-summary-title">
      <h3 id="diff-summary-title">{t('diffSides', { a: a.id, aDate: a.createdAt, b: b.id, bDate: b.createdAt })}</h3>
      <p>{t('diffOpenSide', { side: overview.openSide === 'a' ? t('diffSideEarlier') : t('diffSideLater') })}</p>
      <div role="status" data-testid="diff-summary">
        <p>{t('diffSummaryNodes', { added: n(overview.nodes.added), removed: n(overview.nodes.removed), changed: n(overview.nodes.changed), renamed: n(overview.nodes.renamed), unchanged: overview.unchanged.nodes })}</p>
        <p>{t('diffSummaryRelations', { added: n(overview.relations.added), removed: n(overview.relations.removed), changed: n(overview.relations.changed), unchanged: overview.unchanged.relations })}</p>
      </div>
      <p className="diff-actions">
        <button type="button" onClick={onSwap} disabled={busy}>
          {t('diffSwap')}
        </button>{' '}
        <button type="button" onClick={() => void exportCsv(filter, lang).then(({ text }) => downloadBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), filename))}>
          {t('exportCsv')}
        </button>{' '}
        <button type="button" onClick={onClose} disabled={busy}>
          {t('diffClose')}
        </button>
      </p>
      {overview.reclassifiedCount > 0 ? (
        <>
          <h3>{t('diffReclassified', { count: overview.reclassifiedCount })}</h3>
          <ul className="diff-list" data-testid="diff-reclassified">
            {overview.reclassified.map((r) => (
              <li key={r.node.id}>
                <KindBadge kind={r.node.kind} /> <NodeName node={r.node} />: <ClassificationBadge value={r.before.classification} /> → <ClassificationBadge value={r.after.classification} />
                {r.becamePhi ? <strong className="diff-phi"> {t('diffBecamePhi')}</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {overview.newOutputs.length > 0 ? (
        <>
          <h3>{t('diffNewOutputs')}</h3>
          <ul className="diff-list" data-testid="diff-new-outputs">
            {overview.newOutputs.map((x) => (
              <li key={x.model.id}>
                {displayName(x.model, lang)}: {t('diffNewOutputCount', { count: x.count })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="impact-head">
        <KindFilter kinds={NODE_KINDS} selected={kinds} onChange={setKinds} counts={data?.countsByKind} />
        <fieldset className="kind-filter">
          <legend>{t('diffFilterChanges')}</legend>
          {CHANGE_TYPES.map((c) => (
            <label key={c} className="kind-toggle">
              <input type="checkbox" checked={changes === null || changes.includes(c)} onChange={() => toggleChange(c)} />
              {t(`change_${c}`)}
            </label>
          ))}
        </fieldset>
      </div>
      {data ? (
        <>
          <h3>{t('diffNodeChanges', { count: data.totalNodes })}</h3>
          {data.totalNodes === 0 ? <p className="empty">{t('diffNone')}</p> : <NodeChangeTable changes={data.nodes} openId={openId} hrefFor={hrefFor} onOpen={onOpen} />}
          <h3>{t('diffRelationChanges', { count: data.totalRelations })}</h3>
          {data.totalRelations === 0 ? <p className="empty">{t('diffNone')}</p> : <RelationChangeTable changes={data.relations} />}
          {Math.max(data.totalNodes - data.nodes.length, data.totalRelations - data.relations.length) > 0 ? (
            <p>
              <button type="button" onClick={() => setShown((x) => x + PAGE_ROWS)}>
                {t('showMore', { count: PAGE_ROWS, rest: data.totalNodes - data.nodes.length + data.totalRelations - data.relations.length })}
              </button>
            </p>
          ) : null}
        </>
      ) : (
        <p className="empty">{t('loading')}</p>
      )}
    </section>
  );
}
