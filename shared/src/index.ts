export * from './api/problem.js';
export * from './api/auth.js';
export * from './sync/index.js';
export * from './replication/index.js';
