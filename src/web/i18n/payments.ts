/** The payment strings (`payments.*`: fee quote, payment block, return page, reconciliation), added with those parts. */
import { addBundles } from './bundles.ts';
import { paymentsVi } from './payments.vi.ts';

addBundles({ vi: { payments: paymentsVi }, en: () => import('./payments.en.ts').then((m) => ({ payments: m.paymentsEn })) });
