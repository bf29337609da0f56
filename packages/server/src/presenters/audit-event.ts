import { z } from 'zod';
import type { StoredAuditEvent } from '@concord/core/audit';

export const auditEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  payload: z.unknown(),
  payloadDigest: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type PresentedAuditEvent = z.infer<typeof auditEventSchema>;

export function presentAuditEvent(
  event: StoredAuditEvent,
  actorEmail: string | null,
): PresentedAuditEvent {
  return { ...event, actorEmail };
}
