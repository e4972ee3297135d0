export * from './evidence-integrity.service';
export * from './evidence-integrity.module';
