import type { Prisma } from '@app/db';
import type { CommentDto } from './dto/comment.dto';

export const commentInclude = { author: { select: { id: true, name: true } } } as const;

export type CommentRow = Prisma.CommentGetPayload<{ include: typeof commentInclude }>;

export const mapComment = (c: CommentRow): CommentDto => ({
  id: c.id,
  author: c.author,
  body: c.body,
  createdAt: c.createdAt,
});
