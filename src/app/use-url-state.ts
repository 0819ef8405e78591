import { useCallback, useEffect, useState } from 'react';
import { parseViewState, serializeViewState, type ViewState } from '../lib/view-state.ts';

export interface UrlState {
  state: ViewState;
  /** Changes the view; `push` adds a history entry (a new focus), otherwise the entry is replaced. */
  update(patch: Partial<ViewState>, opts?: { push?: boolean }): void;
  /** Link to a view, relative to the page: keeps the app's sub-path. */
  href(patch: Partial<ViewState>): string;
}

export function useUrlState(): UrlState {
  const [state, setState] = useState<ViewState>(() => parseViewState(window.location.search));

  useEffect(() => {
    const onPop = () => setState(parseViewState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const href = useCallback(
    (patch: Partial<ViewState>) => {
      const query = serializeViewState({ ...state, ...patch });
      return query || window.location.pathname;
    },
    [state],
  );

  const update = useCallback((patch: Partial<ViewState>, opts?: { push?: boolean }) => {
    setState((prev) => {
      const next = { ...prev, ...patch };
      const url = serializeViewState(next) || window.location.pathname;
      if (opts?.push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      return next;
    });
  }, []);

  return { state, update, href };
}
