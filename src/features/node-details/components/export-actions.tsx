import type { NodeKind } from '../../../core/format/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useExportNode, type ExportKind } from '../api/export-node.ts';

/** PROV-JSON of the node's up- or downstream (or of everything), and an ML-BOM of a model. */
export function ExportActions({ id, kind }: { id: string; kind: NodeKind }) {
  const { t } = useI18n();
  const exporter = useExportNode();
  const button = (k: ExportKind, label: string) => (
    <button type="button" disabled={exporter.isPending} onClick={() => exporter.mutate({ id, kind: k })} data-export={k}>
      {label}
    </button>
  );
  return (
    <section aria-labelledby="details-export" className="export-actions">
      <h3 id="details-export">{t('exportTitle')}</h3>
      <div className="actions">
        {kind === 'model' ? button('ml-bom', t('exportMlBom')) : null}
        {button('prov-up', t('exportProvUp'))}
        {button('prov-down', t('exportProvDown'))}
        {button('prov-all', t('exportProvAll'))}
      </div>
      {exporter.isError ? (
        <p className="notice warn" role="alert">
          {t('exportFailed', { message: exporter.error.message })}
        </p>
      ) : null}
    </section>
  );
}
