export * from './mail-transport';
export * from './reminder-digest';
export * from './account-links-mail';
export * from './unsubscribe-link';
export * from './html';
export * from './production-release-mail';
