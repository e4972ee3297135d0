import { Param, ParseEnumPipe } from '@nestjs/common';
import { ApiOkResponse, ApiParam } from '@nestjs/swagger';
import { AppError } from './app-error';

/** The formats a log or table is exported in: the spreadsheet twins, and the printed copy. */
export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

export const EXPORT_MEDIA_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const orList = (formats: readonly string[]) =>
  formats.length === 1 ? formats[0] : `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;

/**
 * The `format` path parameter of an export route (`export.:format`): one of `formats`, or a
 * 400 naming `format`. The OpenAPI document gets the parameter's values and each format's
 * media type as the 200 answer, so every export route says the same things the same way.
 */
export const ExportFormatParam =
  (description: string, ...formats: ExportFormat[]): ParameterDecorator =>
  (target, key, index) => {
    const values = Object.fromEntries(formats.map((f) => [f, f]));
    Param(
      'format',
      new ParseEnumPipe(values, {
        exceptionFactory: () => AppError.invalid('format', `format must be ${orList(formats)}`),
      }),
    )(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key === undefined || !method) return;
    ApiParam({ name: 'format', enum: formats })(target, key, method);
    ApiOkResponse({
      description,
      content: Object.fromEntries(
        formats.map((f) => [EXPORT_MEDIA_TYPE[f].split(';')[0], { schema: { type: 'string', format: 'binary' } }]),
      ),
    })(target, key, method);
  };
