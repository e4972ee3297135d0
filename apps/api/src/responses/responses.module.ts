import { Module } from '@nestjs/common';
import { CommentsService } from './comments.service';
import { ResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';

@Module({ controllers: [ResponsesController], providers: [ResponsesService, CommentsService] })
export class ResponsesModule {}
