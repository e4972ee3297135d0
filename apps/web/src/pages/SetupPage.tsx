import { isCounsel } from '@app/domain/audit-access';
import { SimpleGrid, Stack, Text } from '@mantine/core';
import { AuditStatusCard } from '../components/AuditStatusCard';
import { useCurrentAudit } from '../components/layout';
import { MembersCard } from '../components/MembersCard';
import { ProvisionsCard } from '../components/setup/ProvisionsCard';
import { RequestsCard } from '../components/setup/RequestsCard';
import { SubjectsCard } from '../components/setup/SubjectsCard';

/**
 * Setting up a demand: what the letter cites, covers and asks, who works on it, and its status.
 * The subjects and requests cards also import their lists; copying an earlier audit, templates
 * and invitations (issue 11, items 4 and 6) belong on this page too, beside the lists they fill.
 */
export function SetupPage() {
  const audit = useCurrentAudit();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {isCounsel(audit.myRole)
          ? 'Set up the demand: the provisions of the agreement it cites, the subjects (apps or systems) it covers and its requests. The grid gets one response for each subject and each request that applies to it.'
          : 'How the demand is set up. Counsel can change it.'}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <AuditStatusCard />
        <ProvisionsCard />
      </SimpleGrid>
      <SubjectsCard />
      <RequestsCard />
      <MembersCard />
    </Stack>
  );
}
