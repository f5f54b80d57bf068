/**
 * RxDB JSON schemas, GENERATED from the zod schemas in ./documents.ts with `z.toJSONSchema`
 * (never a hand-restated field list), plus what RxDB adds on top: primary key, version,
 * indexes. Checked here against the rules of RxDB 17's dev-mode `checkSchema`, so a schema
 * RxDB would refuse fails at import time with a clear message, not in a user's browser:
 *
 * - no `$schema`, `$ref`/`$defs` (SC40) and no `default` below the top level (SC7);
 * - the primary key is a string with a finite `maxLength` (SC39/SC41);
 * - every indexed field is required (RxDB index strings need a value in every document), a
 *   string with `maxLength` <= 2048 (SC34/SC42), or a number/integer with `multipleOf`,
 *   `minimum` and `maximum` (SC35/SC37), or a required boolean (SC38);
 * - field names match RxDB's field-name regex (SC1) and do not start with `_` (SC8);
 * - `additionalProperties: false` (RxDB forces it; Ajv then rejects unknown fields).
 *
 * Rules that zod checks through refinements (end date >= start date, time-zone lookup,
 * order-key validity, unique `splitAmong`) are not in the JSON schema; the server applies the
 * zod schemas to everything pushed.
 */
import type { RxCollectionCreator, RxJsonSchema } from 'rxdb';
import { z } from 'zod';
import { syncedCollections, type CollectionName, type DocumentTypes } from './documents.js';
import { conflictHandler } from './merge.js';
import { documentUpgrades } from './migrations.js';

type JsonObject = Record<string, unknown>;

/** Indexes per collection (RxDB appends the primary key to each to make sorts total). */
export const collectionIndexes = {
  /** Trip list sorted by date. */
  trips: [['startDate']],
  /** A trip's schedule: day by day, in order. */
  stops: [['tripId', 'day', 'orderKey']],
  /** A trip's checklist, in order. */
  checklistItems: [['tripId', 'orderKey']],
  /** A trip's expenses by date. */
  expenses: [['tripId', 'date']],
  /** A trip's reservations (sorted by their start in memory: `start` is an object). */
  reservations: [['tripId']],
  /** A trip's documents (reservationId is nullable, so it cannot be indexed). */
  documents: [['tripId']],
} as const satisfies Record<CollectionName, readonly (readonly string[])[]>;

const FIELD_NAME = /^[a-zA-Z](?:[a-zA-Z0-9_]*[a-zA-Z0-9])?$/;
const MAX_INDEX_STRING_LENGTH = 2048;

function fail(collection: string, message: string): never {
  throw new Error(`RxDB schema of "${collection}": ${message}`);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walk the generated schema: reject what RxDB refuses, check nested field names. */
function checkNode(collection: string, node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkNode(collection, item, `${path}[${i}]`));
    return;
  }
  if (!isObject(node)) return;
  for (const forbidden of ['$ref', '$defs', 'definitions', '$schema', 'default']) {
    if (forbidden in node) fail(collection, `"${forbidden}" is not allowed (at ${path || '/'})`);
  }
  const properties = node.properties;
  if (isObject(properties)) {
    for (const name of Object.keys(properties)) {
      if (!FIELD_NAME.test(name)) fail(collection, `field name "${name}" is not allowed (at ${path})`);
      checkNode(collection, properties[name], `${path}.${name}`);
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'properties' && typeof value === 'object') checkNode(collection, value, `${path}/${key}`);
  }
}

/**
 * Build an RxDB schema from a zod object schema.
 * @throws Error naming the collection and the rule when RxDB would refuse the result
 */
