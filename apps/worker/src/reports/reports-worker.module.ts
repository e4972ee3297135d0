import { Module } from '@nestjs/common';
import { ReportProcessor } from './report.processor';

/** Renders queued reports; the Clock comes from the worker's global clock module. */
@Module({ providers: [ReportProcessor] })
export class ReportsWorkerModule {}
