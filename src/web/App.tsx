/**
 * The routes. The portal's own pages (home, search, procedure guide) are in the first load; everything else is a
 * chunk loaded when its address is opened (lazy.tsx): the citizen journey, the store, verification, payments'
 * return page, the public figures, the counter screen, and the whole back office (/can-bo, which splits again into
 * its administration and metrics areas).
 */
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { LazyArea, lazyNamed } from './lazy.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

const dossierPages = () => import('./journey/DossierPages.tsx');
const verifyPages = () => import('./verify/VerifyPages.tsx');
// The procedure guide is a page of its own chunk too (issue 18, light first load: every other page loads without it).
// The home and search pages too, so that a journey's first load does not carry them (issue 18, light first load).
const HomePage = lazyNamed(() => import('./pages/HomePage.tsx'), 'HomePage');
const SearchPage = lazyNamed(() => import('./pages/SearchPage.tsx'), 'SearchPage');
const ProcedurePage = lazyNamed(() => import('./pages/ProcedurePage.tsx'), 'ProcedurePage');
const StartPage = lazyNamed(() => import('./journey/StartPage.tsx'), 'StartPage');
const DraftPage = lazyNamed(() => import('./journey/DraftPage.tsx'), 'DraftPage');
const ConfirmationPage = lazyNamed(dossierPages, 'ConfirmationPage');
const MyDossiersPage = lazyNamed(dossierPages, 'MyDossiersPage');
const DossierDetailPage = lazyNamed(dossierPages, 'DossierDetailPage');
const LookupPage = lazyNamed(dossierPages, 'LookupPage');
const StorePage = lazyNamed(() => import('./store/StorePage.tsx'), 'StorePage');
const PaymentResultPage = lazyNamed(() => import('./payments/PaymentResultPage.tsx'), 'PaymentResultPage');
const VerifyFilePage = lazyNamed(verifyPages, 'VerifyFilePage');
const VerifyResultPage = lazyNamed(verifyPages, 'VerifyResultPage');
const PublicMonthlyPage = lazyNamed(() => import('./public-metrics/PublicMonthlyPage.tsx'), 'PublicMonthlyPage');
const CounterScreenPage = lazyNamed(() => import('./public-metrics/CounterScreenPage.tsx'), 'CounterScreenPage');
const AssistantPage = lazyNamed(() => import('./assistant/AssistantPage.tsx'), 'AssistantPage');
const ProfilePage = lazyNamed(() => import('./notifications/ProfilePage.tsx'), 'ProfilePage');
const SuggestionsPage = lazyNamed(() => import('./assistant/SuggestionsPage.tsx'), 'SuggestionsPage');
const feedbackPages = () => import('./feedback/pages.ts');
const FeedbackPage = lazyNamed(feedbackPages, 'FeedbackPage');
const QaPage = lazyNamed(feedbackPages, 'QaPage');
const BackOffice = lazyNamed(() => import('./staff/BackOffice.tsx'), 'BackOffice');
const bundlePages = () => import('./lienthong/BundlePages.tsx');
const BundlePage = lazyNamed(bundlePages, 'BundlePage');
const BundleLookupPage = lazyNamed(bundlePages, 'BundleLookupPage');

export function App() {
  return (
    <Routes>
      <Route
        path="can-bo/*"
        element={
          <LazyArea>
            <BackOffice />
          </LazyArea>
        }
      />
      <Route
        path="man-hinh-quay"
        element={
          <LazyArea>
            <CounterScreenPage />
          </LazyArea>
        }
      />
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
        <Route path="lien-thong/:id" element={<BundlePage />} />
        <Route path="tra-cuu-lien-thong" element={<BundleLookupPage />} />
        <Route path="tro-ly" element={<AssistantPage />} />
        <Route path="tai-khoan" element={<ProfilePage />} />
        <Route path="phan-anh" element={<FeedbackPage />} />
        <Route path="goi-y" element={<SuggestionsPage />} />
        <Route path="hoi-dap" element={<QaPage />} />
        <Route path="chi-so-phuc-vu" element={<PublicMonthlyPage />} />
        <Route path="kho-du-lieu" element={<StorePage />} />
        <Route path="thanh-toan/:id" element={<PaymentResultPage />} />
        <Route path="verify" element={<VerifyFilePage />} />
        <Route path="verify/:id" element={<VerifyResultPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
