/**
 * Production stand-in for `rxdb/plugins/dev-mode` and `rxdb/plugins/validate-ajv` (vite.config.ts
 * aliases them here): createDatabase loads them only with devMode on, which production never sets.
 */
function unavailable(): never {
  throw new Error('RxDB dev-mode is not part of production builds');
}

export const RxDBDevModePlugin = { name: 'dev-mode-unavailable', rxdb: true as const, init: unavailable };
export const disableWarnings = unavailable;
export const wrappedValidateAjvStorage = unavailable;
