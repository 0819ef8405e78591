import { useId, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n.tsx';

interface Props {
  /** The open pack's role: the other side must be a pack of that role, named by its folder. */
  packRole: string | null;
  busy: boolean;
  initialUrl: string;
  onCompare(req: { url: string } | { files: File[] } | { packUrl: string }): void;
}

/** Where the earlier snapshot comes from: an address on this site, or files chosen here. */
export function CompareForm({ packRole, busy, initialUrl, onCompare }: Props) {
  const { t } = useI18n();
  const urlId = useId();
  const filesId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState(initialUrl);
  return (
    <form
      className="compare-form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = url.trim();
        if (value) onCompare(packRole ? { packUrl: value } : { url: value });
      }}
    >
      <label htmlFor={urlId}>{packRole ? t('diffOtherPackUrl') : t('diffOtherUrl')}</label>
      <span className="compare-row">
        <input id={urlId} type="text" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} autoComplete="off" />
        <button type="submit" disabled={busy || !url.trim()}>
          {t('diffCompare')}
        </button>
        {packRole ? null : (
          <>
            <label htmlFor={filesId} className="button file-button" title={t('diffChooseFilesHelp')}>
              {t('diffChooseFiles')}
            </label>
            <input
              id={filesId}
              ref={input}
              data-testid="diff-files"
              className="visually-hidden"
              type="file"
              multiple
              accept=".json,application/json"
              disabled={busy}
              onChange={(e) => {
                const files = [...(e.target.files ?? [])];
                if (files.length) onCompare({ files });
                if (input.current) input.current.value = '';
              }}
            />
          </>
        )}
      </span>
    </form>
  );
}
