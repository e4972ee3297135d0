import { Module } from '@nestjs/common';
import { ProductionProcessor } from './production.processor';

/** Builds production volumes; the BlobStore and Clock come from the worker's global modules. */
@Module({ providers: [ProductionProcessor] })
export class ProductionsWorkerModule {}
