import type { ColumnLineage } from '../../../core/format/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { AppLink } from '../../../components/app-link.tsx';

/** OpenLineage column lineage of a dataset: each column and the input columns it was made from. */
export function ColumnLineageTable({ lineage, hrefFor, onNavigate }: { lineage: readonly ColumnLineage[]; hrefFor(id: string): string; onNavigate(id: string): void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="details-columns">
      <h3 id="details-columns">{t('columnLineage')}</h3>
      <table className="column-lineage" data-testid="column-lineage">
        <thead>
          <tr>
            <th scope="col">{t('columnOutput')}</th>
            <th scope="col">{t('columnInputs')}</th>
          </tr>
        </thead>
        <tbody>
          {lineage.map((c) => (
            <tr key={c.field}>
              <th scope="row">{c.field}</th>
              <td>
                <ul>
                  {c.inputs.map((i, k) => (
                    <li key={k}>
                      <AppLink href={hrefFor(i.dataset)} onNavigate={() => onNavigate(i.dataset)}>
                        {i.dataset}
                      </AppLink>{' '}
                      <code>{i.field}</code>
                      {i.transformation ? <span className="subtype"> · {i.transformation}</span> : null}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
