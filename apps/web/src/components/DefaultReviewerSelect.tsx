// Who reviews the audit's new grid cells unless counsel names someone else (new cells are
// assigned to their subject's owner). Counsel choose among the members who can work.
import { canOwnWork, isCounsel } from '@app/domain/audit-access';
import { Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Member } from '../api/client';
import { useUpdateAudit } from '../api/queries';
import { plainFieldErrors } from '../lib/messages';
import { pickerName } from '../lib/people';
import { useCurrentAudit } from './layout';
import { ErrorNotice } from './states';

const NOBODY = '';

export function DefaultReviewerSelect({ members }: { members: Member[] }) {
  const audit = useCurrentAudit();
  const update = useUpdateAudit(audit.id);
  const workers = members.filter((m) => canOwnWork(m.role) && m.state !== 'DEACTIVATED');
  const current = workers.find((m) => m.userId === audit.defaultReviewerId);
  if (!isCounsel(audit.myRole)) {
    return (
      <Text size="sm" mt="sm">
        Default reviewer of new responses: {current?.name ?? 'nobody'}
      </Text>
    );
  }
  return (
    <>
      <Select
        mt="sm"
        maw={360}
        label="Default reviewer of new responses"
        description="New responses are assigned to their subject's owner and reviewed by this person."
        data={[{ value: NOBODY, label: 'Nobody' }, ...workers.map((m) => ({ value: m.userId, label: pickerName(m) }))]}
        value={current?.userId ?? NOBODY}
        disabled={update.isPending}
        error={update.error ? plainFieldErrors(update.error).defaultReviewerId : undefined}
        onChange={(value) =>
          update.mutate(
            { defaultReviewerId: value || null },
            {
              onSuccess: () =>
                notifications.show({ color: 'teal', message: 'The default reviewer of new responses is saved.' }),
            },
          )
        }
      />
      {update.error && !plainFieldErrors(update.error).defaultReviewerId && (
        <ErrorNotice error={update.error} title="The default reviewer did not change" />
      )}
    </>
  );
}
