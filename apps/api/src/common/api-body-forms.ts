import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtension, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';

/** Read by `configureApp`: the multipart form's own schema, for a route that takes JSON or a form. */
export const MULTIPART_FORM_EXTENSION = 'x-auditdesk-multipart-form';

/**
 * A route that takes either a JSON body (`json`) or a multipart/form-data one (`form`).
 * Nest's Swagger plugin gives every media type of a body the same schema, so the form's own
 * schema rides on an extension that `configureApp` moves into the document.
 */
export const ApiJsonOrMultipart = (json: Type<unknown>, form: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(form),
    ApiConsumes('application/json', 'multipart/form-data'),
    ApiBody({ type: json }),
    ApiExtension(MULTIPART_FORM_EXTENSION, { $ref: getSchemaPath(form) }),
  );
