import type { MigrationContext } from '../migrate.js';
import * as m0001 from './0001-accounts.js';
import * as m0002 from './0002-profile.js';

export type Migration = {
  name: string;
  up(params: { context: MigrationContext }): Promise<void>;
  down(params: { context: MigrationContext }): Promise<void>;
};

/** Every migration in order. Append only; never edit one that has shipped. */
export const migrations: Migration[] = [
  { name: '0001-accounts', ...m0001 },
  { name: '0002-profile', ...m0002 },
];
