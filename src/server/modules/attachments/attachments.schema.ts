import { z } from 'zod';

/** What an attachment hangs on: a teaching-research activity or a growth record. */
export const ATTACHMENT_ENTITIES = ['activity', 'growth'] as const;
export type AttachmentEntity = (typeof ATTACHMENT_ENTITIES)[number];

export const attachmentParams = z.object({ id: z.string().min(1).max(64), fileId: z.string().min(1).max(64) });

export const attachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  mime: z.string(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type AttachmentDto = z.infer<typeof attachmentSchema>;

export const attachmentList = z.object({
  items: z.array(attachmentSchema),
  abilities: z.object({ upload: z.boolean() }),
});
