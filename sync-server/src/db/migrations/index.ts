import type { MigrationContext } from '../migrate.js';
import * as m0001 from './0001-accounts.js';
import * as m0002 from './0002-profile.js';
import * as m0003 from './0003-sync-and-sharing.js';
import * as m0004 from './0004-catalog.js';
import * as m0005 from './0005-board.js';
import * as m0006 from './0006-catalog-search.js';
import * as m0007 from './0007-trip-sequences.js';
import * as m0008 from './0008-account-deletion.js';
import * as m0009 from './0009-catalog-overview-en.js';
import * as m0010 from './0010-deleted-account-tokens.js';
import * as m0011 from './0011-calendar-feeds.js';
import * as m0012 from './0012-exchange-rates.js';
import * as m0013 from './0013-document-files.js';

export type Migration = {
  name: string;
  up(params: { context: MigrationContext }): Promise<void>;
  down(params: { context: MigrationContext }): Promise<void>;
};

/** Every migration in order. Append only; never edit one that has shipped. */
export const migrations: Migration[] = [
  { name: '0001-accounts', ...m0001 },
  { name: '0002-profile', ...m0002 },
  { name: '0003-sync-and-sharing', ...m0003 },
  { name: '0004-catalog', ...m0004 },
  { name: '0005-board', ...m0005 },
  { name: '0006-catalog-search', ...m0006 },
  { name: '0007-trip-sequences', ...m0007 },
  { name: '0008-account-deletion', ...m0008 },
  { name: '0009-catalog-overview-en', ...m0009 },
  { name: '0010-deleted-account-tokens', ...m0010 },
  { name: '0011-calendar-feeds', ...m0011 },
  { name: '0012-exchange-rates', ...m0012 },
  { name: '0013-document-files', ...m0013 },
];
