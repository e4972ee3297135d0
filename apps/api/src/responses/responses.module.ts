import { Module } from '@nestjs/common';
import { CommentsService } from './comments.service';
import { ResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';
import { BulkStaffingService } from './bulk-staffing.service';

@Module({ controllers: [ResponsesController], providers: [ResponsesService, CommentsService, BulkStaffingService] })
export class ResponsesModule {}
