/** The export tests' sample trip lives with the shared export code; desktop tests reuse it. */
export { sampleBundle } from '../../../../shared/src/export/test-trip.js';
