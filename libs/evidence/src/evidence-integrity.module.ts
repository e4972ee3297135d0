import { Module } from '@nestjs/common';
import { EvidenceIntegrityService } from './evidence-integrity.service';

/** Needs PrismaService, BlobStore and Clock from the app's global modules. */
@Module({ providers: [EvidenceIntegrityService], exports: [EvidenceIntegrityService] })
export class EvidenceIntegrityModule {}
