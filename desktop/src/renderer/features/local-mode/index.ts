export { LocalOnlyPill } from './LocalOnlyPill';
export { LocalProfileMenu } from './LocalProfileMenu';
export { NeedsServer, NeedsServerNotice } from './NeedsServer';
export { useLocalOnly } from './use-local-only';
