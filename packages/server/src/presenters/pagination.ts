import { z } from 'zod';

/** Every list is paginated: `limit` (1–200, default 50) and `offset`, echoed with the `total`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const pageFields = {
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
};
