import { Module } from '@nestjs/common';
import { GridModule } from '../responses/grid.module';
import { RequestFormsModule } from '../request-forms/request-forms.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [GridModule, RequestFormsModule, SubjectsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
})
export class ImportsModule {}
