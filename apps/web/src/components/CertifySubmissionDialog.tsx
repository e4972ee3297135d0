// The officer's certification of one submitted version, by the member holding the audit's signer
// role: the signer's name, title and entity (prefilled: the title is the one the formal
// response's letter gives its signer, when that is the person signing here), the certification as it will be printed
// (the same words the certificate PDF carries, from @app/domain), then either their password
// entered again (signed electronically) or the scan of the certificate signed by hand.
import { Checkbox, Input, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { certificationText } from '@app/domain/response-submission';
import { useCertifySubmission, useResponseDraft, useUploadCertificationScan } from '../api/queries';
import { plainFieldErrors } from '../lib/messages';
import { ConfirmDialog } from './ConfirmDialog';
import { useCurrentAudit, useCurrentUser } from './layout';

export type CertifyMode = 'electronic' | 'scan';

export function CertifySubmissionDialog({
  version,
  packageSha256,
  mode,
  onClose,
}: {
  version: number;
  packageSha256: string;
  mode: CertifyMode;
  onClose: () => void;
}) {
  const audit = useCurrentAudit();
  const me = useCurrentUser();
  const certify = useCertifySubmission(audit.id);
  const upload = useUploadCertificationScan(audit.id);
  const [signerName, setSignerName] = useState(me.name);
  // The title typed here; until then, the letter's (Letter details) for its signer, read from
  // the draft the Response page already holds, so it may arrive after the dialog opens.
  const [typedTitle, setTypedTitle] = useState<string | null>(null);
  const letter = useResponseDraft(audit.id).data?.letter;
  const letterSigner = letter ? (letter.signerName ?? letter.defaultSignerName)?.trim() : undefined;
  // Another person's title is not offered: the certification is signed under the title it prints.
  const letterTitle = letterSigner && letterSigner === signerName.trim() ? (letter?.signerTitle ?? '') : '';
  const signerTitle = typedTitle ?? letterTitle;
  const [signerEntity, setSignerEntity] = useState(audit.respondingParty);
  const [password, setPassword] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [agreed, setAgreed] = useState(false);
  const fileId = useId();
  const previewId = useId();

  const mutation = mode === 'electronic' ? certify : upload;
  const errors = mutation.error ? plainFieldErrors(mutation.error) : {};
  const text = certificationText(
    { name: signerName, title: signerTitle, entity: signerEntity },
    {
      auditReference: audit.referenceCode,
      auditTitle: audit.title,
      demandingParty: audit.demandingParty,
      version,
      packageSha256,
    },
  );
  const signer = { signerName: signerName.trim(), signerTitle: signerTitle.trim(), signerEntity: signerEntity.trim() };
  const complete =
    agreed &&
    signer.signerName !== '' &&
    signer.signerTitle !== '' &&
    signer.signerEntity !== '' &&
    (mode === 'electronic' ? password !== '' : file !== null);

  const confirm = () => {
    if (mode === 'electronic') certify.mutate({ version, ...signer, password }, { onSuccess: onClose });
    else if (file) upload.mutate({ version, file, ...signer }, { onSuccess: onClose });
  };

  return (
    <ConfirmDialog
      opened
      title={
        mode === 'electronic' ? `Certify version ${version}` : `Upload the signed certificate of version ${version}`
      }
      confirmLabel={mode === 'electronic' ? 'Sign and certify' : 'Upload and certify'}
      pending={mutation.isPending}
      confirmDisabled={!complete}
      error={mutation.error}
      errorTitle="The version was not certified"
      onConfirm={confirm}
      onClose={onClose}
    >
      <Stack gap="sm">
        <TextInput
          label="Signer’s name"
          required
          value={signerName}
          onChange={(e) => setSignerName(e.currentTarget.value)}
          maxLength={200}
          error={errors.signerName}
        />
        <TextInput
          label="Signer’s title"
          description="As it should be printed, e.g. Chief Executive Officer"
          required
          value={signerTitle}
          onChange={(e) => setTypedTitle(e.currentTarget.value)}
          maxLength={200}
          error={errors.signerTitle}
        />
        <TextInput
          label="Signing for"
          description="The entity on whose behalf the signer certifies"
          required
          value={signerEntity}
          onChange={(e) => setSignerEntity(e.currentTarget.value)}
          maxLength={300}
          error={errors.signerEntity}
        />
        <div>
          <Text size="sm" fw={600} id={previewId}>
            The certification
          </Text>
          <Stack
            gap={6}
            p="sm"
            role="document"
            aria-labelledby={previewId}
            style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
          >
            {text.split('\n\n').map((paragraph) => (
              <Text size="sm" key={paragraph} style={{ wordBreak: 'break-word' }}>
                {paragraph}
              </Text>
            ))}
          </Stack>
        </div>
        {mode === 'electronic' ? (
          <PasswordInput
            label="Your password"
            description="Enter your login password again to sign."
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
        ) : (
          <Input.Wrapper
            label="Signed scan"
            description="The certificate signed by hand, scanned: PDF, PNG, JPEG or TIFF."
            required
            id={fileId}
            error={errors.file}
          >
            <input
              id={fileId}
              type="file"
              accept="application/pdf,image/png,image/jpeg,image/tiff"
              onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
            />
          </Input.Wrapper>
        )}
        <Checkbox
          checked={agreed}
          onChange={(e) => setAgreed(e.currentTarget.checked)}
          label={
            mode === 'electronic'
              ? 'I have read the certification above and sign it.'
              : 'The scan is this certification, signed by the person named above.'
          }
        />
        <Text size="sm" fw={600}>
          A certified version cannot be certified again or changed.
        </Text>
      </Stack>
    </ConfirmDialog>
  );
}
