import { Module } from '@nestjs/common';
import { GridModule } from '../responses/grid.module';
import { RequestFormsModule } from '../request-forms/request-forms.module';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';

@Module({ imports: [GridModule, RequestFormsModule], controllers: [RequestsController], providers: [RequestsService] })
export class RequestsModule {}
