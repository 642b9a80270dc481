import { useTranslation } from 'react-i18next';

export default function Screen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('app.nav.catalogue')}</h1>
      <p>{t('app.notReady')}</p>
    </section>
  );
}
