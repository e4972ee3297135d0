import type { Prisma } from '@app/db';
import type { RequestTemplateDto, RequestTemplateSummaryDto } from './dto/request-template.dto';

export const templateSummaryInclude = {
  createdBy: { select: { id: true, name: true } },
  _count: { select: { items: true, provisions: true } },
} as const;

export const templateInclude = {
  ...templateSummaryInclude,
  provisions: { orderBy: { position: 'asc' } },
  items: { orderBy: { ordinal: 'asc' }, include: { provision: { select: { reference: true } } } },
} as const;

type SummaryRow = Prisma.RequestTemplateGetPayload<{ include: typeof templateSummaryInclude }>;
type TemplateRow = Prisma.RequestTemplateGetPayload<{ include: typeof templateInclude }>;

export const mapTemplateSummary = (t: SummaryRow): RequestTemplateSummaryDto => ({
  id: t.id,
  name: t.name,
  description: t.description,
  createdBy: t.createdBy,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
  requestCount: t._count.items,
  provisionCount: t._count.provisions,
});

export const mapTemplate = (t: TemplateRow): RequestTemplateDto => ({
  ...mapTemplateSummary(t),
  provisions: t.provisions.map((p) => ({ reference: p.reference, title: p.title, text: p.text })),
  items: t.items.map((i) => ({
    ordinal: i.ordinal,
    title: i.title,
    text: i.text,
    provisionReference: i.provision?.reference ?? null,
  })),
});
