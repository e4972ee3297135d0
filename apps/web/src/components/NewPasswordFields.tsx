// The "choose a password, type it again" pair of the public account pages (accepting an
// invitation, resetting a password): one place for the rule and its wording.
import { PasswordInput } from '@mantine/core';
import { useState } from 'react';

export interface NewPassword {
  password: string;
  repeat: string;
  mismatch: boolean;
  setPassword: (value: string) => void;
  setRepeat: (value: string) => void;
  /** Call on submit: true when both entries agree; otherwise the repeat field says they differ. */
  confirm: () => boolean;
}

export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  return {
    password,
    repeat,
    mismatch,
    setPassword,
    setRepeat,
    confirm: () => {
      setMismatch(password !== repeat);
      return password === repeat;
    },
  };
}

export function NewPasswordFields({
  state,
  label,
  error,
}: {
  state: NewPassword;
  label: string;
  /** The server's word on the password (too short, too common). */
  error?: string;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        description="At least 10 characters"
        required
        autoComplete="new-password"
        value={state.password}
        onChange={(event) => state.setPassword(event.currentTarget.value)}
        error={error}
      />
      <PasswordInput
        label="Repeat the password"
        required
        autoComplete="new-password"
        value={state.repeat}
        onChange={(event) => state.setRepeat(event.currentTarget.value)}
        error={state.mismatch ? 'The two passwords differ' : undefined}
      />
    </>
  );
}
