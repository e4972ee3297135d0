// Public: the page a release email links to. The other side's counsel, with no account, read
// which volume this is, enter the code from the second email, and download the ZIP.
import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../api/client';
import { useEnterReleaseCode, usePublicRelease } from '../api/queries';
import { LinkProblem, PublicLoading, PublicPage } from '../components/PublicPage';
import { ErrorNotice } from '../components/states';
import { formatInstant } from '../lib/dates';

/** The visitor has no profile: times show in the browser's zone, named. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function ReleasePage() {
  const { token = '' } = useParams();
  const release = usePublicRelease(token);
  const enter = useEnterReleaseCode(token);
  const [code, setCode] = useState('');

  if (release.isPending) return <PublicLoading label="Reading the link…" />;
  // Expired, revoked (410) or locked by wrong codes (403): the API's words say which.
  const dead = release.error ?? (isApiError(enter.error, 403) || isApiError(enter.error, 410) ? enter.error : null);
  if (dead)
    return (
      <PublicPage>
        {isApiError(dead, 403) ? (
          <Stack>
            <Title order={1} size="h3">
              This download link is locked
            </Title>
            <Text size="sm">{dead.message}</Text>
          </Stack>
        ) : (
          <LinkProblem error={dead} what="download" onRetry={() => void release.refetch()} />
        )}
      </PublicPage>
    );
  const data = release.data!;
  const wrongCode = isApiError(enter.error, 422) ? enter.error.message : undefined;

  return (
    <PublicPage>
      <Stack>
        <Title order={1} size="h3" id="release-heading">
          Production volume {data.volumeName}
        </Title>
        <Text size="sm">
          Produced by {data.producingParty}. This link works until {formatInstant(data.expiresAt, browserZone())}.
        </Text>
        {enter.isSuccess ? (
          <Stack gap="xs">
            <Text size="sm">
              The code is right. The download stays open until {formatInstant(enter.data.grantedUntil, browserZone())};
              after that, enter the code again.
            </Text>
            <Button component="a" href={enter.data.downloadUrl} download>
              Download the volume (ZIP)
            </Button>
          </Stack>
        ) : (
          <form
            noValidate
            aria-labelledby="release-heading"
            onSubmit={(event) => {
              event.preventDefault();
              if (code.trim()) enter.mutate(code);
            }}
          >
            <Stack>
              {enter.error && !wrongCode && <ErrorNotice error={enter.error} title="The code was not checked" />}
              <TextInput
                label="Code from the second email"
                description="8 digits. After 5 wrong codes the link locks."
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                value={code}
                error={wrongCode}
                onChange={(event) => setCode(event.currentTarget.value)}
              />
              <Button type="submit" loading={enter.isPending} disabled={!code.trim()}>
                Check the code
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </PublicPage>
  );
}
