/** The English strings of the first load (portal, journey basics, the areas' menu labels), loaded only in English (english.ts). */
import { areasNavEn } from './areas-nav.en.ts';
import { en } from './en.ts';
import { portalEn } from './portal.en.ts';

export const firstLoadEn = { ...en, ...areasNavEn, ...portalEn };
