import type { NodeKind } from '../../../core/format/index.ts';
import { valueText, type FieldChange, type NodeChange, type RelationChange } from '../../../core/diff/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { KindBadge } from '../../../components/kind-badge.tsx';
import { NodeName } from '../../../components/node-name.tsx';
import { AppLink } from '../../../components/app-link.tsx';

/** Longest value shown in a cell; the CSV has it whole. */
const SHOWN_CHARS = 240;

function Value({ value }: { value: FieldChange['before'] }) {
  const { t } = useI18n();
  if (value === undefined) return <span className="diff-absent">{t('diffAbsent')}</span>;
  const text = valueText(value);
  return <span className="diff-value">{text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text}</span>;
}

function Fields({ fields }: { fields: FieldChange[] }) {
  if (fields.length === 0) return null;
  return (
    <ul className="diff-fields">
      {fields.map((f) => (
        <li key={f.field}>
          <code>{f.field}</code>: <Value value={f.before} /> → <Value value={f.after} />
        </li>
      ))}
    </ul>
  );
}

interface LinkProps {
  /** Id of the node in the open snapshot, or null when it is only in the other one. */
  openId(c: NodeChange): string | null;
  hrefFor(id: string): string;
  onOpen(id: string): void;
}

export function NodeChangeTable({ changes, openId, hrefFor, onOpen }: { changes: NodeChange[] } & LinkProps) {
  const { t } = useI18n();
  return (
    <table className="impact-table diff-table" data-testid="diff-nodes">
      <thead>
        <tr>
          <th scope="col">{t('diffChange')}</th>
          <th scope="col">{t('kind')}</th>
          <th scope="col">{t('name')}</th>
          <th scope="col">{t('fields')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const id = openId(c);
          return (
            <tr key={`${c.change}:${c.node.id}`} data-change={c.change}>
              <td>{t(`change_${c.change}`)}</td>
              <td>
                <KindBadge kind={c.node.kind} />
              </td>
              <td>
                {id ? (
                  <AppLink href={hrefFor(id)} onNavigate={() => onOpen(id)}>
                    <NodeName node={c.node} />
                  </AppLink>
                ) : (
                  <NodeName node={c.node} />
                )}
                <div className="diff-id">
                  <code>{c.node.id}</code>
                  {c.previousId ? ` — ${t('diffWasId', { id: c.previousId })} (${t(c.renamedBy === 'alias' ? 'diffRenamedByAlias' : 'diffRenamedByHash')})` : ''}
                </div>
              </td>
              <td>
                <Fields fields={c.change === 'renamed' ? c.fields.slice(1) : c.fields} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function End({ end }: { end: RelationChange['from'] | null }) {
  const { t } = useI18n();
  if (!end) return <span className="diff-absent">{t('diffAbsent')}</span>;
  return (
    <>
      {end.kind ? <KindBadge kind={end.kind as NodeKind} /> : null} <code>{end.id}</code>
    </>
  );
}

export function RelationChangeTable({ changes }: { changes: RelationChange[] }) {
  const { t, lang } = useI18n();
  return (
    <table className="impact-table diff-table" data-testid="diff-relations">
      <thead>
        <tr>
          <th scope="col">{t('diffChange')}</th>
          <th scope="col">{t('diffRelation')}</th>
          <th scope="col">{t('diffFrom')}</th>
          <th scope="col">{t('diffTo')}</th>
          <th scope="col">{t('fields')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} data-change={c.change}>
            <td>{t(`change_${c.change}`)}</td>
            <td lang={lang === 'ja' ? 'en' : undefined}>
              {c.type}
              {c.subtype ? `/${c.subtype}` : ''}
              {c.role ? ` (${c.role})` : ''}
            </td>
            <td>
              <End end={c.from} />
            </td>
            <td>
              <End end={c.to} />
            </td>
            <td>
              <Fields fields={c.fields} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
