export * from './passwords';
export * from './emails';
export * from './tokens';
export * from './user-accounts';
