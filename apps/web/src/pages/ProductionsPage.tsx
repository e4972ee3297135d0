// The "Productions" tab: the production log (every volume handed to the other side, with its
// Bates numbers, its ZIP and a check of its files), new volumes, the designations stamped on
// pages, and the privilege log.
import { MadeByCell, RowActions } from '../components/TableCells';
import { isCounsel } from '@app/domain/audit-access';
import { PRODUCTION_STATUS_LABEL } from '@app/domain/productions';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  TagsInput,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  type Production,
  type ProductionVerification,
  productionLogExportUrl,
  useDesignations,
  useProduce,
  useProductions,
  useSaveDesignations,
  useVerifyVolume,
} from '../api/queries';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from '../components/layout';
import { NewVolumeModal } from '../components/NewVolumeModal';
import { PrivilegeLogCard } from '../components/PrivilegeLogCard';
import { Empty, ErrorNotice, QueryState } from '../components/states';
import { VolumeDocumentsModal } from '../components/VolumeDocumentsModal';
import { VolumeReleasesModal } from '../components/VolumeReleasesModal';
import { formatDay, formatInstant } from '../lib/dates';
import { batesPlanText, plural } from '../lib/bates';
import { formatBytes } from '../lib/format';

export function ProductionsPage() {
  return (
    <Stack>
      <VolumesCard />
      <DesignationsCard />
      <PrivilegeLogCard />
    </Stack>
  );
}

const STATUS_COLOR: Record<Production['status'], string> = {
  DRAFT: 'gray',
  PRODUCING: 'blue',
  PRODUCED: 'teal',
  FAILED: 'red',
};

const LOG_EXPORTS = [
  { format: 'xlsx', label: 'Excel' },
  { format: 'csv', label: 'CSV' },
] as const;

function VolumesCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const volumes = useProductions(audit.id);
  const produce = useProduce(audit.id);
  const verify = useVerifyVolume(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [creating, setCreating] = useState(false);
  const [producing, setProducing] = useState<Production | null>(null);
  const [checked, setChecked] = useState<{ volume: Production; result: ProductionVerification } | null>(null);
  // By id: the dialog follows the list, so a volume produced while open shows its numbers.
  const [openedId, setOpenedId] = useState<string | null>(null);
  const opened = volumes.data?.items.find((v) => v.id === openedId) ?? null;
  const [releasesOfId, setReleasesOfId] = useState<string | null>(null);
  const releasesOf = volumes.data?.items.find((v) => v.id === releasesOfId) ?? null;

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="volumes-heading">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4" id="volumes-heading">
            Production log
          </Title>
          <Text size="sm" c="dimmed">
            Every volume handed to the other side: what it held, under which Bates numbers, to whom and when.
          </Text>
        </div>
        <Group gap="xs">
          {LOG_EXPORTS.map((x) => (
            <Button
              key={x.format}
              component="a"
              href={productionLogExportUrl(audit.id, x.format)}
              download
              size="xs"
              variant="default"
              aria-label={`Download the production log as ${x.label}`}
            >
              {x.label}
            </Button>
          ))}
          {counsel && (
            <Button size="xs" onClick={() => setCreating(true)}>
              New volume
            </Button>
          )}
        </Group>
      </Group>
      {verify.error && <ErrorNotice error={verify.error} title="Files not checked" />}
      {checked && <VerificationNotice volume={checked.volume} result={checked.result} timeZone={me.timeZone} />}
      <QueryState query={volumes} label="Loading volumes…">
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="No volumes yet">
              {counsel ? 'Create a volume to produce approved evidence to the other side.' : undefined}
            </Empty>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table aria-labelledby="volumes-heading" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Volume</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Bates numbers</Table.Th>
                    <Table.Th>Documents</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Files checked</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {v.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {/* Two dates, each named: the production's date as counsel gave it (to the other
                              side), and below, when this app built the volume's files. */}
                          To {v.recipient} · production date {formatDay(v.productionDate)} · {v.deliveryMethod}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS_COLOR[v.status]}>
                          {PRODUCTION_STATUS_LABEL[v.status]}
                          {v.status === 'PRODUCING' && ` (${v.progress}%)`}
                        </Badge>
                        {v.status === 'FAILED' && v.error && (
                          <Text size="xs" c="red.9" maw={260}>
                            {v.error}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {v.firstBates && v.lastBates ? (
                          <Text size="sm">
                            {v.firstBates} – {v.lastBates}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Given when produced
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{plural(v.documentCount, 'document')}</Text>
                        {v.pageCount !== null && (
                          <Text size="xs" c="dimmed">
                            {plural(v.pageCount, 'page')}
                            {v.zipSizeBytes !== null && ` · ${formatBytes(v.zipSizeBytes)}`}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <MadeByCell by={v.createdBy} at={v.createdAt} timeZone={me.timeZone} />
                        {v.producedAt && (
                          <Text size="xs" c="dimmed">
                            Files built {formatInstant(v.producedAt, me.timeZone)}
                            {v.producedBy && ` by ${v.producedBy.name}`}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {v.lastVerifiedAt ? (
                          <>
                            <Text size="sm" c={v.lastVerification === 'MATCH' ? undefined : 'red.9'}>
                              {v.lastVerification === 'MATCH' ? 'All files intact' : 'Files differ'}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {formatInstant(v.lastVerifiedAt, me.timeZone)}
                            </Text>
                          </>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Not yet
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <RowActions
                          actions={[
                            v.documentCount > 0 && {
                              label: 'Documents',
                              ariaLabel: `Show the documents of volume ${v.name}`,
                              variant: 'default',
                              onClick: () => setOpenedId(v.id),
                            },
                            !!v.downloadUrl && {
                              label: 'Download ZIP',
                              ariaLabel: `Download volume ${v.name} (ZIP)`,
                              href: v.downloadUrl,
                              download: true,
                            },
                            v.status === 'PRODUCED' && {
                              label: <>Releases{v.releases.length > 0 && ` (${v.releases.length})`}</>,
                              ariaLabel: `Releases of volume ${v.name} to the other side`,
                              variant: 'default',
                              onClick: () => setReleasesOfId(v.id),
                            },
                            v.status === 'PRODUCED' && {
                              label: 'Check files',
                              ariaLabel: `Check the files of volume ${v.name}`,
                              variant: 'default',
                              loading: verify.isPending && verify.variables === v.id,
                              onClick: () =>
                                verify.mutate(v.id, { onSuccess: (result) => setChecked({ volume: v, result }) }),
                            },
                            counsel &&
                              (v.status === 'DRAFT' || v.status === 'FAILED') && {
                                label: 'Produce…',
                                ariaLabel: `Produce volume ${v.name}`,
                                variant: 'filled',
                                onClick: () => setProducing(v),
                              },
                          ]}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {creating && <NewVolumeModal volumes={volumes.data?.items ?? []} onClose={() => setCreating(false)} />}
      {opened && <VolumeDocumentsModal volume={opened} onClose={() => setOpenedId(null)} />}
      {releasesOf && <VolumeReleasesModal volume={releasesOf} onClose={() => setReleasesOfId(null)} />}
      <ConfirmDialog
        opened={producing !== null}
        title={`Produce volume ${producing?.name ?? ''}?`}
        confirmLabel="Produce volume"
        pending={produce.isPending}
        error={produce.error}
        errorTitle="Not produced"
        onClose={() => {
          setProducing(null);
          produce.reset();
        }}
        onConfirm={() =>
          produce.mutate(producing!.id, {
            onSuccess: (v) => {
              notifications.show({ color: 'teal', title: 'Production started', message: v.name });
              setProducing(null);
            },
          })
        }
      >
        {producing && (
          <Stack gap="xs">
            <span>
              {plural(producing.documentCount, 'document')} go to {producing.recipient}.{' '}
              {batesPlanText(volumes.data?.items ?? [], producing, { total: producing.documentCount })}
            </span>
            <span>Once produced, the volume and its numbers can no longer be changed.</span>
          </Stack>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function VerificationNotice({
  volume,
  result,
  timeZone,
}: {
  volume: Production;
  result: ProductionVerification;
  timeZone: string;
}) {
  const when = formatInstant(result.checkedAt, timeZone);
  if (result.result === 'MATCH')
    return (
      <Alert color="teal" role="status" mb="sm" title={`Volume ${volume.name}: all files intact`}>
        All {plural(result.filesChecked, 'file')} (the ZIP and every file in it) still match the SHA-256 recorded when
        the volume was produced. Checked {when}.
      </Alert>
    );
  return (
    <Alert color="red" role="alert" mb="sm" title={`Volume ${volume.name}: files differ`}>
      <Text size="sm">
        {plural(result.differences.length, 'file')} of {result.filesChecked} no longer match what was produced (checked{' '}
        {when}):
      </Text>
      <List size="sm">
        {result.differences.map((d) => (
          <List.Item key={d.path}>
            {d.path}: {d.result === 'MISSING' ? 'missing from storage' : 'its content has changed'}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The confidentiality designations volumes may stamp on pages, e.g. CONFIDENTIAL. */
function DesignationsCard() {
  const audit = useCurrentAudit();
  const designations = useDesignations(audit.id);
  const save = useSaveDesignations(audit.id);
  const counsel = isCounsel(audit.myRole);
  const [labels, setLabels] = useState<string[] | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="designations-heading">
      <Title order={2} size="h4" id="designations-heading">
        Confidentiality designations
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Each produced page is stamped with its document&apos;s designation, chosen from this list.
      </Text>
      <QueryState query={designations} label="Loading designations…">
        {(d) =>
          counsel ? (
            <Stack gap="xs">
              <TagsInput
                label="Designations"
                description="Press Enter after each one"
                value={labels ?? d.labels}
                onChange={setLabels}
              />
              {save.error && <ErrorNotice error={save.error} title="Not saved" />}
              <Group justify="flex-end">
                <Button
                  size="xs"
                  disabled={labels === null}
                  loading={save.isPending}
                  onClick={() =>
                    save.mutate(labels ?? d.labels, {
                      onSuccess: () => {
                        setLabels(null);
                        notifications.show({ color: 'teal', title: 'Designations saved', message: '' });
                      },
                    })
                  }
                >
                  Save designations
                </Button>
              </Group>
            </Stack>
          ) : d.labels.length ? (
            <Group gap="xs">
              {d.labels.map((label) => (
                <Badge key={label} variant="outline">
                  {label}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm">None yet.</Text>
          )
        }
      </QueryState>
    </Card>
  );
}
