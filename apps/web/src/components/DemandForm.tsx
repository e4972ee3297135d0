// The demand's intake fields, shared by "New audit" and "Edit demand": the same labels, the
// same layout and the same mapping of the API's field errors to the fields.
import { Fieldset, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { type ReactNode, useMemo } from 'react';
import type { Audit, CreateAudit, Schemas } from '../api/client';
import { skippedTimeProblem, timeZoneOptions } from '../lib/dates';
import { plainFieldErrors } from '../lib/messages';
import { timeZoneFilter } from './TimeZoneSelect';
import { chosenTime, RepeatedTimeChoice, repeatedTimeUnchosen, storedChoice } from './RepeatedTimeChoice';

/** What the form holds: every field as text, the deadline split into its day and its time. */
export interface DemandValues {
  title: string;
  referenceCode: string;
  demandingParty: string;
  demandingCounselName: string;
  demandingCounselFirm: string;
  demandingCounselEmail: string;
  respondingParty: string;
  respondingCounselName: string;
  respondingCounselFirm: string;
  respondingCounselEmail: string;
  agreementTitle: string;
  agreementVersion: string;
  auditClauseRef: string;
  letterDate: string;
  receivedOn: string;
  deadlineDay: string;
  deadlineTime: string;
  deadlineTimeZone: string;
  /** Which of the two readings is meant when the deadline's time happens twice that day (RepeatedTimeChoice). */
  deadlineChoice: string;
  periodStart: string;
  periodEnd: string;
  notes: string;
  confidentialityLegend: string;
  /** The day the response was submitted; editable only while the audit stands submitted. */
  submittedAt: string;
}

type UpdateAudit = Schemas['UpdateAuditDto'];

/** Fields the API requires: sent as typed (an emptied one is refused with "Enter ..."), never as null. */
const REQUIRED = [
  'title',
  'referenceCode',
  'demandingParty',
  'respondingParty',
  'agreementTitle',
  'receivedOn',
] as const;
/** Fields that may be cleared: an emptied one is sent as null. */
const OPTIONAL = [
  'demandingCounselName',
  'demandingCounselFirm',
  'demandingCounselEmail',
  'respondingCounselName',
  'respondingCounselFirm',
  'respondingCounselEmail',
  'agreementVersion',
  'auditClauseRef',
  'letterDate',
  'periodStart',
  'periodEnd',
  'notes',
  'confidentialityLegend',
] as const;

export const DEFAULT_DEADLINE_TIME = '17:00';

const deadlineTimeOf = (v: DemandValues) => `${v.deadlineDay}T${v.deadlineTime}`;

export const useDemandForm = (initialValues: DemandValues) =>
  useForm<DemandValues>({
    mode: 'uncontrolled',
    initialValues,
    validate: {
      // A time the clocks skip that day: said under the time as it is typed (DeadlineTimeField).
      deadlineTime: (time, values) =>
        values.deadlineDay ? skippedTimeProblem(`${values.deadlineDay}T${time}`, values.deadlineTimeZone) : null,
      deadlineChoice: (choice, values) =>
        values.deadlineDay ? repeatedTimeUnchosen(deadlineTimeOf(values), values.deadlineTimeZone, choice) : null,
    },
  });

export function emptyDemand(timeZone: string): DemandValues {
  return {
    title: '',
    referenceCode: '',
    demandingParty: '',
    demandingCounselName: '',
    demandingCounselFirm: '',
    demandingCounselEmail: '',
    respondingParty: '',
    respondingCounselName: '',
    respondingCounselFirm: '',
    respondingCounselEmail: '',
    agreementTitle: '',
    agreementVersion: '',
    auditClauseRef: '',
    letterDate: '',
    receivedOn: '',
    deadlineDay: '',
    deadlineTime: DEFAULT_DEADLINE_TIME,
    deadlineTimeZone: timeZone,
    deadlineChoice: '',
    periodStart: '',
    periodEnd: '',
    notes: '',
    confidentialityLegend: '',
    submittedAt: '',
  };
}

export function demandFromAudit(audit: Audit): DemandValues {
  // "2023-06-07T17:00:00.000-04:00": the deadline's wall-clock time in its own zone.
  const local = audit.responseDeadlineLocal;
  const text = (value: string | null) => value ?? '';
  return {
    title: audit.title,
    referenceCode: audit.referenceCode,
    demandingParty: audit.demandingParty,
    demandingCounselName: text(audit.demandingCounselName),
    demandingCounselFirm: text(audit.demandingCounselFirm),
    demandingCounselEmail: text(audit.demandingCounselEmail),
    respondingParty: audit.respondingParty,
    respondingCounselName: text(audit.respondingCounselName),
    respondingCounselFirm: text(audit.respondingCounselFirm),
    respondingCounselEmail: text(audit.respondingCounselEmail),
    agreementTitle: audit.agreementTitle,
    agreementVersion: text(audit.agreementVersion),
    auditClauseRef: text(audit.auditClauseRef),
    letterDate: text(audit.letterDate),
    receivedOn: audit.receivedOn,
    deadlineDay: local.slice(0, 10),
    deadlineTime: local.slice(11, 16),
    deadlineTimeZone: audit.deadlineTimeZone,
    // The reading stored, should its time happen twice that day: kept unless the time or zone changes.
    deadlineChoice: storedChoice(local, audit.deadlineTimeZone),
    periodStart: text(audit.periodStart),
    periodEnd: text(audit.periodEnd),
    notes: text(audit.notes),
    confidentialityLegend: text(audit.confidentialityLegend),
    submittedAt: text(audit.submittedAt),
  };
}

/**
 * The deadline as the API takes it, with the offset chosen when its time happens twice that day;
 * empty without its day (the API then asks for it).
 */
const deadlineOf = (v: DemandValues) =>
  v.deadlineDay ? chosenTime(deadlineTimeOf(v), v.deadlineTimeZone, v.deadlineChoice) : '';

/**
 * The body of POST /api/audits: empty optional fields are left out. The legend is not part of
 * a new audit's fields in the API; it comes back separately, to be set right after.
 */
export function createBody(values: DemandValues): { audit: CreateAudit; confidentialityLegend: string | null } {
  const audit: Record<string, string> = { deadlineTimeZone: values.deadlineTimeZone };
  if (values.deadlineDay) audit.responseDeadline = deadlineOf(values);
  for (const key of [...REQUIRED, ...OPTIONAL]) {
    const value = values[key].trim();
    if (key !== 'confidentialityLegend' && value !== '') audit[key] = value;
  }
  return { audit: audit as unknown as CreateAudit, confidentialityLegend: values.confidentialityLegend.trim() || null };
}

/** The body of PATCH /api/audits/:auditId: only what changed; a cleared optional field as null. */
export function changedFields(before: DemandValues, after: DemandValues): UpdateAudit {
  const body: Record<string, string | null> = {};
  for (const key of REQUIRED) if (after[key].trim() !== before[key].trim()) body[key] = after[key].trim();
  for (const key of OPTIONAL) if (after[key].trim() !== before[key].trim()) body[key] = after[key].trim() || null;
  // Also when only the zone or the reading chosen changed, as the offset sent may differ.
  if (deadlineOf(after) !== deadlineOf(before)) body.responseDeadline = deadlineOf(after);
  // The API keeps the submission day only while the audit stands submitted; it cannot be cleared.
  if (after.submittedAt && after.submittedAt !== before.submittedAt) body.submittedAt = after.submittedAt;
  // Changing only the zone keeps the deadline's wall-clock time, read in the new zone (the API's rule).
  if (after.deadlineTimeZone !== before.deadlineTimeZone) body.deadlineTimeZone = after.deadlineTimeZone;
  return body;
}

/** The API's field errors of a failed save, in plain words, keyed by the form's fields. */
export function demandErrors(error: unknown): Record<string, string> {
  const { responseDeadline, ...rest } = plainFieldErrors(error);
  if (!responseDeadline) return rest;
  // A time the clocks skip is the time's fault; anything else about the deadline, the day's.
  return {
    ...rest,
    [responseDeadline.startsWith('The clocks go forward') ? 'deadlineTime' : 'deadlineDay']: responseDeadline,
  };
}

/**
 * The fields themselves, grouped as a lawyer reads the letter. The form is uncontrolled
 * (`useDemandForm`): typing re-renders one field, not the whole form. `withSubmission` shows
 * the day the response was submitted (an audit that stands submitted).
 */
export function DemandFields({
  form,
  withSubmission = false,
}: {
  form: UseFormReturnType<DemandValues>;
  withSubmission?: boolean;
}) {
  // The audit's own zone too, should the browser not list it (an older name of a zone).
  const zones = useMemo(() => timeZoneOptions(form.getValues().deadlineTimeZone), [form]);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Title" required data-autofocus key={form.key('title')} {...form.getInputProps('title')} />
        <TextInput
          label="Reference"
          description="Unique, e.g. ACME-2026-01"
          required
          key={form.key('referenceCode')}
          {...form.getInputProps('referenceCode')}
        />
      </SimpleGrid>
      <Fieldset legend="Parties">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Demanding party"
            description="Who sent the demand"
            required
            key={form.key('demandingParty')}
            {...form.getInputProps('demandingParty')}
          />
          <TextInput
            label="Responding party"
            description="Who must answer it"
            required
            key={form.key('respondingParty')}
            {...form.getInputProps('respondingParty')}
          />
          <TextInput
            label="Their counsel"
            description="Counsel for the demanding party"
            key={form.key('demandingCounselName')}
            {...form.getInputProps('demandingCounselName')}
          />
          <TextInput
            label="Responding counsel"
            description="Counsel for the responding party"
            key={form.key('respondingCounselName')}
            {...form.getInputProps('respondingCounselName')}
          />
          <TextInput
            label="Counsel's firm"
            key={form.key('demandingCounselFirm')}
            {...form.getInputProps('demandingCounselFirm')}
          />
          <TextInput
            label="Responding counsel's firm"
            key={form.key('respondingCounselFirm')}
            {...form.getInputProps('respondingCounselFirm')}
          />
          <TextInput
            label="Counsel's email"
            type="email"
            key={form.key('demandingCounselEmail')}
            {...form.getInputProps('demandingCounselEmail')}
          />
          <TextInput
            label="Responding counsel's email"
            type="email"
            key={form.key('respondingCounselEmail')}
            {...form.getInputProps('respondingCounselEmail')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Agreement">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Agreement"
            required
            key={form.key('agreementTitle')}
            {...form.getInputProps('agreementTitle')}
          />
          <TextInput
            label="Agreement version"
            description="As the letter cites it"
            key={form.key('agreementVersion')}
            {...form.getInputProps('agreementVersion')}
          />
          <TextInput
            label="Audit clause"
            description="The clause granting the audit, e.g. VII"
            key={form.key('auditClauseRef')}
            {...form.getInputProps('auditClauseRef')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Dates">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Letter dated"
              type="date"
              key={form.key('letterDate')}
              {...form.getInputProps('letterDate')}
            />
            <TextInput
              label="Received on"
              type="date"
              required
              key={form.key('receivedOn')}
              {...form.getInputProps('receivedOn')}
            />
            {withSubmission && (
              <TextInput
                label="Submitted on"
                description="The day the response went to the demanding party"
                type="date"
                required
                key={form.key('submittedAt')}
                {...form.getInputProps('submittedAt')}
              />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Deadline date"
              type="date"
              required
              key={form.key('deadlineDay')}
              {...form.getInputProps('deadlineDay')}
            />
            <DeadlineTimeField form={form} />
            <Select
              label="Deadline time zone"
              description="Type to search, e.g. New York"
              searchable
              required
              allowDeselect={false}
              nothingFoundMessage="No such zone"
              filter={timeZoneFilter}
              data={zones}
              key={form.key('deadlineTimeZone')}
              {...form.getInputProps('deadlineTimeZone')}
            />
          </SimpleGrid>
          <DeadlineChoice form={form} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Period covered from"
              type="date"
              key={form.key('periodStart')}
              {...form.getInputProps('periodStart')}
            />
            <TextInput
              label="Period covered to"
              type="date"
              key={form.key('periodEnd')}
              {...form.getInputProps('periodEnd')}
            />
          </SimpleGrid>
        </Stack>
      </Fieldset>
      <Textarea label="Notes" autosize minRows={2} key={form.key('notes')} {...form.getInputProps('notes')} />
      <TextInput
        label="Confidentiality legend"
        description="Printed on every page of the report; leave empty for the default legend"
        key={form.key('confidentialityLegend')}
        {...form.getInputProps('confidentialityLegend')}
      />
    </Stack>
  );
}

/**
 * The deadline's time, saying as soon as the day, the time and the zone are in when the clocks
 * skip that time that day (as RepeatedTimeChoice asks of a time they pass twice), and what to
 * choose instead.
 */
function DeadlineTimeField({ form }: { form: UseFormReturnType<DemandValues> }) {
  // The form is uncontrolled: these subscriptions re-render this field alone as the deadline is typed.
  const day = form.useWatchValue('deadlineDay');
  const time = form.useWatchValue('deadlineTime');
  const zone = form.useWatchValue('deadlineTimeZone');
  const input = form.getInputProps('deadlineTime');
  const skipped = day && time ? skippedTimeProblem(`${day}T${time}`, zone) : null;
  return (
    <TextInput
      label="Deadline time"
      description="In the deadline's time zone"
      type="time"
      required
      key={form.key('deadlineTime')}
      {...input}
      error={(input.error as ReactNode) ?? skipped}
    />
  );
}

/** The choice between the two readings of a deadline whose time happens twice that day. */
function DeadlineChoice({ form }: { form: UseFormReturnType<DemandValues> }) {
  // The form is uncontrolled: these subscriptions re-render this part alone as the deadline is typed.
  const day = form.useWatchValue('deadlineDay');
  const time = form.useWatchValue('deadlineTime');
  const zone = form.useWatchValue('deadlineTimeZone');
  const choice = form.useWatchValue('deadlineChoice');
  if (!day) return null;
  return (
    <RepeatedTimeChoice
      local={`${day}T${time}`}
      zone={zone}
      value={choice}
      onChange={(value) => form.setFieldValue('deadlineChoice', value)}
      error={form.errors.deadlineChoice}
    />
  );
}
