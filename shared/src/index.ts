export * from './api/problem.js';
export * from './api/auth.js';
