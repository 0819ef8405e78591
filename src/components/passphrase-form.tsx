import { useId, useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';

/**
 * Asks for a role's passphrase when its pack is encrypted (hosts without authentication):
 * the pack to open, or another pack of the role to compare with (`title`). The passphrase
 * goes to the worker, which derives the key; it is not stored anywhere.
 */
export function PassphraseForm({ role, wrong, title, onSubmit }: { role: string; wrong: boolean; title?: string; onSubmit(passphrase: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState('');
  return (
    <form
      className="banner passphrase"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (value) onSubmit(value);
        setValue('');
      }}
    >
      <strong id={`${id}-title`}>{title ?? t('passphraseTitle', { role })}</strong>
      {wrong ? (
        <p role="alert" className="error-text">
          {t('passphraseWrong')}
        </p>
      ) : null}
      <label htmlFor={id}>{t('passphraseLabel')}</label>{' '}
      <input id={id} type="password" autoComplete="current-password" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />{' '}
      <button type="submit">{t('passphraseOpen')}</button>
    </form>
  );
}
