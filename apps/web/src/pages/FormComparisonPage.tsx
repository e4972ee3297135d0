// One request's form answered by every subject (issue 18): the table, the spreadsheet download
// and the way back to the grid.
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { comparisonSpreadsheetUrl, useFormComparison } from '../api/queries';
import { FormComparisonTable } from '../components/forms/FormComparison';
import { useCurrentAudit } from '../components/layout';
import { Empty, ErrorNotice, Loading } from '../components/states';

export function FormComparisonPage() {
  const { requestId = '' } = useParams();
  const audit = useCurrentAudit();
  const comparison = useFormComparison(audit.id, requestId);

  const back = (
    <Anchor component={Link} to={`/audits/${audit.id}/grid`} size="sm">
      ← Back to the grid
    </Anchor>
  );
  if (comparison.isPending) return <Loading label="Loading the answers…" />;
  if (comparison.isError) {
    return (
      <Stack>
        {back}
        {isApiError(comparison.error, 404) ? (
          <Empty title="This request has no form">
            Only the answers to a request with a form can be compared field by field.
          </Empty>
        ) : (
          <ErrorNotice error={comparison.error} onRetry={() => void comparison.refetch()} />
        )}
      </Stack>
    );
  }
  const { request, rows } = comparison.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          {back}
          <Title order={2} size="h3">
            Request {request.ordinal}: {request.title}
          </Title>
          <Text size="sm" c="dimmed">
            Every subject&apos;s answer, field by field.
          </Text>
        </div>
        <Anchor href={comparisonSpreadsheetUrl(audit.id, request.id)} download>
          Download as spreadsheet
        </Anchor>
      </Group>
      {rows.length === 0 ? (
        <Empty title="No subject answers this request yet" />
      ) : (
        <FormComparisonTable auditId={audit.id} comparison={comparison.data} />
      )}
    </Stack>
  );
}
