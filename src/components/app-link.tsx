import type { ReactNode } from 'react';

interface Props {
  /** A real link (copyable, opens in a new tab with Ctrl/⌘/Shift-click). */
  href: string;
  /** In-app navigation for a plain click. */
  onNavigate(): void;
  className?: string;
  children: ReactNode;
  'aria-current'?: 'true';
}

/** A link to another view of the app: plain clicks stay in the page, modified clicks do what links do. */
export function AppLink({ href, onNavigate, children, ...rest }: Props) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onNavigate();
      }}
    >
      {children}
    </a>
  );
}
