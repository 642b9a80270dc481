// Node module hooks: `electron`, and only `electron`, resolves to the stand-in for ES module imports.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron-shim.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
