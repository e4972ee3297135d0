import { Select } from '@mantine/core';
import type { AuditRole } from '../api/client';
import { ROLE_MEANING, ROLE_OPTIONS } from '../lib/status';

/** The role a person is given in an audit, with what that role may do beneath it. */
export function RoleSelect({
  label = 'Role',
  value,
  onChange,
  error,
}: {
  label?: string;
  value: AuditRole;
  onChange: (role: AuditRole) => void;
  error?: string;
}) {
  return (
    <Select
      label={label}
      description={ROLE_MEANING[value]}
      required
      allowDeselect={false}
      data={ROLE_OPTIONS}
      value={value}
      onChange={(next) => next && onChange(next)}
      error={error}
    />
  );
}
