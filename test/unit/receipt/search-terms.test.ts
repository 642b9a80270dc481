// What the cashier types becomes the terms the history index holds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rarestWindow, searchTerms } from '../../../electron/history/history-search';

describe('search terms', () => {
  it('reads a number in any digit style and form as its national digits too', () => {
    expect(searchTerms('٧٧٧ ١٢٣ ٤٥٦')).toEqual(['777123456']);
    expect(searchTerms('+967 777-123-456')).toEqual(['967777123456', '777123456']);
    expect(searchTerms('00967777123456')).toEqual(['00967777123456', '777123456']);
    expect(searchTerms('0777123')).toEqual(['0777123', '777123']);
    expect(searchTerms('۱۲۳۴')).toEqual(['1234']);
  });

  it('keeps a reference as typed, its digits made ASCII', () => {
    expect(searchTerms(' AQ-٩٩٨ ')).toEqual(['AQ-998']);
    expect(searchTerms('   ')).toEqual([]);
  });
});

describe('the window asked of the trigram index', () => {
  it('is a stretch of the term with as many distinct characters as any', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), (term) => {
        const window = rarestWindow(term);
        expect(term.includes(window)).toBe(true);
        expect(window.length).toBe(Math.min(term.length, 5));
        for (let i = 0; i + 5 <= term.length; i++) expect(new Set(window).size).toBeGreaterThanOrEqual(new Set(term.slice(i, i + 5)).size);
      }),
    );
  });

  it('skips the repeated digits a time-based id starts or ends with', () => {
    expect(rarestWindow('9136000000201')).toBe('91360');
    expect(rarestWindow('777777123')).toBe('77123');
  });
});
