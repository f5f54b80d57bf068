export * from './api.js';
export * from './geo.js';
export * from './kto-codes.js';
export * from './text.js';
