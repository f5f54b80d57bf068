export * from './words.js';
export * from './itinerary.js';
export * from './ics.js';
export * from './trip-file.js';
export * from './import-copy.js';
export * from './itinerary-model.js';
