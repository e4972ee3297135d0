import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Metadata key of routes that need no login; the API's auth guard honours it. */
export const PUBLIC_ROUTE = 'auditdesk:public';

/**
 * OpenAPI extension on public operations. Swagger drops an empty `security` list, so the
 * document builder reads this marker and writes `security: []` itself.
 */
export const PUBLIC_OPERATION_EXTENSION = 'x-public';

/** Marks a route that needs no login. */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION_EXTENSION, true));
