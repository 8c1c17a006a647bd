/** The payment strings (`payments.*`: fee quote, payment block, return page, reconciliation), added with those parts. */
import { addBundles } from './bundles.ts';
import { paymentsEn } from './payments.en.ts';
import { paymentsVi } from './payments.vi.ts';

addBundles({ vi: { payments: paymentsVi }, en: { payments: paymentsEn } });
