// The fields of a request's form as a response fills them in: each field in the form's order
// with its label, help text, required mark and an input for its type. The response form
// (ResponseForm) owns the values, their autosave and the status moves; this only draws them and
// reports each change. Messages arrive by the API's paths (`formValues.<key>`, table cells
// `formValues.<key>[row].<col>`), from the client-side checks or from a refusal, and show on
// the field or cell they name.
//
// Dates are the browser's date inputs (as the due date is entered elsewhere in the app): typed
// or picked, and keyboard-friendly. A table is filled entirely by keyboard: Tab walks the cells
// row by row, "Add a row" is a button, and the new row's first cell takes the focus.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Input,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  activeFields,
  formValueText,
  isEmptyFormValue,
  type DateRange,
  type FormCellValue,
  type FormColumn,
  type FormField,
  type FormTableRow,
  type FormValue,
  type FormValues,
} from '@app/domain/audit-forms';
import { ConfirmDialog } from '../ConfirmDialog';

/** Evidence that a field of type EVIDENCE may point to: what is linked to this response. */
export interface EvidenceChoice {
  id: string;
  title: string;
}

export interface FormAnswerProps {
  fields: readonly FormField[];
  values: FormValues;
  /** A field's new value; null clears it. */
  onChange: (key: string, value: FormValue | null) => void;
  /** Focus left a field: the response form saves what is pending. */
  onBlur?: () => void;
  /** Messages by path (`formValues.<key>`, `formValues.<key>[row].<col>`). */
  errors: Record<string, string>;
  readOnly: boolean;
  evidence: readonly EvidenceChoice[];
}

/** The id of a field's input (or its group), which the summary of errors links to. */
export const formFieldId = (key: string) => `form-field-${key}`;
/** The id of a table cell's (first) input. */
export const formCellId = (key: string, row: number, column: string) => `form-field-${key}-${row}-${column}`;

/** The element a path (`formValues.<key>` or `formValues.<key>[row].<col>`) names on the page. */
export function formPathId(path: string): string | null {
  const match = /^formValues\.([a-z][a-z0-9_]*)(?:\[(\d+)\]\.([a-z][a-z0-9_]*))?/.exec(path);
  if (!match) return null;
  return match[2] !== undefined ? formCellId(match[1], Number(match[2]), match[3]) : formFieldId(match[1]);
}

