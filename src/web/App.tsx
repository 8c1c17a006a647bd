import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProcedurePage } from './pages/ProcedurePage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SessionProvider } from './session.tsx';

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="thu-tuc" element={<SearchPage />} />
          <Route path="thu-tuc/:code" element={<ProcedurePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
