import { Module } from '@nestjs/common';
import { GridModule } from '../responses/grid.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ imports: [GridModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
