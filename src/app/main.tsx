import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../lib/react-query.ts';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { App } from './app.tsx';
import { createSnapshotClient } from '../workers/clients.ts';
import './styles.css';

const queryClient = createQueryClient();
// Workers start before the first render, so their scripts load while React renders.
const snapshotClient = createSnapshotClient();

// Last line of defence: never a blank page, never a stack trace.
function Fatal() {
  return (
    <div role="alert" style={{ padding: '2rem', fontFamily: 'system-ui, sans-serif' }}>
      <h1>Raireki 来歴</h1>
      <p>The page failed to start. Reload it; if that does not help, tell your administrator.</p>
      <p lang="ja">ページを開始できませんでした。再読み込みしても解決しない場合は管理者にご連絡ください。</p>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary fallback={() => <Fatal />}>
      <QueryClientProvider client={queryClient}>
        <App client={snapshotClient} />
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
