import { Global, Module } from '@nestjs/common';
import { LegalHoldController } from './legal-hold.controller';
import { LegalHoldService } from './legal-hold.service';

/** Global: every feature that deletes anything asks LegalHoldService.ensureDeletable. */
@Global()
@Module({ controllers: [LegalHoldController], providers: [LegalHoldService], exports: [LegalHoldService] })
export class LegalHoldModule {}
