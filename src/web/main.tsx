import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { languageReady } from './i18n/index.ts';
import { App } from './App.tsx';
import { createQueryClient } from './data/queryClient.ts';
import './styles.css';

const queryClient = createQueryClient();

// In English, the first render waits for the English strings (loaded on demand, i18n/english.ts); in Vietnamese it
// does not wait.
void languageReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
