import { generatePassword } from '@app/accounts';

export const PASSWORD_ENV = 'AUDITDESK_PASSWORD';

export interface ChosenPassword {
  password: string;
  /** True when nobody chose it: the command must print it, once. */
  generated: boolean;
}

/**
 * The --password option, else AUDITDESK_PASSWORD (which keeps the password out of shell
 * history and process lists), else a strong random one.
 */
export function choosePassword(option: string | undefined, env: NodeJS.ProcessEnv): ChosenPassword {
  if (option !== undefined) return { password: option, generated: false };
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv) return { password: fromEnv, generated: false };
  return { password: generatePassword(), generated: true };
}

/** The confirmation's tail that hands over a generated password. */
export const generatedNote = ({ password, generated }: ChosenPassword): string =>
  generated ? ` Generated password (shown once): ${password}` : '';
