export * from './public-route';
export * from './redis-connection';
export * from './health.indicators';
export * from './health.module';
