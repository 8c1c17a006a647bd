/** The metrics strings (`metrics.*`: dashboards, public figures, counter screen, ratings), added with those pages. */
import { addBundles } from './bundles.ts';
import { metricsVi } from './metrics.vi.ts';

addBundles({ vi: { metrics: metricsVi }, en: () => import('./metrics.en.ts').then((m) => ({ metrics: m.metricsEn })) });
