// The counter (docs/architecture.md, "The renderer"): number → (landline or ADSL?) → what to sell → one summary → the outcome,
// followed live. Keyboard-first: Enter moves on, Enter confirms, Esc backs out; the number field
// is focused on start and after every sale.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Network, Product } from '../../../shared/domain';
import type { SaleView } from '../../../shared/ipc/sales';
import { checkFinalNumber } from '../../../shared/numbers';
import { printerIsSet } from '../../../shared/printer-set';
import type { PrinterConfig } from '../../../shared/ipc/printing';
import { call, useChannel } from '../../ipc/client';
import { AgentBalances } from './agent-balances';
import { ConfirmSale } from './confirm-sale';
import { watchEnterPresses } from './enter-bounce';
import { NetworkChoice } from './network-choice';
import { NumberField, type NumberFieldHandle } from './number-field';
import { ProductStep, productTabs, type ProductTab } from './product-step';
import { RecentNumbers, type RecentNumbersHandle } from './recent-numbers';
import { SaleOutcome } from './sale-outcome';
import type { SaleTarget } from './sale-target';
import { ShortcutList, type Shortcut } from './shortcut-list';
import './sale.css';

type Step =
  | { at: 'number' }
  | { at: 'network'; national: string; networks: Network[] }
  | { at: 'product'; target: SaleTarget }
  | { at: 'confirm'; target: SaleTarget; product: Product }
  | { at: 'outcome'; sale: SaleView };

const SHORTCUTS: Record<Step['at'], Shortcut[]> = {
  number: [
    { keys: 'Enter', action: 'next' },
    { keys: '↓', action: 'recent' },
    { keys: 'F1…F5', action: 'screens' },
  ],
  network: [
    { keys: '1 / 2', action: 'pickService' },
    { keys: 'Esc', action: 'back' },
  ],
  product: [
    { keys: 'Alt+1…4', action: 'tabs' },
    { keys: 'Enter', action: 'next' },
    { keys: '↑ ↓', action: 'move' },
    { keys: 'Esc', action: 'back' },
  ],
  confirm: [
    { keys: 'Enter', action: 'confirm' },
    { keys: 'Esc', action: 'back' },
  ],
  outcome: [
    { keys: 'Enter', action: 'newSale' },
    { keys: 'P', action: 'print' },
    { keys: 'Esc', action: 'newSale' },
  ],
};

/** The receipts feature's channel; the outcome screen only knows it as `onPrintReceipt`. */
async function printReceipt(sale: SaleView): Promise<void> {
  await call('receipt.print', { id: sale.id });
}

/** A key that begins a customer's number: a digit in any script, or the + of +967. */
function startsANumber(event: KeyboardEvent): boolean {
  return !event.altKey && !event.ctrlKey && !event.metaKey && (/^\p{Nd}$/u.test(event.key) || event.key === '+');
}

/** The owner asked for a receipt after every sale and a printer is set up to take it. */
function printsByItself(printer: PrinterConfig | undefined): boolean {
  return printer !== undefined && printer.autoPrint && printerIsSet(printer);
}

export default function SaleScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ at: 'number' });
  const [tab, setTab] = useState<ProductTab>('topup');
  const numberField = useRef<NumberFieldHandle>(null);
  const recent = useRef<RecentNumbersHandle>(null);
  const printer = useChannel('printer.get', {});

  /** Set when backing out to the number, so the old one is selected and typing replaces it. */
  const selectNumber = useRef(false);
  const toNumber = useCallback((clear: boolean) => {
    if (clear) {
      setTyped('');
      setTab('topup');
    } else selectNumber.current = true;
    setNumberError(null);
    setStep({ at: 'number' });
  }, []);

  useLayoutEffect(() => watchEnterPresses(), []);

  // Back at the number, the old one is selected: typing replaces it, Enter sells to it again.
  useEffect(() => {
    if (step.at === 'number') numberField.current?.focus(selectNumber.current);
    selectNumber.current = false;
  }, [step.at]);

  function goToProduct(target: SaleTarget) {
    setStep({ at: 'product', target });
  }

  function submitNumber(value: string) {
    const check = checkFinalNumber(value);
    if (check.status === 'invalid') {
      setNumberError(t(`errors.${check.code}`, check.params));
      return;
    }
    if (check.status !== 'valid') return;
    if (check.networks.length > 1) setStep({ at: 'network', national: check.national, networks: check.networks });
    else goToProduct({ national: check.national, network: check.networks[0]! });
  }

  function onSold(sale: SaleView) {
    setStep({ at: 'outcome', sale });
    // Remembered once sold; the list is a convenience, so a failure here never stops the counter.
    void call('counter.remember', { number: sale.number, network: sale.network })
      .then((numbers) => queryClient.setQueryData(['counter.recent', { limit: 8 }], { numbers: numbers.numbers.slice(0, 8) }))
      .catch(() => undefined);
  }

  // Esc backs out one step; Alt+1…4 pick a tab; a digit on the outcome starts the next customer's
  // number. The step's own fields handle Enter.
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const current = stepRef.current;
      if (current.at === 'outcome' && startsANumber(event)) {
        event.preventDefault();
        // Several digits may come before the next render: only the first one clears the old number.
        stepRef.current = { at: 'number' };
        setTyped(event.key);
        setTab('topup');
        setNumberError(null);
        setStep({ at: 'number' });
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        if (current.at === 'network' || current.at === 'product') toNumber(false);
        else if (current.at === 'confirm') setStep({ at: 'product', target: current.target });
        else if (current.at === 'outcome') toNumber(true);
        else setTyped('');
      } else if (event.altKey && current.at === 'product' && /^Digit[1-4]$/.test(event.code)) {
        event.preventDefault();
        setTab(productTabs[Number(event.code.slice(5)) - 1]!);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toNumber]);

  return (
    <section className="screen sale-screen" aria-labelledby="screen-title" data-testid="sale-screen" data-step={step.at}>
      <h1 id="screen-title" className="visually-hidden">
        {t('app.nav.sale')}
      </h1>
      <div className="counter-layout">
        <div className="counter-main">
          {step.at === 'number' && (
            <div className="card step">
              <NumberField
                ref={numberField}
                value={typed}
                error={numberError}
                onChange={(value) => {
                  setTyped(value);
                  setNumberError(null);
                }}
                onEnter={() => submitNumber(typed)}
                onArrowDown={() => recent.current?.focusFirst()}
              />
              <RecentNumbers
                ref={recent}
                onPick={(r) => {
                  setTyped(r.number);
                  goToProduct({ national: r.number, network: r.network });
                }}
                onLeave={() => numberField.current?.focus()}
              />
            </div>
          )}
          {step.at === 'network' && (
            <NetworkChoice national={step.national} networks={step.networks} onPick={(network) => goToProduct({ national: step.national, network })} />
          )}
          {step.at === 'product' && (
            <ProductStep target={step.target} tab={tab} onTab={setTab} onChoose={(product) => setStep({ at: 'confirm', target: step.target, product })} />
          )}
          {step.at === 'confirm' && <ConfirmSale key={JSON.stringify(step.product)} target={step.target} product={step.product} onSold={onSold} />}
          {step.at === 'outcome' && <SaleOutcome sale={step.sale} onNewSale={() => toNumber(true)} onPrintReceipt={printReceipt} autoPrint={printsByItself(printer.data)} />}
        </div>
        <div className="counter-side">
          <AgentBalances />
          <ShortcutList shortcuts={SHORTCUTS[step.at]} />
        </div>
      </div>
    </section>
  );
}
