// A new production volume in two steps: what goes in it (the details, and the approved evidence
// with a designation each), then a review that states the Bates numbers it will take, where
// counsel either keeps it as a draft or produces it at once.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { todayIn } from '@app/domain/deadlines';
import { useState } from 'react';
import {
  type NewProduction,
  PartialVolumeError,
  type Production,
  useCreateVolume,
  useDesignations,
  useReleasableEvidence,
} from '../api/queries';
import { plainFieldErrors } from '../lib/messages';
import { batesPlanText } from '../lib/bates';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';

const isPdf = (mediaType: string) => mediaType === 'application/pdf';

export function NewVolumeModal({ volumes, onClose }: { volumes: readonly Production[]; onClose: () => void }) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const releasable = useReleasableEvidence(audit.id, true);
  const designations = useDesignations(audit.id);
  const create = useCreateVolume(audit.id);
  const [step, setStep] = useState<'details' | 'review'>('details');
  const form = useForm<Required<NewProduction>>({
    initialValues: {
      name: `${audit.referenceCode.replace(/[^A-Za-z0-9_.-]+/g, '-')}-VOL${String(volumes.length + 1).padStart(3, '0')}`,
      batesPrefix: volumes.at(-1)?.batesPrefix ?? `${audit.referenceCode.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}-`,
      startNumber: 1,
      padWidth: 6,
      recipient:
        [audit.demandingCounselName, audit.demandingCounselFirm].filter(Boolean).join(', ') || audit.demandingParty,
      productionDate: todayIn(me.timeZone, new Date()),
      deliveryMethod: 'Secure file transfer',
    },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter a name for the volume'),
      recipient: (value) => (value.trim() ? null : 'Enter who receives the volume'),
      batesPrefix: (value) => (value.trim() ? null : 'Enter the Bates prefix'),
      startNumber: (value) => (Number.isInteger(value) && value >= 1 ? null : 'Enter the first number, 1 or more'),
      padWidth: (value) => (Number.isInteger(value) && value >= 3 && value <= 10 ? null : 'Enter 3 to 10 digits'),
      productionDate: (value) => (value ? null : 'Enter the production date'),
      deliveryMethod: (value) => (value.trim() ? null : 'Enter how the volume is delivered'),
    },
  });
  const volume = form.getValues();
  // Evidence version id -> designation, for the documents chosen.
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const labels = designations.data?.labels ?? [];
  const items = releasable.data?.items ?? [];
  const picked = items.filter((i) => chosen.has(i.evidenceVersionId));
  const pdfs = picked.filter((i) => isPdf(i.mediaType)).length;

  const submit = (produce: boolean) =>
    create.mutate(
      {
        volume,
        documents: picked.map((i) => ({
          evidenceVersionId: i.evidenceVersionId,
          designation: chosen.get(i.evidenceVersionId)!,
        })),
        produce,
      },
      {
        // The API's refusals of a field show on it when counsel goes back to the details.
        onError: (error) => {
          if (!(error instanceof PartialVolumeError)) form.setErrors(plainFieldErrors(error));
        },
        onSuccess: (draft) => {
          notifications.show({
            color: 'teal',
            title: produce ? 'Production started' : 'Draft saved',
            message: produce
              ? `${draft.name}: the Bates numbers are shown in the list once it is produced.`
              : `${draft.name} is kept as a draft; produce it from the list.`,
          });
          onClose();
        },
      },
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title="New production volume"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {step === 'details' ? (
        <form
          noValidate
          onSubmit={form.onSubmit(() => {
            create.reset();
            setStep('review');
          })}
        >
          <Stack>
            <Group grow align="flex-start">
              <TextInput
                label="Volume name"
                description="Names the ZIP and its load files"
                required
                data-autofocus
                {...form.getInputProps('name')}
              />
              <TextInput label="Recipient" required {...form.getInputProps('recipient')} />
            </Group>
            <Group grow align="flex-start">
              <TextInput
                label="Bates prefix"
                description="Capital letters, digits, - and _"
                required
                {...form.getInputProps('batesPrefix')}
                // Bates numbers are stamped in capitals: the prefix is kept as it will be printed.
                onChange={(e) => form.setFieldValue('batesPrefix', e.currentTarget.value.toUpperCase())}
              />
              <NumberInput
                label="First number"
                description="Used if no volume has this prefix yet"
                min={1}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps('startNumber')}
              />
              <NumberInput
                label="Digits"
                description="Zero-padded after the prefix"
                min={3}
                max={10}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps('padWidth')}
              />
            </Group>
            <Group grow align="flex-start">
              <TextInput label="Production date" type="date" required {...form.getInputProps('productionDate')} />
              <TextInput label="Delivery method" required {...form.getInputProps('deliveryMethod')} />
            </Group>
            <Text size="sm" fw={600} id="volume-documents-heading">
              Documents to produce
            </Text>
            {labels.length === 0 && !designations.isPending && (
              <Alert color="orange" title="No designations yet">
                Set the audit&apos;s confidentiality designations (below the production log) before choosing documents.
              </Alert>
            )}
            <QueryState query={releasable} label="Loading approved evidence…">
              {() =>
                items.length === 0 ? (
                  <Empty title="Nothing approved for release">
                    Only files supporting an approved response can be produced.
                  </Empty>
                ) : (
                  <Table.ScrollContainer minWidth={640}>
                    <Table aria-labelledby="volume-documents-heading" verticalSpacing={4}>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>Produce</Table.Th>
                          <Table.Th>Evidence</Table.Th>
                          <Table.Th>Designation</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {items.map((i) => {
                          const label = `${i.title} (${i.fileName}, version ${i.versionNumber})`;
                          return (
                            <Table.Tr key={i.evidenceVersionId}>
                              <Table.Td>
                                <Checkbox
                                  aria-label={`Produce ${label}`}
                                  disabled={labels.length === 0}
                                  checked={chosen.has(i.evidenceVersionId)}
                                  onChange={(e) => {
                                    const on = e.currentTarget.checked;
                                    setChosen((c) => {
                                      const next = new Map(c);
                                      if (on) next.set(i.evidenceVersionId, labels[0]);
                                      else next.delete(i.evidenceVersionId);
                                      return next;
                                    });
                                  }}
                                />
                              </Table.Td>
                              <Table.Td>
                                <Text size="sm">{i.title}</Text>
                                <Text size="xs" c="dimmed">
                                  {i.fileName} · version {i.versionNumber}
                                  {!i.current && ' (not the newest)'}
                                  {i.productions.length > 0 && ` · already in ${i.productions.join(', ')}`}
                                </Text>
                              </Table.Td>
                              <Table.Td>
                                {chosen.has(i.evidenceVersionId) && (
                                  <Select
                                    aria-label={`Designation of ${label}`}
                                    size="xs"
                                    allowDeselect={false}
                                    data={labels}
                                    value={chosen.get(i.evidenceVersionId)}
                                    onChange={(value) =>
                                      value && setChosen((c) => new Map(c).set(i.evidenceVersionId, value))
                                    }
                                  />
                                )}
                              </Table.Td>
                            </Table.Tr>
                          );
                        })}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                )
              }
            </QueryState>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={picked.length === 0}>
                Review volume
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <Text size="sm" fw={600}>
            Volume {volume.name} for {volume.recipient}
          </Text>
          <Text size="sm">
            {picked.length} {picked.length === 1 ? 'document' : 'documents'} ({pdfs} PDF{pdfs === 1 ? '' : 's'},{' '}
            {picked.length - pdfs} other {picked.length - pdfs === 1 ? 'file' : 'files'} with a slip sheet each).{' '}
            {batesPlanText(volumes, volume, { pdfs, others: picked.length - pdfs })}
          </Text>
          <Text size="sm">
            Producing stamps every page, builds the ZIP and fixes the numbers: it cannot be undone. A draft can still be
            changed.
          </Text>
          {create.error && (
            <ErrorNotice
              error={create.error}
              title={create.error instanceof PartialVolumeError ? 'Not finished' : 'Nothing was created'}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('details')} disabled={create.isPending}>
              Back
            </Button>
            <Button
              variant="default"
              loading={create.isPending && !create.variables?.produce}
              onClick={() => submit(false)}
            >
              Save as draft
            </Button>
            <Button loading={create.isPending && create.variables?.produce} onClick={() => submit(true)}>
              Produce volume
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
