/**
 * The bundled packages keep V8 code caches, written at the end of the first run that asks for it
 * (scripts/bundle-runtime/load-body.cjs). A run that analysed a model has compiled the code every
 * later run needs; an `autodoc --help` has not, and a cache written then would leave the analysis
 * code to be compiled on every run. So only a completed analysis asks. Running from sources (tests)
 * there is no loader and nothing happens.
 */
export function askForCodeCaches(): void {
  const loader = (globalThis as Record<symbol, { saveOnExit?: boolean } | undefined>)[Symbol.for('autodoc.bundleBodies')];
  if (loader) loader.saveOnExit = true;
}
