import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { DraftPage } from './journey/DraftPage.tsx';
import { ConfirmationPage, DossierDetailPage, LookupPage, MyDossiersPage } from './journey/DossierPages.tsx';
import { StartPage } from './journey/StartPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ProcedurePage } from './pages/ProcedurePage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { StorePage } from './store/StorePage.tsx';
import { VerifyFilePage, VerifyResultPage } from './verify/VerifyPages.tsx';
import { SessionProvider } from './session.tsx';
import { PaymentResultPage } from './payments/PaymentResultPage.tsx';
import { adminRoutes } from './admin/routes.tsx';
import { StaffShell } from './staff/StaffLayout.tsx';
import { staffRoutes } from './staff/routes.tsx';
import { metricsRoutes } from './metrics/routes.tsx';
import { CounterScreenPage } from './public-metrics/CounterScreenPage.tsx';
import { PublicMonthlyPage } from './public-metrics/PublicMonthlyPage.tsx';

export function App() {
  return (
    <SessionProvider>
      <Routes>
        <Route path="can-bo" element={<StaffShell />}>
          {staffRoutes}
          {metricsRoutes}
          <Route path="quan-tri">{adminRoutes}</Route>
        </Route>
        <Route path="man-hinh-quay" element={<CounterScreenPage />} />
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="thu-tuc" element={<SearchPage />} />
          <Route path="thu-tuc/:code" element={<ProcedurePage />} />
          <Route path="nop-ho-so/:code" element={<StartPage />} />
          <Route path="ho-so-nhap/:id" element={<DraftPage />} />
          <Route path="ho-so/xac-nhan/:id" element={<ConfirmationPage />} />
          <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
          <Route path="ho-so-cua-toi/:id" element={<DossierDetailPage />} />
          <Route path="tra-cuu" element={<LookupPage />} />
          <Route path="chi-so-phuc-vu" element={<PublicMonthlyPage />} />
          <Route path="kho-du-lieu" element={<StorePage />} />
          <Route path="thanh-toan/:id" element={<PaymentResultPage />} />
          <Route path="verify" element={<VerifyFilePage />} />
          <Route path="verify/:id" element={<VerifyResultPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionProvider>
  );
}
