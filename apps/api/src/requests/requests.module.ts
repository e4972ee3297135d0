import { Module } from '@nestjs/common';
import { GridModule } from '../responses/grid.module';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';

@Module({ imports: [GridModule], controllers: [RequestsController], providers: [RequestsService] })
export class RequestsModule {}
