import { Anchor, Stack, Title, Text } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack maw={520} mx="auto" py="xl">
      <Title order={1}>Page not found</Title>
      <Text>There is nothing at this address.</Text>
      <Anchor component={Link} to="/audits">
        Back to the audits
      </Anchor>
    </Stack>
  );
}
