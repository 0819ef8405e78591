import { displayName, pickText } from '../../../core/format/index.ts';
import type { NeighbourGroup } from '../../../core/view/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n-messages.ts';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { ClassificationBadge } from '../../../components/classification-badge.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { useNodeDetails } from '../api/get-node-details.ts';
import { fieldRows } from '../field-rows.ts';
import { AppLink } from '../../../components/app-link.tsx';
import { ExportActions } from './export-actions.tsx';
import { ColumnLineageTable } from './column-lineage.tsx';
import { UnlearningPanels } from './unlearning-panel.tsx';

interface Props {
  id: string | null;
  focus: string | null;
  pathTo: string | null;
  hrefFor(id: string): string;
  onNavigate(id: string): void;
  onExpand(id: string): void;
  onPath(to: string | null): void;
  /** Check an output's text against the literature. */
  onCheck(id: string): void;
  /** Add a model to the model comparison. */
  onCompare(id: string): void;
}

/** Fields shown in the header or a section of their own rather than in the table. */
const HEADER_FIELDS = new Set(['kind', 'name', 'columnLineage', 'unlearning']);

export function DetailsPanel({ id, focus, pathTo, hrefFor, onNavigate, onExpand, onPath, onCheck, onCompare }: Props) {
  const { t, lang } = useI18n();
  const details = useNodeDetails(id);
  if (!id) return <p className="empty">{t('noSelection')}</p>;
  if (details.isPending) return <p className="empty">{t('loading')}</p>;
  if (details.isError) {
    return (
      <p className="notice warn" role="alert" data-testid="details-error">
        {String(details.error.message)}
      </p>
    );
  }
  if (!details.data) return <p className="notice warn">{t('unknownNode', { id })}</p>;
  const { node, file, groups } = details.data;
  const description = pickText(node.description, lang);

  return (
    <article className="details" aria-labelledby="details-title">
      <header>
        <KindBadge kind={node.kind} /> <ClassificationBadge value={node.classification} />
        <h2 id="details-title">{displayName(node, lang)}</h2>
        {description ? <p className="description">{description}</p> : null}
        <div className="actions">
          {id !== focus ? (
            <AppLink href={hrefFor(id)} className="button" onNavigate={() => onNavigate(id)}>
              {t('focus')}
            </AppLink>
          ) : null}
          <button type="button" onClick={() => onExpand(id)}>
            {t('expand')}
          </button>
          {focus && id !== focus ? (
            <button type="button" onClick={() => onPath(id)}>
              {t('pathFromFocus')}
            </button>
          ) : null}
          {(node.kind === 'output' || node.kind === 'prompt') && node.text ? (
            <button type="button" onClick={() => onCheck(id)}>
              {t('checkAgainstLiterature')}
            </button>
          ) : null}
          {node.kind === 'model' ? (
            <button type="button" onClick={() => onCompare(id)}>
              {t('addToComparison')}
            </button>
          ) : null}
          {pathTo ? (
            <button type="button" onClick={() => onPath(null)}>
              {t('clearPath')}
            </button>
          ) : null}
        </div>
      </header>
      {node.kind === 'model' || (node.kind === 'activity' && node.subtype === 'unlearning') ? <UnlearningPanels id={id} hrefFor={hrefFor} onNavigate={onNavigate} /> : null}
      <section aria-labelledby="details-neighbours">
        <h3 id="details-neighbours">{t('neighbours')}</h3>
        {groups.map((g) => (
          <NeighbourList key={`${g.type}-${g.direction}`} group={g} hrefFor={hrefFor} onNavigate={onNavigate} />
        ))}
      </section>
      {node.kind === 'dataset' && node.columnLineage?.length ? <ColumnLineageTable lineage={node.columnLineage} hrefFor={hrefFor} onNavigate={onNavigate} /> : null}
      <section aria-labelledby="details-fields">
        <h3 id="details-fields">{t('fields')}</h3>
        <dl className="fields">
          {fieldRows(node)
            .filter((r) => !HEADER_FIELDS.has(r.key.replace(/[[.].*$/, '')))
            .map((r) => (
              <div key={r.key} className="field">
                <dt>{r.key}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          <div className="field">
            <dt>file</dt>
            <dd>{file}</dd>
          </div>
        </dl>
      </section>
      <ExportActions id={id} kind={node.kind} />
    </article>
  );
}

function NeighbourList({ group, hrefFor, onNavigate }: { group: NeighbourGroup; hrefFor(id: string): string; onNavigate(id: string): void }) {
  const { t } = useI18n();
  const title = t(`rel_${group.direction}_${group.type}` as MessageKey);
  return (
    <div className="neighbour-group" data-relation={`${group.direction}:${group.type}`}>
      <h4>
        {title} <span className="count">({group.total})</span>
      </h4>
      <ul>
        {group.items.map((item) => (
          <li key={item.id}>
            <KindBadge kind={item.kind} />{' '}
            <AppLink href={hrefFor(item.id)} onNavigate={() => onNavigate(item.id)}>
              <NodeName node={item} />
            </AppLink>
            {item.derivation ? <span className="subtype"> · {item.derivation}</span> : null}
          </li>
        ))}
        {group.total > group.items.length ? <li className="more">… +{group.total - group.items.length}</li> : null}
      </ul>
    </div>
  );
}
