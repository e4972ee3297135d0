// Submitting the formal response (lead counsel) and the versions submitted so far: when, by
// whom, the package's SHA-256 to quote to the other side, its download, a check that the stored
// package is still as submitted, what each supplement changed per request, and the officer's
// certification of a version (by the member holding the signer role).
import { Alert, Badge, Button, Card, Code, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { hasAtLeast } from '@app/domain/audit-access';
import { DISPOSITION_LABEL, type Disposition } from '@app/domain/formal-response';
import { SUBMIT_RESPONSE_ROLE } from '@app/domain/response-submission';
import {
  type ResponseSubmission,
  type SubmissionCertification,
  type SubmissionVerification,
  type SubmittedRequestChange,
  useResponseSubmissions,
  useSubmissionChecklist,
  useSubmitResponse,
  useVerifySubmission,
} from '../api/queries';
import { formatInstant } from '../lib/dates';
import { plural } from '../lib/bates';
import { STATUS_LABEL } from '../lib/status';
import { CertifySubmissionDialog, type CertifyMode } from './CertifySubmissionDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { CopyHashButton } from './HashValue';
import { useCurrentAudit, useCurrentUser } from './layout';
import { Empty, ErrorNotice, QueryState } from './states';
import { RowActions } from './TableCells';

const dispositionWords = (d: Disposition | null) => (d ? DISPOSITION_LABEL[d] : 'none');
/** A subject's own disposition in a diff: none means the request's applied to it. */
const subjectDispositionWords = (d: Disposition | null) => (d ? DISPOSITION_LABEL[d] : 'as the request');

export function ResponseSubmissionsCard() {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const submissions = useResponseSubmissions(audit.id);
  const verify = useVerifySubmission(audit.id);
  const canSubmit = hasAtLeast(audit.myRole, SUBMIT_RESPONSE_ROLE);
  const [submitting, setSubmitting] = useState(false);
  const [checked, setChecked] = useState<SubmissionVerification | null>(null);
  const [certifying, setCertifying] = useState<{ submission: ResponseSubmission; mode: CertifyMode } | null>(null);

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="submissions-heading">
      <Group justify="space-between" mb="sm" align="flex-start">
        <div>
          <Title order={2} size="h4" id="submissions-heading">
            Submitted versions
          </Title>
          <Text size="sm" c="dimmed">
            Each submission freezes the letter, the report, the evidence approved for release and a manifest of their
            SHA-256 hashes in one package that can no longer change.
          </Text>
        </div>
        {canSubmit && (
          <Button size="xs" onClick={() => setSubmitting(true)}>
            Submit response…
          </Button>
        )}
      </Group>
      {verify.error && <ErrorNotice error={verify.error} title="Package not checked" />}
      {checked && <VerificationNotice result={checked} timeZone={me.timeZone} />}
      <QueryState query={submissions} label="Loading submitted versions…">
        {({ items, canCertify }) =>
          items.length === 0 ? (
            <Empty title="Not submitted yet">
              {canSubmit
                ? 'Submit the response when every request has a disposition.'
                : 'Lead counsel submits the response.'}
            </Empty>
          ) : (
            <Stack gap="md">
              {items.map((s) => (
                <SubmissionItem
                  key={s.version}
                  submission={s}
                  timeZone={me.timeZone}
                  verifying={verify.isPending && verify.variables === s.version}
                  onVerify={() => verify.mutate(s.version, { onSuccess: setChecked })}
                  canCertify={canCertify}
                  onCertify={(mode) => setCertifying({ submission: s, mode })}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {submitting && <SubmitDialog onClose={() => setSubmitting(false)} />}
      {certifying && (
        <CertifySubmissionDialog
          version={certifying.submission.version}
          packageSha256={certifying.submission.packageSha256}
          mode={certifying.mode}
          onClose={() => setCertifying(null)}
        />
      )}
    </Card>
  );
}

function SubmissionItem({
  submission: s,
  timeZone,
  verifying,
  onVerify,
  canCertify,
  onCertify,
}: {
  submission: ResponseSubmission;
  timeZone: string;
  verifying: boolean;
  onVerify: () => void;
  /** The user holds the signer role for this audit. */
  canCertify: boolean;
  onCertify: (mode: CertifyMode) => void;
}) {
  const headingId = `submission-${s.version}`;
  return (
    <Card withBorder padding="md" radius="sm" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h5" id={headingId}>
            Version {s.version}
          </Title>
          <Text size="sm">
            Submitted {formatInstant(s.submittedAt, timeZone)} by {s.submittedBy?.name ?? s.submittedByName}
          </Text>
          {s.note && (
            <Text size="sm" c="dimmed">
              {s.note}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {plural(s.files.length, 'file')}, {(s.sizeBytes / 1024).toFixed(0)} KB
          </Text>
        </div>
        <RowActions
          actions={[
            {
              label: 'Download ZIP',
              ariaLabel: `Download ZIP: version ${s.version}`,
              href: s.downloadUrl,
              download: true,
            },
            {
              label: 'Verify',
              ariaLabel: `Verify version ${s.version}`,
              variant: 'default',
              loading: verifying,
              onClick: onVerify,
            },
            canCertify &&
              !s.certification && {
                label: 'Certify…',
                ariaLabel: `Certify… version ${s.version}`,
                variant: 'filled',
                onClick: () => onCertify('electronic'),
              },
            canCertify &&
              !s.certification && {
                label: 'Upload signed scan…',
                ariaLabel: `Upload signed scan… version ${s.version}`,
                variant: 'default',
                onClick: () => onCertify('scan'),
              },
          ]}
        />
      </Group>
      <Group gap="xs" mt="xs" wrap="nowrap" align="center">
        <Text size="sm" id={`${headingId}-sha`}>
          SHA-256
        </Text>
        <Code style={{ wordBreak: 'break-all' }} aria-labelledby={`${headingId}-sha`}>
          {s.packageSha256}
        </Code>
        <CopyHashButton sha256={s.packageSha256} label={`Copy the SHA-256 of version ${s.version}`} />
      </Group>
      {s.certification ? (
        <CertificationSummary version={s.version} certification={s.certification} timeZone={timeZone} />
      ) : (
        <Text size="sm" c="dimmed" mt="xs">
          Not certified by an officer yet.
        </Text>
      )}
      {s.changes && <ChangesList version={s.version} changes={s.changes} />}
    </Card>
  );
}

/** Who certified the version, when (in the user's zone), the hash certified, and the certificate. */
function CertificationSummary({
  version,
  certification: c,
  timeZone,
}: {
  version: number;
  certification: SubmissionCertification;
  timeZone: string;
}) {
  const id = `certification-${version}`;
  return (
    <Stack gap={4} mt="xs" component="section" aria-labelledby={id}>
      <Group gap="xs" align="center">
        <Text size="sm" fw={600} id={id}>
          Certified
        </Text>
        <Badge size="sm" variant="light" color="teal">
          {c.method === 'ELECTRONIC' ? 'Signed electronically' : 'Signed by hand (scan)'}
        </Badge>
      </Group>
      <Text size="sm">
        By {c.signerName}, {c.signerTitle}, {c.signerEntity}, on {formatInstant(c.certifiedAt, timeZone)}
        {c.method === 'WET_SIGNATURE' && c.signer ? ` (scan uploaded by ${c.signer.name})` : ''}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Text size="sm" id={`${id}-sha`}>
          Certified SHA-256
        </Text>
        <Code style={{ wordBreak: 'break-all' }} aria-labelledby={`${id}-sha`}>
          {c.packageSha256}
        </Code>
      </Group>
      {c.scan && (
        <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>
          Scan {c.scan.fileName}, SHA-256 {c.scan.sha256}
        </Text>
      )}
      <Group gap="xs">
        <Button
          component="a"
          href={c.certificateUrl}
          download
          size="compact-xs"
          variant="light"
          aria-label={`Download certificate: version ${version} (PDF)`}
        >
          Download certificate
        </Button>
        {c.scan && (
          <Button
            component="a"
            href={c.scan.url}
            download
            size="compact-xs"
            variant="light"
            aria-label={`Download signed scan: version ${version} (${c.scan.fileName})`}
          >
            Download signed scan
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ChangesList({ version, changes }: { version: number; changes: SubmittedRequestChange[] }) {
  if (changes.length === 0)
    return (
      <Text size="sm" mt="xs">
        No request changed since version {version - 1}.
      </Text>
    );
  return (
    <Stack gap={4} mt="xs">
      <Text size="sm" fw={600}>
        Changed since version {version - 1}
      </Text>
      <List size="sm" spacing={4} aria-label={`Changes in version ${version}`}>
        {changes.map((c) => (
          <List.Item key={c.requestId}>
            <Text size="sm" span fw={600}>
              Request No. {c.ordinal}: {c.title}
            </Text>
            {c.change === 'ADDED' && (
              <Badge ml="xs" size="sm" variant="light">
                New request
              </Badge>
            )}
            {c.change === 'REMOVED' && (
              <Badge ml="xs" size="sm" variant="light" color="gray">
                No longer in the demand
              </Badge>
            )}
            <List size="sm" withPadding>
              {c.disposition && (
                <List.Item>
                  Disposition: {dispositionWords(c.disposition.before)} → {dispositionWords(c.disposition.after)}
                </List.Item>
              )}
              {c.responseText && <List.Item>Response text changed</List.Item>}
              {c.objectionsAdded.map((o) => (
                <List.Item key={`+${o}`}>Objection raised: {o}</List.Item>
              ))}
              {c.objectionsRemoved.map((o) => (
                <List.Item key={`-${o}`}>Objection withdrawn: {o}</List.Item>
              ))}
              {c.subjectChanges.map((s) => (
                <List.Item key={`subject-${s.subjectId}`}>
                  As to {s.subjectName}:{' '}
                  {s.disposition
                    ? `${subjectDispositionWords(s.disposition.before)} → ${subjectDispositionWords(s.disposition.after)}`
                    : 'disposition unchanged'}
                  {s.responseText ? '; response text changed' : ''}
                </List.Item>
              ))}
            </List>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function VerificationNotice({ result, timeZone }: { result: SubmissionVerification; timeZone: string }) {
  const when = formatInstant(result.checkedAt, timeZone);
  if (result.result === 'MATCH')
    return (
      <Alert color="teal" role="status" mb="sm" title={`Version ${result.version}: package intact`}>
        The stored package and all {plural(result.filesChecked - 1, 'file')} in it still match the SHA-256 recorded at
        submission{result.matchesCertification ? ', the one the officer certified' : ''}. Checked {when}.
      </Alert>
    );
  return (
    <Alert color="red" role="alert" mb="sm" title={`Version ${result.version}: the package no longer matches`}>
      {result.matchesCertification === false && (
        <Text size="sm" fw={600}>
          The stored package no longer has the SHA-256 the officer certified.
        </Text>
      )}
      <Text size="sm">What differs from the package as submitted (checked {when}):</Text>
      <List size="sm">
        {result.differences.map((d) => (
          <List.Item key={d.path}>
            {d.path === '(package ZIP)' ? 'The package ZIP itself' : d.path}:{' '}
            {d.result === 'MISSING'
              ? 'missing'
              : d.expectedSha256 === null
                ? 'not part of the package as submitted'
                : 'its content has changed'}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The checklist, an optional note, and the confirmation that a submission cannot be undone. */
function SubmitDialog({ onClose }: { onClose: () => void }) {
  const audit = useCurrentAudit();
  const checklist = useSubmissionChecklist(audit.id);
  const submit = useSubmitResponse(audit.id);
  const [note, setNote] = useState('');
  const list = checklist.data;
  return (
    <ConfirmDialog
      opened
      title={list ? `Submit the response as version ${list.nextVersion}` : 'Submit the response'}
      confirmLabel="Submit response"
      pending={submit.isPending}
      confirmDisabled={!list?.ready}
      error={submit.error}
      errorTitle="The response was not submitted"
      onConfirm={() => submit.mutate(note.trim() || null, { onSuccess: onClose })}
      onClose={onClose}
    >
      <QueryState query={checklist} label="Checking what is missing…">
        {(c) => (
          <Stack gap="sm">
            {c.missingDispositions.length > 0 ? (
              <Alert color="red" title="Before you can submit" role="alert">
                <Text size="sm">These requests have no disposition yet:</Text>
                <List size="sm">
                  {c.missingDispositions.map((r) => (
                    <List.Item key={r.requestId}>
                      Request No. {r.ordinal}: {r.title}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <Text size="sm">Every request has a disposition.</Text>
            )}
            {c.unapprovedAnswers.length > 0 && (
              <Alert color="yellow" title="Answers not approved" role="status">
                <Text size="sm">
                  The response promises information for these, but their answers are not approved: the report will leave
                  them out and their evidence will not be included.
                </Text>
                <List size="sm">
                  {c.unapprovedAnswers.map((a) => (
                    <List.Item key={a.responseId}>
                      Request No. {a.ordinal}: {a.title} — {a.subjectName} ({STATUS_LABEL[a.status]})
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Text size="sm">
              The package will hold the final response letter, the final audit report,{' '}
              {plural(c.evidenceCount, 'evidence file')} approved for release and a manifest of their SHA-256 hashes.
              The audit will be marked as submitted today.
            </Text>
            <Textarea
              label="Note (optional)"
              description="Kept with this version and printed in the manifest."
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={2}
            />
            <Text size="sm" fw={600}>
              A submitted version cannot be changed or withdrawn; later changes go out as a new version.
            </Text>
          </Stack>
        )}
      </QueryState>
    </ConfirmDialog>
  );
}
