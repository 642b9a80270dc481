// The schema of a partial save: every key optional and NO default filled in. zod's `.partial()`
// keeps each field's `.default()`, so a patch naming one key would come out of parsing with every
// other key at its default and overwrite what the owner had saved (issue 9, defect 1). A key the
// patch names is checked exactly as the full schema checks it; a nested object is given whole.
import { z } from 'zod';

function withoutDefaults(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault) return withoutDefaults(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutDefaults(field as z.ZodType)]));
    return z.object(shape);
  }
  return schema;
}

/** `schema.partial()` for a save: the same types, but a key left out stays out. */
export function patchSchemaOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutDefaults(field as z.ZodType).optional()]));
  // Same input and output types as `.partial()`: only the runtime filling-in of defaults differs.
  return z.object(shape) as unknown as ReturnType<typeof schema.partial<{ [K in keyof Shape]: true }>>;
}
