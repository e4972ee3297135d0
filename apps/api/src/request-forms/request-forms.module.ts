import { Module } from '@nestjs/common';
import { RequestFormsController } from './request-forms.controller';
import { RequestFormsService } from './request-forms.service';

@Module({ controllers: [RequestFormsController], providers: [RequestFormsService], exports: [RequestFormsService] })
export class RequestFormsModule {}
