import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig, AppConfigModule, ClockModule } from '@app/config';
import { DbModule } from '@app/db';
import { HealthModule } from '@app/health';
import { StorageModule } from '@app/storage';
import { AccessModule } from './access/access.module';
import { AccountMailModule } from './account-mail/account-mail.module';
import { AdminUsersModule } from './admin-users/admin-users.module';
import { ActivityModule } from './activity/activity.module';
import { AuditsModule } from './audits/audits.module';
import { AuthModule } from './auth/auth.module';
import { CalendarModule } from './calendar/calendar.module';
import { DemoModule } from './demo/demo.module';
import { RequestMediaTypeInterceptor } from './common/request-media-type';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { EvidenceModule } from './evidence/evidence.module';
import { ExportsModule } from './exports/exports.module';
import { ImportsModule } from './imports/imports.module';
import { InvitationsModule } from './invitations/invitations.module';
import { LegalHoldModule } from './legal-hold/legal-hold.module';
import { MembersModule } from './members/members.module';
import { ProgressModule } from './progress/progress.module';
import { ProvisionsModule } from './provisions/provisions.module';
import { ReportsModule } from './reports/reports.module';
import { ProductionsModule } from './productions/productions.module';
import { PrivilegeLogModule } from './privilege-log/privilege-log.module';
import { RedactionsModule } from './redactions/redactions.module';
import { CorrespondenceModule } from './correspondence/correspondence.module';
import { ExtensionsModule } from './extensions/extensions.module';
import { FormalResponseModule } from './formal-response/formal-response.module';
import { ResponseSubmissionsModule } from './response-submissions/response-submissions.module';
import { ObjectionsModule } from './objections/objections.module';
import { RemindersModule } from './reminders/reminders.module';
import { RequestTemplatesModule } from './request-templates/request-templates.module';
import { FormTemplatesModule } from './form-templates/form-templates.module';
import { RequestFormsModule } from './request-forms/request-forms.module';
import { RequestsModule } from './requests/requests.module';
import { ResponsesModule } from './responses/responses.module';
import { StoredFileCleanupModule } from './common/stored-file-cleanup';
import { SourceDocumentsModule } from './source-documents/source-documents.module';
import { StructureOrderModule } from './structure-order/structure-order.module';
import { SubjectsModule } from './subjects/subjects.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    AppConfigModule,
    DbModule.forRoot(),
    ClockModule,
    AccessModule,
    StoredFileCleanupModule,
    AuthModule,
    UsersModule,
    AuditsModule,
    MembersModule,
    AccountMailModule,
    InvitationsModule,
    AdminUsersModule,
    ProvisionsModule,
    SubjectsModule,
    RequestsModule,
    StructureOrderModule,
    RequestTemplatesModule,
    FormTemplatesModule,
    RequestFormsModule,
    ImportsModule,
    ResponsesModule,
    ProgressModule,
    ActivityModule,
    ReportsModule,
    ProductionsModule,
    PrivilegeLogModule,
    RedactionsModule,
    ExportsModule,
    RemindersModule,
    ExtensionsModule,
    CalendarModule,
    HealthModule,
    // The API only adds jobs; the worker runs them.
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: { url: config.REDIS_URL }, prefix: config.QUEUE_PREFIX }),
    }),
    StorageModule,
    LegalHoldModule,
    EvidenceModule,
    SourceDocumentsModule,
    CorrespondenceModule,
    DemoModule,
    ObjectionsModule,
    FormalResponseModule,
    ResponseSubmissionsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestMediaTypeInterceptor },
  ],
})
export class AppModule {}
