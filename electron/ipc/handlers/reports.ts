// Handlers of the report channels (shared/ipc/reports.ts). Training sales never count.
import { providerIds } from '../../../shared/domain';
import type { reportChannels } from '../../../shared/ipc/reports';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { Services } from '../../services';
import { exportCsv } from '../../reports/csv-export';
import { salesByHour, summarizeSales } from '../../reports/sales-summary';
import type { CallContext } from '../dispatch';

const DAY_MS = 24 * 3_600_000;

export function createReportHandlers(s: Pick<Services, 'deps' | 'db' | 'settings' | 'connections'>): HandlersOf<typeof reportChannels, CallContext> {
  return {
    'reports.day': ({ from }) => ok({ summary: summarizeSales(s.db, { from, to: from + DAY_MS }), byHour: salesByHour(s.db, from) }),
    'reports.balances': async () => {
      const threshold = s.settings.read().lowBalanceThreshold;
      const balances = await Promise.all(
        providerIds.map(async (provider) => {
          const balance = await s.connections.balance(provider);
          return balance.ok
            ? { provider, balance: balance.value, error: null, low: balance.value.minor < threshold }
            : { provider, balance: null, error: balance.error, low: false };
        }),
      );
      return ok({ balances });
    },
    'reports.feedVouchers': async () => {
      const vouchers = await s.connections.feedVouchers();
      return ok(vouchers.ok ? { vouchers: vouchers.value, error: null } : { vouchers: [], error: vouchers.error });
    },
    'reports.exportCsv': ({ from, to }) => {
      const { csv, rows } = exportCsv(s.db, from, to);
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      s.deps.log.info('history exported', { from, to, rows });
      return ok({ fileName: `sales-${day(from)}-${day(to - 1)}.csv`, csv, rows });
    },
  };
}
