import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to; under the app's CSP
// (no 'unsafe-eval') that probe is refused and reported as a violation on every start.
z.config({ jitless: true });
