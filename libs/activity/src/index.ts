export * from './activity';
export * from './activity-catalog';
