import { Global, Module } from '@nestjs/common';
import { AuditAccessService } from './audit-access.service';

@Global()
@Module({ providers: [AuditAccessService], exports: [AuditAccessService] })
export class AccessModule {}
