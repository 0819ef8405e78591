import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Rendered instead of the children after a failure; gets a reset function. */
  fallback: (reset: () => void, error: Error) => ReactNode;
  children: ReactNode;
  /** Changing this key clears the error (e.g. a new focused node). */
  resetKey?: unknown;
}

/**
 * Keeps a failure in one panel from blanking the whole page: the rest of the app, and
 * the loaded snapshot, stay usable. No stack trace is shown to the user.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('panel failed', error, info.componentStack);
  }

  override render() {
    return this.state.error ? this.props.fallback(() => this.setState({ error: null }), this.state.error) : this.props.children;
  }
}
