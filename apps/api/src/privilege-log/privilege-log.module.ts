import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { PrivilegeLogController } from './privilege-log.controller';
import { PrivilegeLogService } from './privilege-log.service';

// The PDF export renders on the reports' pool: one render thread for every document the API prints.
@Module({
  imports: [ReportsModule],
  controllers: [PrivilegeLogController],
  providers: [PrivilegeLogService],
})
export class PrivilegeLogModule {}
