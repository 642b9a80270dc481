// Practice numbers of training mode (docs/architecture.md, training mode): Yemen Mobile numbers
// whose sale, sold through the in-app Al-Qimah simulator, ends a known way, so a cashier can
// practise what to do when a sale is checked, fails or stays in doubt. Shown on the training
// banner; the simulator is told the same list. Any other number succeeds at once.
export type PracticeOutcome = 'pendingThenSucceeds' | 'fails' | 'staysInDoubt';

export const PRACTICE_NUMBERS: readonly { number: string; outcome: PracticeOutcome }[] = [
  { number: '770000001', outcome: 'pendingThenSucceeds' },
  { number: '770000002', outcome: 'fails' },
  { number: '770000003', outcome: 'staysInDoubt' },
];
