import { SetMetadata } from '@nestjs/common';

/** Metadata key of routes that need no login; the API's auth guard honours it. */
export const PUBLIC_ROUTE = 'auditdesk:public';

export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
