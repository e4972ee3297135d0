import type { Prisma } from '@app/db';
import { formatCalendarDate, isOverdue } from '@app/domain';
import { mapProvision } from '../provisions/provision.mapper';
import type { FormFieldDto } from '../form-templates/dto/form-field.dto';
import type { ResponseDetailDto, ResponseDto, StatusNoteDto } from './dto/response.dto';

const userRef = { select: { id: true, name: true } } as const;

export const responseInclude = {
  subject: { select: { id: true, name: true } },
  request: { select: { id: true, ordinal: true, title: true } },
  assignee: userRef,
  reviewer: userRef,
  approvedBy: userRef,
  _count: { select: { comments: true } },
} as const;

export const responseDetailInclude = {
  ...responseInclude,
  subject: { select: { id: true, name: true, owner: userRef } },
  request: {
    select: {
      id: true,
      ordinal: true,
      title: true,
      text: true,
      provision: true,
      form: { select: { fields: true, version: true } },
    },
  },
} as const;

type ResponseRow = Prisma.ResponseGetPayload<{ include: typeof responseInclude }>;
type ResponseDetailRow = Prisma.ResponseGetPayload<{ include: typeof responseDetailInclude }>;

export interface Deadline {
  at: Date;
  zone: string;
  now: Date;
}

export const mapResponse = (r: ResponseRow, deadline: Deadline): ResponseDto => ({
  id: r.id,
  subject: { id: r.subject.id, name: r.subject.name },
  request: { id: r.request.id, ordinal: r.request.ordinal, title: r.request.title },
  status: r.status,
  assignee: r.assignee,
  reviewer: r.reviewer,
  dueDate: r.dueDate ? formatCalendarDate(r.dueDate) : null,
  answer: r.answer,
  version: r.version,
  overdue: isOverdue(r, deadline.at, deadline.zone, deadline.now),
  approvedAt: r.approvedAt,
  approvedBy: r.approvedBy,
  commentCount: r._count.comments,
  updatedAt: r.updatedAt,
});

export const mapResponseDetail = (
  r: ResponseDetailRow,
  deadline: Deadline,
  statusNote: StatusNoteDto | null,
): ResponseDetailDto => ({
  ...mapResponse(r, deadline),
  statusNote,
  requestText: r.request.text,
  provision: r.request.provision ? mapProvision(r.request.provision) : null,
  subjectOwner: r.subject.owner,
  form: r.request.form
    ? { fields: r.request.form.fields as unknown as FormFieldDto[], version: r.request.form.version }
    : null,
  formValues: (r.formValues as Record<string, unknown> | null) ?? null,
  answeredById: r.answeredById,
});
