/**
 * Route-level code splitting: the back office, administration, metrics and the rarely used pages are separate
 * chunks, loaded when their address is opened. While a chunk loads, an announced "Loading the page…" stands in
 * (role=status); if it cannot be loaded (network lost, or a new version deployed meanwhile), a message with a reload
 * button replaces it instead of a blank page.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { englishReady } from './i18n/english.ts';

/**
 * A named export of a module loaded on demand, as a lazy component. In English it also waits for the English strings
 * of the areas the module brings (registered when it is evaluated, i18n/english.ts), so the page shows in one
 * language; if they cannot be loaded, the page shows with the Vietnamese strings.
 */
export function lazyNamed<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => {
    const m = await load();
    await englishReady().catch(() => undefined);
    return { default: m[name] as ComponentType<PropsOf<M[K]>> };
  });
}
type PropsOf<C> = C extends ComponentType<infer P> ? P : Record<string, never>;

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="page-loading">
      {t('common.loadingPage')}
    </p>
  );
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <div className="error-box" role="alert">
      <p>{t('common.loadFailed')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('common.reload')}
      </button>
    </div>
  );
}

class ChunkBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; resetKey: string }> {
  override state = { failed: false, resetKey: this.props.resetKey };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  /** Another address is another chance: the failure message goes when the reader navigates elsewhere. */
  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }
  override render() {
    return this.state.failed ? <LoadFailed /> : this.props.children;
  }
}

/**
 * Where a part of a page loaded on demand renders (a panel only some dossiers need: the rating, the remote
 * signing, the photo step …): an announced "Đang tải…" while its chunk comes — or nothing, for a part that shows
 * nothing until its own data says so (`quiet`) — and the failure message in its place if it cannot be loaded.
 */
export function LazyPanel({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  const { pathname } = useLocation();
  return (
    <ChunkBoundary resetKey={pathname}>
      <Suspense fallback={quiet ? null : <PanelLoading />}>{children}</Suspense>
    </ChunkBoundary>
  );
}

function PanelLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="page-loading">
      {t('common.loading')}
    </p>
  );
}

/** Where lazy pages render: the loading state while the chunk comes, the failure message if it does not (until the address changes). */
export function LazyArea({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <ChunkBoundary resetKey={pathname}>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </ChunkBoundary>
  );
}
