import type { Category } from '@hamgaja/shared';

/** Each category's colour: the stripe of its stop cards and the tint of its chip. */
export const categoryColors: Record<Category, string> = {
  sightseeing: '#0d9488',
  food: '#ea580c',
  lodging: '#6366f1',
  shopping: '#db2777',
  activity: '#16a34a',
  transport: '#0284c7',
  other: '#64748b',
};
