// Renderer entry: reads the saved language, starts i18next and react-query, mounts the app.
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/app';
import { createI18n } from './i18n';

/** The Electron printer's hidden window opens this same page at this hash to draw one receipt. */
const RECEIPT_WINDOW_HASH = '#receipt';

async function start() {
  // Asked together: the sign-in gate needs the session before the counter can show, so it is not
  // left for a second round trip after the first render.
  const [settings, session] = await Promise.all([window.pos.invoke('settings.get', {}), window.pos.invoke('session.status', {})]);
  const i18n = await createI18n(settings.ok ? settings.value.language : 'ar', settings.ok ? settings.value.digitStyle : 'western');
  const container = document.getElementById('root')!;
  // Loaded only there: it checks documents with zod, which the counter's first paint does without.
  if (location.hash === RECEIPT_WINDOW_HASH) return (await import('./receipt/receipt-window')).installReceiptWindow(container, i18n);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
  });
  if (settings.ok) queryClient.setQueryData(['settings.get', {}], settings.value);
  if (session.ok) queryClient.setQueryData(['session.status', {}], session.value);
  createRoot(container).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
  // After the first frame is painted, not merely scheduled: what the benchmark measures.
  requestAnimationFrame(() => setTimeout(() => performance.mark('pos-interactive'), 0));
}

void start();
