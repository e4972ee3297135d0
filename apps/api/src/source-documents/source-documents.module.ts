import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { SourceDocumentsController } from './source-documents.controller';
import { SourceDocumentsService } from './source-documents.service';

@Module({ imports: [EvidenceModule], controllers: [SourceDocumentsController], providers: [SourceDocumentsService] })
export class SourceDocumentsModule {}
