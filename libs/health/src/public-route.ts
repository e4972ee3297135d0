import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';

/** Metadata key of routes that need no login; the API's auth guard honours it. */
export const PUBLIC_ROUTE = 'auditdesk:public';

/** Marks a route that needs no login, and says so in the OpenAPI document (no security). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), SetMetadata(DECORATORS.API_SECURITY, []));
