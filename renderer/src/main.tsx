// Renderer entry: react-query, the API client, a hash router (works from app:// and from `lanyard serve`).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createClient } from './api/client';
import { ClientProvider } from './api/client-context';
import { isPermanent } from './api/api-error';
import { App } from './shell/app';
import './styles/base.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/forms.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Bad input or a missing session will not fix itself; a restarting core might.
      retry: (failures, error) => !isPermanent(error) && failures < 2,
      staleTime: 5_000,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('renderer/index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ClientProvider client={createClient()}>
        <HashRouter>
          <App />
        </HashRouter>
      </ClientProvider>
    </QueryClientProvider>
  </StrictMode>,
);
