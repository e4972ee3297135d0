import { Module } from '@nestjs/common';
import { AuditsController } from './audits.controller';
import { AuditCopyService } from './audit-copy.service';
import { AuditsService } from './audits.service';
import { RequestTemplatesModule } from '../request-templates/request-templates.module';

@Module({
  imports: [RequestTemplatesModule],
  controllers: [AuditsController],
  providers: [AuditsService, AuditCopyService],
})
export class AuditsModule {}
