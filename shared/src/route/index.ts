export * from './constants.js';
export * from './travel.js';
export * from './day-schedule.js';
export * from './time-order.js';
export { optimiseDay, routeMetres, type OptimiseDayOptions, type OptimisedDay } from './optimise.js';
export * from './cluster.js';
export { seededRandom } from './seeded-random.js';
