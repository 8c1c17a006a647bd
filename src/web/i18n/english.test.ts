import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishReady, setLanguage, whenEnglish } from './english.ts';

describe('English on demand', () => {
  let calls = 0;
  beforeAll(async () => {
    await i18n.init({
      lng: 'vi',
      fallbackLng: 'vi',
      resources: { vi: { translation: { hello: 'Xin chào', bye: 'Tạm biệt' } } },
      partialBundledLanguages: true,
    });
    whenEnglish(async () => {
      calls += 1;
      return { hello: 'Hello' };
    });
  });

  it('loads nothing while the interface is Vietnamese', async () => {
    await englishReady();
    expect(calls).toBe(0);
    expect(i18n.t('hello')).toBe('Xin chào');
  });

  it('switches to English only once the registered strings are loaded, and stays put when one cannot be loaded', async () => {
    let fail = true;
    whenEnglish(async () => {
      if (fail) throw new Error('network lost');
      return { bye: 'Goodbye' };
    });
    await expect(setLanguage('en')).rejects.toThrow('network lost');
    expect(i18n.language).toBe('vi');
    fail = false;
    await setLanguage('en');
    expect(i18n.language).toBe('en');
    expect([i18n.t('hello'), i18n.t('bye')]).toEqual(['Hello', 'Goodbye']);
    expect(calls).toBe(1);
  });

  it('loads an area registered while English at once, and not again after switching back and forth', async () => {
    whenEnglish(async () => ({ area: { title: 'Area' } }));
    await englishReady();
    expect(i18n.t('area.title')).toBe('Area');
    await setLanguage('vi');
    expect(i18n.t('hello')).toBe('Xin chào');
    await setLanguage('en');
    expect(calls).toBe(1);
  });
});
