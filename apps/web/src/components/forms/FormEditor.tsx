// The form editor: a form's fields in order (label, help text, required, type; a unit for
// numbers, choices for choice fields, typed columns for tables), added, moved and removed with
// buttons a keyboard reaches. A field's key follows its label until it is saved (or typed), and
// is fixed once saved, as is its type: answers are stored under the key, in the type. A saved
// field that is removed is retired, not deleted: its answers are kept. Controlled: the parent
// holds the draft (and saves it); problems arrive placed on the inputs (`placeProblems`).
import {
  FORM_COLUMN_TYPES,
  FORM_FIELD_TYPE_LABELS,
  FORM_FIELD_TYPES,
  FORM_MAX_COLUMNS,
  FORM_MAX_FIELDS,
  FORM_MAX_HELP,
  FORM_MAX_LABEL,
  type FormColumnType,
  type FormFieldType,
} from '@app/domain/audit-forms';
import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import {
  type EditorColumn,
  type EditorField,
  type EditorFields,
  hasChoices,
  newColumn,
  newField,
  type PlacedProblems,
  relabelled,
} from './form-editor-model';

export interface FormEditorProps {
  value: EditorFields;
  onChange: (next: EditorFields) => void;
  problems: PlacedProblems;
}

const FIELD_TYPE_OPTIONS = FORM_FIELD_TYPES.map((value) => ({ value, label: FORM_FIELD_TYPE_LABELS[value] }));
const COLUMN_TYPE_OPTIONS = FORM_COLUMN_TYPES.map((value) => ({ value, label: FORM_FIELD_TYPE_LABELS[value] }));

/** Moves the item at `from` to `to`. */
function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export function FormEditor({ value, onChange, problems }: FormEditorProps) {
  const { active, retired } = value;
  // After a button moves, adds or removes a row, focus goes where the person expects it
  // (the moved row's button, the new row's label), not back to the top of the page.
  // Read after the parent draws the change (a ref: setting it draws nothing by itself).
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const setFocusId = (id: string) => {
    focusNext.current = id;
  };

  const allKeys = (except?: string) => [...active, ...retired].filter((f) => f.uid !== except).map((f) => f.key);
  const setActive = (next: EditorField[]) => onChange({ active: next, retired });
  const update = (uid: string, change: (field: EditorField) => EditorField) =>
    setActive(active.map((f) => (f.uid === uid ? change(f) : f)));

  const add = () => {
    const field = newField(allKeys());
    setActive([...active, field]);
    setFocusId(`${field.uid}-label`);
  };
  const move = (index: number, to: number) => {
    const field = active[index];
    setActive(moved(active, index, to));
    // The button pressed, unless the row reached the end it was moving to.
    const edge = to === 0 ? 'down' : to === active.length - 1 ? 'up' : null;
    setFocusId(`${field.uid}-${edge ?? (to < index ? 'up' : 'down')}`);
  };
  const remove = (index: number) => {
    const field = active[index];
    const rest = active.filter((_, i) => i !== index);
    // A field never saved holds no answers: it simply goes. A saved one is retired on saving.
    onChange({ active: rest, retired: field.saved ? [...retired, { ...field, removedNow: true }] : retired });
    setFocusId(rest[index] ? `${rest[index].uid}-label` : 'form-editor-add-field');
  };
  const putBack = (uid: string) => {
    const field = retired.find((f) => f.uid === uid)!;
    onChange({ active: [...active, { ...field, removedNow: false }], retired: retired.filter((f) => f.uid !== uid) });
    setFocusId(`${field.uid}-label`);
  };

  return (
    <Stack gap="md">
      {problems.general.map((message) => (
        <Text key={message} c="red" size="sm" role="alert">
          {message}
        </Text>
      ))}
      {active.length === 0 && (
        <Text size="sm" c="dimmed">
          No fields yet. Add the questions each subject answers, in the order they should be asked.
        </Text>
      )}
      {active.map((field, i) => (
        <FieldRow
          key={field.uid}
          field={field}
          position={i + 1}
          count={active.length}
          problems={problems}
          otherKeys={allKeys(field.uid)}
          onChange={(change) => update(field.uid, change)}
          onUp={i > 0 ? () => move(i, i - 1) : undefined}
          onDown={i < active.length - 1 ? () => move(i, i + 1) : undefined}
          onRemove={() => remove(i)}
          setFocusId={setFocusId}
        />
      ))}
      <Group>
        <Button id="form-editor-add-field" variant="light" onClick={add} disabled={active.length >= FORM_MAX_FIELDS}>
          Add a field
        </Button>
        {active.length >= FORM_MAX_FIELDS && (
          <Text size="sm" c="dimmed">
            A form holds at most {FORM_MAX_FIELDS} fields.
          </Text>
        )}
      </Group>
      {retired.length > 0 && <RetiredFields fields={retired} onPutBack={putBack} />}
    </Stack>
  );
}

