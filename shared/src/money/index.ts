export * from './currencies.js';
export * from './exchange.js';
export * from './settle-up.js';
