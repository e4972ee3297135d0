/** Emails are unique regardless of case: store and look them up in this form. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