export function toRxJsonSchema<T>(
  collection: string,
  schema: z.ZodType,
  settings: { version: number; indexes: readonly (readonly string[])[]; primaryKey?: string },
): RxJsonSchema<T> {
  const primaryKey = settings.primaryKey ?? 'id';
  const generated = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'output',
    unrepresentable: 'throw',
    cycles: 'throw',
    reused: 'inline',
  }) as JsonObject;
  const { $schema: _ignored, ...json } = generated;

  if (json.type !== 'object' || !isObject(json.properties)) {
    fail(collection, 'the zod schema must be an object');
  }
  const properties = json.properties as Record<string, JsonObject>;
  const required = Array.isArray(json.required) ? (json.required as string[]) : [];

  for (const name of Object.keys(properties)) {
    if (name.startsWith('_')) fail(collection, `top-level field "${name}" starts with "_"`);
  }
  checkNode(collection, json, '');

  const primary = properties[primaryKey];
  if (!primary || primary.type !== 'string') fail(collection, `primary key "${primaryKey}" must be a string`);
  if (typeof primary.maxLength !== 'number' || !Number.isFinite(primary.maxLength)) {
    fail(collection, `primary key "${primaryKey}" needs a finite maxLength`);
  }
  if (!required.includes(primaryKey)) fail(collection, `primary key "${primaryKey}" must be required`);

  for (const index of settings.indexes) {
    for (const field of index) {
      if (field === primaryKey)
        fail(collection, `the primary key is indexed implicitly, drop it from ${String(index)}`);
      const part = properties[field];
      if (!part) fail(collection, `indexed field "${field}" is not a top-level field`);
      if (!required.includes(field)) fail(collection, `indexed field "${field}" must be required`);
      switch (part.type) {
        case 'string':
          if (typeof part.maxLength !== 'number' || part.maxLength > MAX_INDEX_STRING_LENGTH) {
            fail(collection, `indexed string "${field}" needs maxLength <= ${MAX_INDEX_STRING_LENGTH}`);
          }
          break;
        case 'integer':
        case 'number':
          if (
            typeof part.multipleOf !== 'number' ||
            typeof part.minimum !== 'number' ||
            typeof part.maximum !== 'number' ||
            !Number.isFinite(part.minimum) ||
            !Number.isFinite(part.maximum)
          ) {
            fail(collection, `indexed number "${field}" needs multipleOf, minimum and maximum`);
          }
          break;
        case 'boolean':
          break;
        default:
          fail(collection, `field "${field}" of this type cannot be indexed`);
      }
    }
  }

  const rxSchema = {
    title: collection,
    version: settings.version,
    primaryKey,
    type: 'object',
    properties,
    required,
    additionalProperties: false,
    indexes: settings.indexes.map((index) => [...index]),
  };
  return rxSchema as unknown as RxJsonSchema<T>;
}

/** The RxDB schema of each synced collection. */
export const rxdbSchemas: { [C in CollectionName]: RxJsonSchema<DocumentTypes[C]> } = {
  trips: toRxJsonSchema<DocumentTypes['trips']>('trips', syncedCollections.trips.schema, {
    version: syncedCollections.trips.version,
    indexes: collectionIndexes.trips,
  }),
  stops: toRxJsonSchema<DocumentTypes['stops']>('stops', syncedCollections.stops.schema, {
    version: syncedCollections.stops.version,
    indexes: collectionIndexes.stops,
  }),
  checklistItems: toRxJsonSchema<DocumentTypes['checklistItems']>(
    'checklistItems',
    syncedCollections.checklistItems.schema,
    { version: syncedCollections.checklistItems.version, indexes: collectionIndexes.checklistItems },
  ),
  expenses: toRxJsonSchema<DocumentTypes['expenses']>('expenses', syncedCollections.expenses.schema, {
    version: syncedCollections.expenses.version,
    indexes: collectionIndexes.expenses,
  }),
  reservations: toRxJsonSchema<DocumentTypes['reservations']>(
    'reservations',
    syncedCollections.reservations.schema,
    { version: syncedCollections.reservations.version, indexes: collectionIndexes.reservations },
  ),
  documents: toRxJsonSchema<DocumentTypes['documents']>('documents', syncedCollections.documents.schema, {
    version: syncedCollections.documents.version,
    indexes: collectionIndexes.documents,
  }),
};

/**
 * The RxDB migration strategies of each collection (./migrations.ts): they bring a device's
 * documents of an older schema version to the current one. A collection of version > 0 needs
 * RxDB's migration-schema plugin (`RxDBMigrationSchemaPlugin`, added by createDatabase).
 */
export const rxMigrationStrategies = documentUpgrades satisfies {
  [C in CollectionName]: NonNullable<RxCollectionCreator<DocumentTypes[C]>['migrationStrategies']>;
};

/**
 * Ready-made `addCollections` input: schema, migration strategies and the merging conflict
 * handler for each synced collection. Use `createConflictHandler({ by: userId })` instead to tag
 * conflict records.
 */
export const rxCollectionCreators: { [C in CollectionName]: RxCollectionCreator<DocumentTypes[C]> } = {
  trips: { schema: rxdbSchemas.trips, migrationStrategies: rxMigrationStrategies.trips, conflictHandler },
  stops: { schema: rxdbSchemas.stops, migrationStrategies: rxMigrationStrategies.stops, conflictHandler },
  checklistItems: {
    schema: rxdbSchemas.checklistItems,
    migrationStrategies: rxMigrationStrategies.checklistItems,
    conflictHandler,
  },
  expenses: {
    schema: rxdbSchemas.expenses,
    migrationStrategies: rxMigrationStrategies.expenses,
    conflictHandler,
  },
  reservations: {
    schema: rxdbSchemas.reservations,
    migrationStrategies: rxMigrationStrategies.reservations,
    conflictHandler,
  },
  documents: {
    schema: rxdbSchemas.documents,
    migrationStrategies: rxMigrationStrategies.documents,
    conflictHandler,
  },
};
