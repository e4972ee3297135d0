import { Module } from '@nestjs/common';
import { RedactionsController } from './redactions.controller';
import { RedactionsService } from './redactions.service';

@Module({
  controllers: [RedactionsController],
  providers: [RedactionsService],
})
export class RedactionsModule {}
