// One request's form answered by every subject, side by side: a row per subject, a column per
// field. Fields answered differently by two subjects are marked in their header in words (and
// the column tinted); a required entry left empty says so in its cell; a field removed from
// the form, which some answer still holds, is marked in its header. The subject column and the
// header row stay in place while the table scrolls.
import { Anchor, Badge, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { formValueText, type FormField, type FormValue, type FormValues } from '@app/domain/audit-forms';
import type { FormComparisonDto } from '../../api/queries/forms';
import { StatusBadge } from '../progress';
import classes from './FormComparison.module.css';

/** A value in a comparison cell. Evidence reads as a count: the comparison carries ids, not titles. */
function cellText(field: FormField, value: FormValue | undefined): string {
  if (field.type === 'EVIDENCE' && Array.isArray(value)) {
    return value.length === 0 ? '' : `${value.length} evidence item${value.length === 1 ? '' : 's'}`;
  }
  return formValueText(field, value);
}

export function FormComparisonTable({ auditId, comparison }: { auditId: string; comparison: FormComparisonDto }) {
  const differing = new Set(comparison.differing);
  const { fields, rows } = comparison;
  return (
    <Stack gap="xs">
      <Group gap="md" aria-label="How to read the table" role="note">
        <Text size="sm">
          <Badge color="yellow" variant="light" leftSection={<span aria-hidden>≠</span>}>
            Differs
          </Badge>{' '}
          subjects answered differently
        </Text>
        <Text size="sm">
          <Badge color="red" variant="light" leftSection={<span aria-hidden>!</span>}>
            Required
          </Badge>{' '}
          a required entry is empty
        </Text>
        <Text size="sm">
          <Badge color="gray" variant="light">
            Removed
          </Badge>{' '}
          no longer on the form; answers kept
        </Text>
      </Group>
      <div
        className={classes.scroller}
        // The table scrolls in this box: it takes the focus so the keyboard can scroll it.
        tabIndex={0}
        role="region"
        aria-label={`Answers to request ${comparison.request.ordinal}, by subject`}
      >
        <Table
          className={classes.table}
          withColumnBorders
          verticalSpacing="xs"
          aria-label="Answers by subject and field"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className={classes.corner}>
                Subject
              </Table.Th>
              {fields.map((field) => (
                <Table.Th
                  key={field.key}
                  scope="col"
                  className={differing.has(field.key) ? classes.differs : undefined}
                  data-testid={`column-${field.key}`}
                >
                  <Stack gap={4}>
                    <Text size="sm" fw={700} className={field.retired ? classes.retired : undefined}>
                      {field.label}
                      {field.required && !field.retired && (
                        <Text span c="red.9">
                          <span aria-hidden> *</span>
                          <VisuallyHidden> (required)</VisuallyHidden>
                        </Text>
                      )}
                    </Text>
                    <Group gap={4}>
                      {differing.has(field.key) && (
                        <Badge size="sm" color="yellow" variant="light" leftSection={<span aria-hidden>≠</span>}>
                          Differs
                        </Badge>
                      )}
                      {field.retired && (
                        <Badge size="sm" color="gray" variant="light">
                          Removed
                        </Badge>
                      )}
                    </Group>
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const values = (row.values ?? {}) as FormValues;
              return (
                <Table.Tr key={row.responseId}>
                  <Table.Th scope="row" className={classes.subject}>
                    <Stack gap={4} align="flex-start">
                      <Anchor component={Link} to={`/audits/${auditId}/responses/${row.responseId}`} size="sm" fw={600}>
                        {row.subject.name}
                      </Anchor>
                      <StatusBadge status={row.status} size="xs" />
                    </Stack>
                  </Table.Th>
                  {fields.map((field) => {
                    const text = cellText(field, values[field.key]);
                    const missing = row.missing.includes(field.key);
                    return (
                      <Table.Td
                        key={field.key}
                        className={`${classes.value} ${differing.has(field.key) ? classes.differs : ''}`}
                      >
                        {text && <Text size="sm">{text}</Text>}
                        {missing && (
                          <Badge size="sm" color="red" variant="light" leftSection={<span aria-hidden>!</span>}>
                            {text ? 'Required entries empty' : 'Required, not answered'}
                          </Badge>
                        )}
                        {!text && !missing && (
                          <Text size="sm" c="dimmed">
                            <span aria-hidden>—</span>
                            <VisuallyHidden>Not answered</VisuallyHidden>
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
