export * from './api/problem.js';
export * from './api/auth.js';
export * from './api/text.js';
export * from './sync/index.js';
export * from './replication/index.js';
export * from './board/index.js';
export * from './ai/index.js';
export * from './catalog/index.js';
