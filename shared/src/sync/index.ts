export * from './documents.js';
export * from './order-keys.js';
export * from './merge.js';
export * from './rxdb-schemas.js';
export * from './migrations.js';
export * from './reservation-days.js';
