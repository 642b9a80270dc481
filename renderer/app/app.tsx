// The frame around every screen: title, training banner, F-key navigation, language switch.
import { Suspense, useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { call, useChannel, useEvent } from '../ipc/client';
import { screens, type ScreenId } from './screens';
import { setDigitStyle } from '../i18n/digits';
import { TrainingBanner } from './training-banner';
import { SessionBadge, SignInGate } from '../features/sign-in/sign-in-gate';
import { AttentionBar } from '../features/sale/attention';
import { EarlierInstallNotice } from './earlier-install-notice';

export function App() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [screen, setScreen] = useState<ScreenId>('sale');
  // F1 is "new sale, empty number" from every screen, the counter included: a new key starts it afresh.
  const [saleRun, setSaleRun] = useState(0);
  // Where the cashier was before touching the header (the language button): focus goes back there.
  const lastFocus = useRef<HTMLElement | null>(null);
  const info = useChannel('app.info', {});

  useEvent(
    'settings.changed',
    useCallback(
      (settings) => {
        queryClient.setQueryData(['settings.get', {}], settings);
        if (settings.language !== i18n.language) void i18n.changeLanguage(settings.language);
        setDigitStyle(i18n, settings.digitStyle);
        // A receipt preview is drawn from the settings (shop, language, digits): draw it again.
        void queryClient.invalidateQueries({ queryKey: ['receipt.preview'] });
        // A till in a shop pulls the shop's cashiers with its settings: who may sign in may have changed.
        void queryClient.invalidateQueries({ queryKey: ['cashiers.list'] });
        void queryClient.invalidateQueries({ queryKey: ['session.status'] });
      },
      [queryClient, i18n],
    ),
  );

  // Attached before the first paint: an F-key pressed as soon as the frame shows is never lost.
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = screens.find((s) => s.key === event.key);
      if (target) {
        event.preventDefault();
        setScreen(target.id);
        if (target.id === 'sale') setSaleRun((n) => n + 1);
      }
    }
    function onFocus(event: FocusEvent) {
      const element = event.target;
      if (element instanceof HTMLElement && !element.closest('.app-header')) lastFocus.current = element;
    }
    window.addEventListener('keydown', onKey);
    window.addEventListener('focusin', onFocus);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focusin', onFocus);
    };
  }, []);

  async function switchLanguage() {
    const next = i18n.language === 'ar' ? 'en' : 'ar';
    await i18n.changeLanguage(next);
    // Back to where the cashier was, so the next Enter goes on with the sale, not back to the old language.
    const back = lastFocus.current;
    if (back?.isConnected) back.focus();
    else document.querySelector<HTMLElement>('.app-main input, .app-main button')?.focus();
    // Persisted so the next start opens in the cashier's language; the UI does not wait for it.
    void call('settings.set', { language: next }).catch(() => undefined);
  }

  const Active = screens.find((s) => s.id === screen)!.component;
  return (
    <div className="app">
      {info.data?.training && <TrainingBanner />}
      <EarlierInstallNotice />
      <header className="app-header">
        <span className="app-title">{t('app.title')}</span>
        <nav aria-label={t('app.nav.label')} className="app-nav">
          {screens.map((s) => (
            <button
              key={s.id}
              type="button"
              className="nav-button"
              aria-current={s.id === screen ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
              data-testid={`nav-${s.id}`}
            >
              <kbd>{s.key}</kbd> {t(`app.nav.${s.id}`)}
            </button>
          ))}
        </nav>
        <AttentionBar onOpen={() => setScreen('history')} />
        <SessionBadge />
        <button type="button" className="language-button" onClick={switchLanguage} data-testid="language-switch" aria-label={t('app.language.label')}>
          {t('app.language.switchTo')}
        </button>
      </header>
      <main className="app-main">
        <SignInGate>
          <Suspense fallback={<p>{t('app.loading')}</p>}>
            <Active key={screen === 'sale' ? `sale-${saleRun}` : screen} />
          </Suspense>
        </SignInGate>
      </main>
    </div>
  );
}
