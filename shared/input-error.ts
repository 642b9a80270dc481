// A request the contract refuses, as an error the renderer translates: the first problem found, its
// field, and the bounds the words need. zod's own text goes to the message (for the log) and is
// never what the cashier or owner reads.
import type { z } from 'zod';
import { errorCodes, type AppError, type ErrorCode } from './result';

type Params = NonNullable<AppError['params']>;

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

function codeAndParams(issue: z.core.$ZodIssue): { code: ErrorCode; params: Params } {
  switch (issue.code) {
    case 'custom': {
      const { code, ...rest } = (issue.params ?? {}) as Record<string, string | number>;
      return isErrorCode(code) ? { code, params: rest } : { code: 'input.invalid', params: {} };
    }
    case 'too_big':
      if (issue.origin === 'string') return { code: 'input.too_long', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'number' || issue.origin === 'int') return { code: 'input.too_big', params: { max: Number(issue.maximum) } };
      return { code: 'input.too_many_items', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? { code: 'input.required', params: {} } : { code: 'input.too_short', params: { min: Number(issue.minimum) } };
      }
      if (issue.origin === 'number' || issue.origin === 'int') return { code: 'input.too_small', params: { min: Number(issue.minimum) } };
      return { code: 'input.required', params: {} };
    case 'invalid_format':
      return { code: 'input.invalid_format', params: {} };
    default:
      return { code: 'input.invalid', params: {} };
  }
}

/** The first problem of a refused request, as the error the main process answers with. */
export function inputError(error: z.ZodError, what: string): AppError {
  return issueError(error.issues[0]!, what);
}

/** One problem as an error with its words' code and values: the forms show these beside their fields. */
export function issueError(issue: z.core.$ZodIssue, what: string): AppError {
  const field = issue.path.map(String).join('.') || '(request)';
  const { code, params } = codeAndParams(issue);
  return {
    code,
    message: `invalid ${what}: ${field}: ${issue.message}`.slice(0, 300),
    params: { ...params, field: field.slice(0, 80), detail: field.slice(0, 80) },
  };
}
