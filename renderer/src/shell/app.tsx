// The app shell: brand, navigation and the current page. It owns the readiness marker the e2e tests wait on:
// data-app-state is "loading" until the first app.info answers, then "ready" (or "error" if the core is unreachable).
import { useRef, type MouseEvent } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAppInfo } from '../api/queries';
import { CoreLostBanner, CoreUnreachable } from './core-unreachable';
import { pages } from './page-table';
import { Sidebar } from './sidebar';
import { useSidebarCollapsed } from './sidebar-state';
import { SetupPage } from '../setup/setup-page';
import { EvidencePage } from '../pages/offboarding/evidence-page';
import { CampaignPage } from '../pages/reviews/campaign-page';
import { ReportPage } from '../pages/reviews/report-page';

export const App = () => {
  const info = useAppInfo();
  const main = useRef<HTMLElement>(null);
  const state = info.data ? 'ready' : info.error ? 'error' : 'loading';
  const sidebar = useSidebarCollapsed();

  // The hash router owns location.hash, so the skip link moves focus itself instead of navigating to #main.
  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    main.current?.focus();
  };

  return (
    <div
      className="app"
      data-app-state={state}
      data-sidebar={sidebar.collapsed ? 'collapsed' : 'expanded'}
      aria-busy={state === 'loading'}
    >
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <Sidebar version={info.data?.version} collapsed={sidebar.collapsed} onToggle={sidebar.toggle} />
      <main id="main" className="main" ref={main} tabIndex={-1}>
        {state === 'error' && info.error ? (
          <CoreUnreachable
            error={info.error}
            onRetry={() => void info.refetch()}
            retrying={info.isFetching}
          />
        ) : (
          <>
            {state === 'ready' ? <CoreLostBanner /> : null}
            <Routes>
              {pages.map(({ path, Component }) => (
                <Route key={path} path={path} element={<Component />} />
              ))}
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/offboarding/:caseId/evidence" element={<EvidencePage />} />
              <Route path="/reviews/:campaignId" element={<CampaignPage />} />
              <Route path="/reviews/:campaignId/report" element={<ReportPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </>
        )}
      </main>
    </div>
  );
};
