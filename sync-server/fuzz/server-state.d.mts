// Types of server-state.mjs.

/** Every stored document whose id contains `idPart` (tombstones included), with its stored JSON. */
export function readDocuments(
  databaseUrl: string,
  idPart: string,
): Promise<{ collection: string; id: string; data: string }[]>;
