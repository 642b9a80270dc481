// A settings form's refusals in the owner's words, one per field: the same codes and bounds the main
// process answers with (shared/input-error.ts), so the form and the contract never say it twice.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { issueError } from '../../../shared/input-error';

export function fieldErrors(t: TFunction, error: z.ZodError, fieldOf: (path: PropertyKey[]) => string = (path) => String(path[0])): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    if (field in out) continue;
    const { code, params } = issueError(issue, 'form');
    out[field] = t(`errors.${code}`, { detail: '', ...(params ?? {}) });
  }
  return out;
}
