import { Module } from '@nestjs/common';
import { AuditRequestTemplatesController, RequestTemplatesController } from './request-templates.controller';
import { RequestTemplatesService } from './request-templates.service';

@Module({
  controllers: [RequestTemplatesController, AuditRequestTemplatesController],
  providers: [RequestTemplatesService],
  exports: [RequestTemplatesService],
})
export class RequestTemplatesModule {}