function RetiredFields({ fields, onPutBack }: { fields: EditorField[]; onPutBack: (uid: string) => void }) {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="retired-fields-heading">
      <Text fw={600} size="sm" id="retired-fields-heading">
        Retired fields
      </Text>
      <Text size="sm" c="dimmed" mb="xs">
        A removed field is retired, not deleted: the answers already given to it are kept and still shown with each
        response, marked as retired, but nobody is asked to fill it in any more. Put it back to ask it again.
      </Text>
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {fields.map((field) => (
          <Group key={field.uid} component="li" justify="space-between" wrap="nowrap">
            <Group gap="xs">
              <Text size="sm">{field.label || field.key}</Text>
              <Badge variant="light" color="gray">
                {FORM_FIELD_TYPE_LABELS[field.type]}
              </Badge>
              <Badge variant="outline" color={field.removedNow ? 'orange' : 'gray'}>
                {field.removedNow ? 'Retired when you save' : 'Retired'}
              </Badge>
            </Group>
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label={`Put back ${field.label || field.key}`}
              onClick={() => onPutBack(field.uid)}
            >
              Put back
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

interface RowProps<Row> {
  problems: PlacedProblems;
  otherKeys: string[];
  onChange: (change: (row: Row) => Row) => void;
  onUp?: () => void;
  onDown?: () => void;
  onRemove: () => void;
  setFocusId: (id: string) => void;
}

function FieldRow({
  field,
  position,
  count,
  problems,
  otherKeys,
  onChange,
  onUp,
  onDown,
  onRemove,
  setFocusId,
}: RowProps<EditorField> & { field: EditorField; position: number; count: number }) {
  const error = (input: string) => problems.byInput[`${field.uid}.${input}`];
  const name = `field ${position}`;
  const addColumn = () => {
    const column = newColumn(field.columns.map((c) => c.key));
    onChange((f) => ({ ...f, columns: [...f.columns, column] }));
    setFocusId(`${column.uid}-label`);
  };
  const setType = (type: FormFieldType) =>
    onChange((f) => ({
      ...f,
      type,
      // A table without columns asks nothing: it starts with one to fill in.
      columns: type === 'TABLE' && f.columns.length === 0 ? [newColumn([])] : f.columns,
    }));
  const moveColumn = (from: number, to: number) => {
    const column = field.columns[from];
    onChange((f) => ({ ...f, columns: moved(f.columns, from, to) }));
    const edge = to === 0 ? 'down' : to === field.columns.length - 1 ? 'up' : null;
    setFocusId(`${column.uid}-${edge ?? (to < from ? 'up' : 'down')}`);
  };
  const removeColumn = (index: number) => {
    const column = field.columns[index];
    const rest = field.columns.filter((_, j) => j !== index);
    onChange((f) => ({
      ...f,
      columns: rest,
      removedColumns: column.saved ? [...(f.removedColumns ?? []), column] : f.removedColumns,
    }));
    setFocusId(rest[index] ? `${rest[index].uid}-label` : `${field.uid}-add-column`);
  };
  const putColumnBack = (column: EditorColumn) => {
    onChange((f) => ({
      ...f,
      columns: [...f.columns, column],
      removedColumns: (f.removedColumns ?? []).filter((c) => c.uid !== column.uid),
    }));
    setFocusId(`${column.uid}-label`);
  };

  return (
    <Fieldset legend={`Field ${position} of ${count}${field.label ? `: ${field.label}` : ''}`} variant="filled">
      <Stack gap="sm">
        {error('row') && <Input.Error>{error('row')}</Input.Error>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id={`${field.uid}-label`}
            label="Question or label"
            required
            maxLength={FORM_MAX_LABEL}
            value={field.label}
            error={error('label')}
            onChange={(e) => {
              const label = e.currentTarget.value;
              onChange((f) => relabelled(f, label, otherKeys));
            }}
          />
          <NativeSelect
            label="Type of answer"
            data={FIELD_TYPE_OPTIONS}
            value={field.type}
            disabled={field.saved}
            description={field.saved ? 'Fixed once saved: answers are kept in this form' : undefined}
            error={error('type')}
            onChange={(e) => setType(e.currentTarget.value as FormFieldType)}
          />
        </SimpleGrid>
        <KeyLine row={field} error={error('key')} otherKeys={otherKeys} onChange={onChange} />
        <Textarea
          label="Help text"
          maxLength={FORM_MAX_HELP}
          description="Optional: shown under the question, e.g. what period or which systems it covers"
          autosize
          minRows={1}
          maxRows={6}
          value={field.help}
          error={error('help')}
          onChange={(e) => {
            const help = e.currentTarget.value;
            onChange((f) => ({ ...f, help }));
          }}
        />
        <Details row={field} error={error} onChange={onChange} />
        {field.type === 'TABLE' && (
          <Stack gap="xs">
            <Text size="sm" fw={600} id={`${field.uid}-columns-heading`}>
              Columns of the table
            </Text>
            {error('columns') && <Input.Error>{error('columns')}</Input.Error>}
            {field.columns.map((column, j) => (
              <ColumnRow
                key={column.uid}
                column={column}
                position={j + 1}
                fieldName={name}
                problems={problems}
                otherKeys={field.columns.filter((c) => c.uid !== column.uid).map((c) => c.key)}
                onChange={(change) =>
                  onChange((f) => ({ ...f, columns: f.columns.map((c) => (c.uid === column.uid ? change(c) : c)) }))
                }
                onUp={j > 0 ? () => moveColumn(j, j - 1) : undefined}
                onDown={j < field.columns.length - 1 ? () => moveColumn(j, j + 1) : undefined}
                onRemove={() => removeColumn(j)}
                setFocusId={setFocusId}
              />
            ))}
            <Group>
              <Button
                id={`${field.uid}-add-column`}
                size="xs"
                variant="light"
                onClick={addColumn}
                disabled={field.columns.length >= FORM_MAX_COLUMNS}
              >
                Add a column
              </Button>
            </Group>
            {(field.removedColumns ?? []).length > 0 && (
              <Stack gap={4}>
                <Text size="sm" c="orange.9">
                  Removed columns: entries already made in them stay in the saved answers but are no longer shown or
                  compared once you save.
                </Text>
                <Group gap="xs">
                  {(field.removedColumns ?? []).map((column) => (
                    <Button key={column.uid} size="compact-xs" variant="subtle" onClick={() => putColumnBack(column)}>
                      Put back “{column.label || column.key}”
                    </Button>
                  ))}
                </Group>
              </Stack>
            )}
          </Stack>
        )}
        <MoveButtons uid={field.uid} name={name} onUp={onUp} onDown={onDown} onRemove={onRemove} />
      </Stack>
    </Fieldset>
  );
}

function ColumnRow({
  column,
  position,
  fieldName,
  problems,
  otherKeys,
  onChange,
  onUp,
  onDown,
  onRemove,
}: RowProps<EditorColumn> & { column: EditorColumn; position: number; fieldName: string }) {
  const error = (input: string) => problems.byInput[`${column.uid}.${input}`];
  const name = `column ${position} of ${fieldName}`;
  return (
    <Fieldset legend={`Column ${position}${column.label ? `: ${column.label}` : ''}`}>
      <Stack gap="xs">
        {error('row') && <Input.Error>{error('row')}</Input.Error>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id={`${column.uid}-label`}
            label="Column heading"
            required
            maxLength={FORM_MAX_LABEL}
            value={column.label}
            error={error('label')}
            onChange={(e) => {
              const label = e.currentTarget.value;
              onChange((c) => relabelled(c, label, otherKeys));
            }}
          />
          <NativeSelect
            label="Type of entry"
            data={COLUMN_TYPE_OPTIONS}
            value={column.type}
            disabled={column.saved}
            description={column.saved ? 'Fixed once saved' : undefined}
            error={error('type')}
            onChange={(e) => {
              const type = e.currentTarget.value as FormColumnType;
              onChange((c) => ({ ...c, type }));
            }}
          />
        </SimpleGrid>
        <KeyLine row={column} error={error('key')} otherKeys={otherKeys} onChange={onChange} />
        <Details row={column} error={error} onChange={onChange} />
        <MoveButtons uid={column.uid} name={name} onUp={onUp} onDown={onDown} onRemove={onRemove} />
      </Stack>
    </Fieldset>
  );
}

/** Required, and what the type asks: a unit for a number, the choices of a choice. */
function Details<Row extends EditorColumn | EditorField>({
  row,
  error,
  onChange,
}: {
  row: Row;
  error: (input: string) => string | undefined;
  onChange: (change: (row: Row) => Row) => void;
}) {
  return (
    <>
      {row.type === 'NUMBER' && (
        <TextInput
          label="Unit"
          maxLength={FORM_MAX_LABEL}
          description="What the number counts, e.g. records, GB or users (optional)"
          value={row.unit}
          error={error('unit')}
          onChange={(e) => {
            const unit = e.currentTarget.value;
            onChange((r) => ({ ...r, unit }));
          }}
        />
      )}
      {hasChoices(row.type) && (
        <Textarea
          label="Choices"
          description="One per line, at least two"
          required
          autosize
          minRows={2}
          maxRows={10}
          value={row.choices}
          error={error('choices')}
          onChange={(e) => {
            const choices = e.currentTarget.value;
            onChange((r) => ({ ...r, choices }));
          }}
        />
      )}
      <Checkbox
        label="Required: the answer cannot go to review without it"
        checked={row.required}
        error={error('required')}
        onChange={(e) => {
          const required = e.currentTarget.checked;
          onChange((r) => ({ ...r, required }));
        }}
      />
    </>
  );
}

/**
 * The key, shown discreetly: letters cite a value by it (`{{data_held}}`). It follows the label
 * until the person types one; once saved it is fixed, since answers are stored under it.
 */
function KeyLine<Row extends EditorColumn | EditorField>({
  row,
  error,
  otherKeys,
  onChange,
}: {
  row: Row;
  error?: string;
  otherKeys: string[];
  onChange: (change: (row: Row) => Row) => void;
}) {
  const [editing, setEditing] = useState(false);
  if (!row.saved && (editing || error)) {
    return (
      <TextInput
        size="xs"
        label="Key"
        description="Small letters, digits and underscores; letters cite the answer as {{key}}"
        value={row.key}
        error={error}
        onChange={(e) => {
          const key = e.currentTarget.value;
          onChange((r) => ({ ...r, key, keyTyped: true }));
        }}
        onBlur={() => {
          if (!row.key) onChange((r) => relabelled({ ...r, keyTyped: false }, r.label, otherKeys));
        }}
      />
    );
  }
  return (
    <Group gap="xs">
      <Text size="xs" c="dimmed">
        Key: <code>{row.key}</code>
        {row.saved && ' (fixed: answers are stored under it)'}
      </Text>
      {row.saved && error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      {!row.saved && (
        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
          Change key
        </Button>
      )}
    </Group>
  );
}

function MoveButtons({
  uid,
  name,
  onUp,
  onDown,
  onRemove,
}: {
  uid: string;
  name: string;
  onUp?: () => void;
  onDown?: () => void;
  onRemove: () => void;
}) {
  return (
    <Group gap={4} justify="flex-end">
      <Button
        id={`${uid}-up`}
        size="compact-xs"
        variant="subtle"
        aria-label={`Move ${name} up`}
        disabled={!onUp}
        onClick={onUp}
      >
        Up
      </Button>
      <Button
        id={`${uid}-down`}
        size="compact-xs"
        variant="subtle"
        aria-label={`Move ${name} down`}
        disabled={!onDown}
        onClick={onDown}
      >
        Down
      </Button>
      <Button
        id={`${uid}-remove`}
        size="compact-xs"
        variant="light"
        color="red"
        aria-label={`Remove ${name}`}
        onClick={onRemove}
      >
        Remove
      </Button>
    </Group>
  );
}
