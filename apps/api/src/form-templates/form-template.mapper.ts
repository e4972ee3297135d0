import type { Prisma } from '@app/db';
import type { FormField } from '@app/domain';
import type { FormTemplateDto } from './dto/form-template.dto';

export const formTemplateInclude = { _count: { select: { requestForms: true } } } as const;

type FormTemplateRow = Prisma.FormTemplateGetPayload<{ include: typeof formTemplateInclude }>;

/** A stored definition (JSON written only through formDefinition) as the API answers it. */
export const storedFields = (json: Prisma.JsonValue): FormField[] => json as unknown as FormField[];

export const mapFormTemplate = (t: FormTemplateRow): FormTemplateDto => ({
  id: t.id,
  name: t.name,
  description: t.description,
  fields: storedFields(t.fields),
  version: t.version,
  updatedAt: t.updatedAt,
  usedBy: t._count.requestForms,
});