export function FormAnswer({ fields, values, onChange, onBlur, errors, readOnly, evidence }: FormAnswerProps) {
  // Retired fields are shown only where the answer still holds a value: that value is kept.
  const retired = fields.filter((f) => f.retired && !isEmptyFormValue(values[f.key]));
  const evidenceTitle = (id: string) => evidence.find((e) => e.id === id)?.title;
  // A kept answer can no longer be edited, but it can be cleared (the API takes null for a
  // retired field): otherwise a wrong answer to a removed question would stay in the report and
  // keep the form from being removed, with nobody able to take it out.
  const [clearing, setClearing] = useState<FormField | null>(null);
  return (
    <Stack gap="md" onBlur={onBlur}>
      {activeFields(fields).map((field) => (
        <FieldInput
          key={field.key}
          field={field}
          value={values[field.key] ?? null}
          onChange={(value) => onChange(field.key, value)}
          errors={errors}
          readOnly={readOnly}
          evidence={evidence}
        />
      ))}
      {retired.map((field) => (
        <Paper key={field.key} withBorder p="sm" bg="gray.0" data-testid={`retired-${field.key}`}>
          <Group gap="xs" mb={4}>
            <Text size="sm" fw={600}>
              {field.label}
            </Text>
            <Badge color="gray" variant="light">
              Removed from the form; the answer is kept
            </Badge>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {formValueText(field, values[field.key], { evidenceTitle })}
          </Text>
          {!readOnly && (
            <Button
              mt="xs"
              size="compact-xs"
              variant="subtle"
              color="red"
              aria-label={`Clear the kept answer to “${field.label}”`}
              onClick={() => setClearing(field)}
            >
              Clear the kept answer
            </Button>
          )}
        </Paper>
      ))}
      <ConfirmDialog
        opened={clearing !== null}
        title={`Clear the kept answer to “${clearing?.label ?? ''}”?`}
        confirmLabel="Clear answer"
        color="red"
        onClose={() => setClearing(null)}
        onConfirm={() => {
          onChange(clearing!.key, null);
          setClearing(null);
        }}
      >
        <Text size="sm" mb="xs">
          This question was removed from the form. Its answer reads:
        </Text>
        <Text size="sm" mb="xs" fw={500} style={{ whiteSpace: 'pre-wrap' }}>
          {clearing ? formValueText(clearing, values[clearing.key], { evidenceTitle }) : ''}
        </Text>
        <Text size="sm">
          Once cleared it cannot be given again here, and it no longer prints in the report. The activity log keeps what
          it said.
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}

interface FieldInputProps {
  field: FormField;
  value: FormValue | null;
  onChange: (value: FormValue | null) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  evidence: readonly EvidenceChoice[];
}

const text = (value: FormValue | null) => (typeof value === 'string' ? value : '');

function FieldInput({ field, value, onChange, errors, readOnly, evidence }: FieldInputProps) {
  const common = {
    id: formFieldId(field.key),
    label: field.label,
    description: field.help || undefined,
    withAsterisk: field.required,
    error: errors[`formValues.${field.key}`],
  };
  switch (field.type) {
    case 'SHORT_TEXT':
      return (
        <TextInput
          {...common}
          value={text(value)}
          readOnly={readOnly}
          aria-required={field.required}
          // One line: a pasted line break would be refused by the API.
          onChange={(e) => onChange(e.currentTarget.value.replace(/[\r\n]+/g, ' ') || null)}
        />
      );
    case 'LONG_TEXT':
      return (
        <Textarea
          {...common}
          value={text(value)}
          readOnly={readOnly}
          aria-required={field.required}
          autosize
          minRows={3}
          maxRows={14}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
    case 'DATE':
      return (
        <DayInput
          {...common}
          value={typeof value === 'string' ? value : null}
          readOnly={readOnly}
          required={field.required}
          onChange={onChange}
        />
      );
    case 'DATE_RANGE':
      return (
        <RangeInput
          {...common}
          value={rangeOf(value)}
          readOnly={readOnly}
          required={field.required}
          onChange={(range) => onChange(range.from || range.to ? range : null)}
        />
      );
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          label={<NumberLabel label={field.label} unit={field.unit} />}
          value={typeof value === 'number' ? value : ''}
          readOnly={readOnly}
          aria-required={field.required}
          rightSection={field.unit ? <Unit unit={field.unit} /> : undefined}
          rightSectionWidth={field.unit ? unitWidth(field.unit) : undefined}
          rightSectionPointerEvents="none"
          thousandSeparator=","
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'YES_NO':
      return (
        <Radio.Group
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          readOnly={readOnly}
          onChange={(next) => onChange(next === 'yes')}
        >
          <Group gap="lg" mt={4}>
            <Radio value="yes" label="Yes" disabled={readOnly} />
            <Radio value="no" label="No" disabled={readOnly} />
          </Group>
        </Radio.Group>
      );
    case 'SINGLE_CHOICE':
      return (
        <Radio.Group {...common} value={text(value)} readOnly={readOnly} onChange={(next) => onChange(next || null)}>
          <Stack gap={6} mt={4}>
            {(field.options ?? []).map((option) => (
              <Radio key={option} value={option} label={option} disabled={readOnly} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'MULTIPLE_CHOICE':
      return (
        <Checkbox.Group
          {...common}
          value={Array.isArray(value) ? (value as string[]) : []}
          readOnly={readOnly}
          // Kept in the form's order of choices, whatever order they were ticked in.
          onChange={(next) => onChange(next.length ? (field.options ?? []).filter((o) => next.includes(o)) : null)}
        >
          <Stack gap={6} mt={4}>
            {(field.options ?? []).map((option) => (
              <Checkbox key={option} value={option} label={option} disabled={readOnly} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'EVIDENCE':
      return <EvidenceInput {...common} value={value} onChange={onChange} readOnly={readOnly} evidence={evidence} />;
    case 'TABLE':
      return (
        <TableInput
          field={field}
          rows={Array.isArray(value) ? (value as FormTableRow[]) : []}
          onChange={(rows) => onChange(rows.length ? rows : null)}
          errors={errors}
          readOnly={readOnly}
        />
      );
  }
}

/** A number's unit, read with its label ("Volume (records)") and shown in the box. */
function NumberLabel({ label, unit }: { label: string; unit?: string | null }) {
  if (!unit) return <>{label}</>;
  return (
    <>
      {label} <VisuallyHidden>{`(in ${unit})`}</VisuallyHidden>
    </>
  );
}

function Unit({ unit }: { unit: string }) {
  return (
    <Text size="sm" c="dimmed" pr="xs" aria-hidden>
      {unit}
    </Text>
  );
}

const unitWidth = (unit: string) => Math.min(160, 16 + unit.length * 8);

const rangeOf = (value: FormValue | null): DateRange =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : { from: null, to: null };

interface DayInputProps {
  id?: string;
  label?: ReactNode;
  description?: string;
  withAsterisk?: boolean;
  error?: string;
  'aria-label'?: string;
  value: string | null;
  readOnly: boolean;
  required?: boolean;
  size?: 'xs' | 'sm';
  onChange: (day: string | null) => void;
}

/**
 * A calendar day, typed or picked in the browser's date input. Half a typed date reads as empty
 * in the browser: it is not sent (it would clear the answer) and the field says what is missing.
 */
function DayInput({ value, readOnly, required, onChange, error, ...props }: DayInputProps) {
  const [partial, setPartial] = useState(false);
  return (
    <TextInput
      {...props}
      type="date"
      value={value ?? ''}
      readOnly={readOnly}
      aria-required={required}
      error={error ?? (partial && 'Enter the whole date (day, month and year), or clear it.')}
      onChange={(event) => {
        const incomplete = event.currentTarget.validity.badInput;
        setPartial(incomplete);
        if (!incomplete) onChange(event.currentTarget.value || null);
      }}
    />
  );
}

interface RangeInputProps extends Omit<DayInputProps, 'value' | 'onChange'> {
  value: DateRange;
  onChange: (range: DateRange) => void;
}

/** A date range: a start and an end day, either may stay open. */
function RangeInput({
  id,
  label,
  description,
  withAsterisk,
  error,
  value,
  readOnly,
  required,
  onChange,
  size,
  ...rest
}: RangeInputProps) {
  const labelId = id && label ? `${id}-label` : undefined;
  const name = rest['aria-label'] ?? (typeof label === 'string' ? label : '');
  return (
    <Input.Wrapper
      label={label}
      labelElement="div"
      labelProps={{ id: labelId }}
      description={description}
      withAsterisk={withAsterisk}
      error={error}
      size={size}
    >
      <Group gap="xs" role="group" aria-labelledby={labelId} aria-label={labelId ? undefined : name} wrap="nowrap">
        <DayInput
          id={id}
          aria-label={`${name}: from`}
          size={size}
          value={value.from}
          readOnly={readOnly}
          required={required}
          onChange={(from) => onChange({ from, to: value.to })}
        />
        <Text size="sm" aria-hidden>
          to
        </Text>
        <DayInput
          aria-label={`${name}: to`}
          size={size}
          value={value.to}
          readOnly={readOnly}
          required={required}
          onChange={(to) => onChange({ from: value.from, to })}
        />
      </Group>
    </Input.Wrapper>
  );
}

function EvidenceInput({
  value,
  onChange,
  readOnly,
  evidence,
  ...common
}: {
  id: string;
  label: string;
  description?: string;
  withAsterisk: boolean;
  error?: string;
  value: FormValue | null;
  onChange: (value: FormValue | null) => void;
  readOnly: boolean;
  evidence: readonly EvidenceChoice[];
}) {
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  // Evidence chosen earlier and since unlinked from the response stays listed, to be unticked.
  const gone = chosen.filter((id) => !evidence.some((e) => e.id === id));
  const choices = [...evidence, ...gone.map((id) => ({ id, title: 'Evidence no longer linked to this response' }))];
  return (
    <Checkbox.Group
      {...common}
      value={chosen}
      readOnly={readOnly}
      onChange={(next) => onChange(next.length ? choices.map((c) => c.id).filter((id) => next.includes(id)) : null)}
    >
      {choices.length === 0 ? (
        <Text size="sm" c="dimmed" mt={4}>
          No evidence is linked to this response yet: add it under Evidence, then pick it here.
        </Text>
      ) : (
        <Stack gap={6} mt={4}>
          {choices.map((e) => (
            <Checkbox key={e.id} value={e.id} label={e.title} disabled={readOnly} />
          ))}
        </Stack>
      )}
    </Checkbox.Group>
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

function TableInput({
  field,
  rows,
  onChange,
  errors,
  readOnly,
}: {
  field: FormField;
  rows: FormTableRow[];
  onChange: (rows: FormTableRow[]) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  // A column removed from the form shows, read only, while some row still holds an entry in it.
  const columns = (field.columns ?? []).filter(
    (c) => !c.retired || rows.some((row) => !isEmptyFormValue(row[c.key] ?? null)),
  );
  const id = formFieldId(field.key);
  const labelId = `${id}-label`;
  // The row just added takes the focus once it is drawn.
  const focusRow = useRef<number | null>(null);
  const firstColumn = columns.find((c) => !c.retired)?.key ?? '';
  useEffect(() => {
    if (focusRow.current === null || rows.length <= focusRow.current) return;
    document.getElementById(formCellId(field.key, focusRow.current, firstColumn))?.focus();
    focusRow.current = null;
  }, [rows.length, field.key, firstColumn]);

  const setCell = (r: number, column: string, cell: FormCellValue) =>
    onChange(rows.map((row, i) => (i === r ? { ...row, [column]: cell } : row)));
  const addRow = () => {
    focusRow.current = rows.length;
    onChange([...rows, {}]);
  };
  const removeRow = (r: number) => onChange(rows.filter((_, i) => i !== r));

  return (
    <Input.Wrapper
      label={field.label}
      labelElement="div"
      labelProps={{ id: labelId }}
      description={field.help || undefined}
      withAsterisk={field.required}
      error={errors[`formValues.${field.key}`]}
    >
      {/* Wide tables scroll sideways; an empty one needs no scrolling (and no Tab stop of its own). */}
      <Table.ScrollContainer minWidth={rows.length ? columns.length * 170 : 0} mt={4}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing={6} aria-labelledby={labelId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={40}>
                <VisuallyHidden>Row</VisuallyHidden>
              </Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.key} scope="col">
                  {c.label}
                  {c.unit ? ` (${c.unit})` : ''}
                  {c.retired ? ' (removed from the form)' : ''}
                  {c.required && (
                    <Text span c="red.9">
                      <span aria-hidden> *</span>
                      <VisuallyHidden> (required)</VisuallyHidden>
                    </Text>
                  )}
                </Table.Th>
              ))}
              {!readOnly && (
                <Table.Th scope="col" w={90}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length + 2}>
                  <Text size="sm" c="dimmed">
                    No rows yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {rows.map((row, r) => (
              <Table.Tr key={r}>
                <Table.Th scope="row">
                  <Text size="sm">{r + 1}</Text>
                </Table.Th>
                {columns.map((c) => (
                  <Table.Td key={c.key}>
                    <CellInput
                      id={formCellId(field.key, r, c.key)}
                      column={c}
                      name={`${c.label}, row ${r + 1}`}
                      value={row[c.key] ?? null}
                      onChange={(cell) => setCell(r, c.key, cell)}
                      error={errors[`formValues.${field.key}[${r}].${c.key}`]}
                      readOnly={readOnly || !!c.retired}
                    />
                  </Table.Td>
                ))}
                {!readOnly && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove row ${r + 1} of ${field.label}`}
                      onClick={() => removeRow(r)}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!readOnly && (
        <Button
          size="xs"
          variant="default"
          mt="xs"
          // What a message about the whole table links to: adding a row is the way to answer it.
          id={id}
          aria-label={`Add a row to ${field.label}`}
          onClick={addRow}
        >
          Add a row
        </Button>
      )}
    </Input.Wrapper>
  );
}

function CellInput({
  id,
  column,
  name,
  value,
  onChange,
  error,
  readOnly,
}: {
  id: string;
  column: FormColumn;
  name: string;
  value: FormCellValue;
  onChange: (value: FormCellValue) => void;
  error?: string;
  readOnly: boolean;
}) {
  const common = { id, 'aria-label': name, error, size: 'xs' as const };
  switch (column.type) {
    case 'SHORT_TEXT':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          readOnly={readOnly}
          onChange={(e) => onChange(e.currentTarget.value.replace(/[\r\n]+/g, ' ') || null)}
        />
      );
    case 'DATE':
      return (
        <DayInput
          {...common}
          value={typeof value === 'string' ? value : null}
          readOnly={readOnly}
          onChange={onChange}
        />
      );
    case 'DATE_RANGE':
      return (
        <RangeInput
          {...common}
          value={rangeOf(value)}
          readOnly={readOnly}
          onChange={(range) => onChange(range.from || range.to ? range : null)}
        />
      );
    case 'NUMBER':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          readOnly={readOnly}
          thousandSeparator=","
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'YES_NO':
      return (
        <NativeSelect
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          disabled={readOnly}
          data={[
            { value: '', label: '—' },
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
          onChange={(e) => onChange(e.currentTarget.value === '' ? null : e.currentTarget.value === 'yes')}
        />
      );
    case 'SINGLE_CHOICE':
      return (
        <NativeSelect
          {...common}
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          data={[{ value: '', label: '—' }, ...(column.options ?? [])]}
          onChange={(e) => onChange(e.currentTarget.value || null)}
        />
      );
  }
}
