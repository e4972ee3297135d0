import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { CorrespondenceController } from './correspondence.controller';
import { CorrespondenceService } from './correspondence.service';

@Module({ imports: [EvidenceModule], controllers: [CorrespondenceController], providers: [CorrespondenceService] })
export class CorrespondenceModule {}
