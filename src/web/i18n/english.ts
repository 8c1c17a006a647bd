/**
 * English on demand (issue 18, light first load): Vietnamese is the default, so the English strings are not part of
 * any first load. Each area registers how to load its English (`whenEnglish`, usually through `addBundles`); the
 * loaders run when the interface is or becomes English, and `setLanguage('en')` switches only once every English
 * part registered so far is in place, so no page shows a mix of languages. An area registered while English is the
 * language starts loading its English at once; `englishReady()` waits for it (the lazy pages wait in `lazyNamed`,
 * main.tsx before the first render).
 *
 * Depends on i18next only (not on the app's i18n setup), so that api/client.ts and its tests can use it.
 */
import i18n from 'i18next';

type Strings = Record<string, unknown>;
/** Loads an English part: strings to add to the `translation` namespace, or nothing (e.g. the error registry). */
export type EnglishLoader = () => Promise<Strings | undefined>;

const loaders: EnglishLoader[] = [];
const loading = new Map<EnglishLoader, Promise<void>>();
let wanted = false;

function start(load: EnglishLoader): Promise<void> {
  let p = loading.get(load);
  if (!p) {
    p = load().then(
      (strings) => {
        if (strings) i18n.addResourceBundle('en', 'translation', strings, true, true);
      },
      (err: unknown) => {
        loading.delete(load); // a lost connection: the next switch to English tries again
        throw err;
      },
    );
    loading.set(load, p);
  }
  return p;
}

/** Registers an English part; loaded now if the interface is English, else when it becomes English. */
export function whenEnglish(load: EnglishLoader): void {
  loaders.push(load);
  if (wanted) start(load).catch(() => undefined);
}

/** Resolves when every English part registered so far is loaded (at once while the interface is Vietnamese). */
export function englishReady(): Promise<void> {
  if (!wanted) return Promise.resolve();
  return Promise.all(loaders.map(start)).then(() => undefined);
}

/** Says whether English is wanted (the interface is, or is becoming, English) and loads what it needs. */
export function wantEnglish(on: boolean): Promise<void> {
  wanted = on;
  return englishReady();
}

/**
 * Switches the interface language; to English only once its strings are loaded. If they cannot be loaded (network
 * lost), the language stays as it is and the promise rejects.
 */
export async function setLanguage(lng: 'vi' | 'en'): Promise<void> {
  if (lng === 'en') {
    try {
      await wantEnglish(true);
    } catch (err) {
      wanted = i18n.language?.startsWith('en') ?? false;
      throw err;
    }
  } else wanted = false;
  await i18n.changeLanguage(lng);
}
