import { Box, Flex, ProgressBar, Typography } from '@strapi/design-system';
import { formatCounts } from '../format';
import type { Progress } from '../types';

/**
 * A running import: how many files of how many, and what they became so far. A run started by
 * another process (the CLI, another server) has no progress here, only its record.
 */
export const RunProgress = ({ progress }: { progress: Progress | null | undefined }) => {
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} data-testid="run-progress">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="omega" fontWeight="bold">
          {total > 0 ? `Importing… ${done} of ${total} files` : 'An import is running…'}
        </Typography>
        <ProgressBar value={total > 0 ? Math.round((done / total) * 100) : 0} />
        {progress?.counts ? <Typography variant="pi">{formatCounts(progress.counts)}</Typography> : null}
      </Flex>
    </Box>
  );
};
