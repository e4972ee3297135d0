import type { Prisma } from '@app/db';
import { formSummary } from '@app/domain';
import { storedFields } from '../form-templates/form-template.mapper';
import { mapProvision } from '../provisions/provision.mapper';
import type { RequestDto } from './dto/request.dto';

/**
 * A request as the API answers it. Its form comes with it (one statement for the forms of every
 * request read, and one for their templates' names), so that a list never asks per request.
 */
export const requestInclude = {
  provision: true,
  chosenSubjects: { select: { subjectId: true } },
  form: { select: { fields: true, version: true, template: { select: { name: true } } } },
} as const;

export type RequestRow = Prisma.AuditRequestGetPayload<{ include: typeof requestInclude }>;

export const mapRequest = (r: RequestRow): RequestDto => ({
  id: r.id,
  ordinal: r.ordinal,
  title: r.title,
  text: r.text,
  provision: r.provision ? mapProvision(r.provision) : null,
  appliesToAll: r.appliesToAll,
  subjectIds: r.appliesToAll ? [] : r.chosenSubjects.map((c) => c.subjectId),
  form: r.form
    ? {
        ...formSummary(storedFields(r.form.fields)),
        version: r.form.version,
        templateName: r.form.template?.name ?? null,
      }
    : null,
});
