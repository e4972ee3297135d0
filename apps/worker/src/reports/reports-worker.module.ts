import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@app/domain';
import { ReportProcessor } from './report.processor';

@Module({ providers: [ReportProcessor, { provide: Clock, useClass: SystemClock }] })
export class ReportsWorkerModule {}
