// The screens of the app, in the order of their F-keys. Each feature owns its folder.
import { lazy } from 'react';
// The counter is where the app opens: loaded with the entry, not lazily, so its field takes focus on the first paint.
import SaleScreen from '../features/sale/sale-screen';

export const screens = [
  { id: 'sale', key: 'F1', component: SaleScreen },
  { id: 'catalogue', key: 'F2', component: lazy(() => import('../features/catalogue/catalogue-screen')) },
  { id: 'history', key: 'F3', component: lazy(() => import('../features/history/history-screen')) },
  { id: 'reports', key: 'F4', component: lazy(() => import('../features/reports/reports-screen')) },
  { id: 'settings', key: 'F5', component: lazy(() => import('../features/settings/settings-screen')) },
] as const;

export type ScreenId = (typeof screens)[number]['id'];
