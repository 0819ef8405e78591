import { useId, useRef } from 'react';
import { pickText } from '../../../core/format/index.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import type { Progress } from '../../../workers/rpc.ts';
import type { LoadSummary } from '../../../workers/snapshot-session.ts';
import { PackBadge } from './pack-badge.tsx';

interface Props {
  loaded: LoadSummary | null;
  loading: Progress | null;
  onFiles(files: File[]): void;
}

/** Title of the open snapshot, a progress line while loading, and a picker for local files. */
export function SnapshotControls({ loaded, loading, onFiles }: Props) {
  const { t, lang } = useI18n();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="snapshot-controls">
      <span className="snapshot-title" data-testid="snapshot-title">
        {loaded ? pickText(loaded.snapshot.title, lang) : t('noSnapshot')}
      </span>
      {loaded?.pack ? <PackBadge pack={loaded.pack} /> : null}
      {loading ? (
        <span className="loading" role="status">
          <progress max={loading.total || 1} value={loading.done} aria-label={t('loading')} /> {t('loadingSnapshot', { file: loading.label })}
        </span>
      ) : null}
      <label htmlFor={inputId} className="button file-button" title={t('loadSnapshotHelp')}>
        {t('loadSnapshot')}
      </label>
      <input
        id={inputId}
        ref={input}
        className="visually-hidden"
        type="file"
        multiple
        accept=".json,.ndjson,.jsonl,.md,.yaml,.yml,application/json"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length) onFiles(files);
          if (input.current) input.current.value = '';
        }}
      />
    </div>
  );
}
