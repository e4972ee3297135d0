import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FormalResponseModule } from '../formal-response/formal-response.module';
import { ReportsModule } from '../reports/reports.module';
import { ResponseSubmissionsController } from './response-submissions.controller';
import { ResponseSubmissionsService } from './response-submissions.service';
import { SubmissionCertificationsController } from './submission-certifications.controller';
import { SubmissionCertificationsService } from './submission-certifications.service';

// The letter comes from the formal response, the report renders on the reports' pool; signing
// re-enters a password, counted by the login throttle.
@Module({
  imports: [AuthModule, FormalResponseModule, ReportsModule],
  controllers: [ResponseSubmissionsController, SubmissionCertificationsController],
  providers: [ResponseSubmissionsService, SubmissionCertificationsService],
})
export class ResponseSubmissionsModule {}
