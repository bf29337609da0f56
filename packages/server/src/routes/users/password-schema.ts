import { z } from 'zod';

/** At least 12 characters: length is what makes a password strong (NIST SP 800-63B). */
export const passwordSchema = z.string().min(12, 'must be at least 12 characters').max(1024);
