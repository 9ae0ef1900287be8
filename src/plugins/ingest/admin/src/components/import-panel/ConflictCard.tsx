import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import type { OpenConflict } from '../../types';

const Value = ({ label, value, testId }: { label: string; value: string | null; testId: string }) => (
  <Grid.Item col={6} direction="column" alignItems="stretch" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Box background="neutral100" hasRadius padding={2} style={{ maxHeight: 220, overflowY: 'auto' }} data-testid={testId}>
      <Typography variant="pi" textColor={value === null ? 'neutral500' : 'neutral800'} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {value ?? '(empty)'}
      </Typography>
    </Box>
  </Grid.Item>
);

/** One open conflict: the draft's value and the capture's, side by side, and the two ways to settle it. */
export const ConflictCard = ({
  conflict,
  canSettle,
  blockedBy,
  busy,
  onSettle,
}: {
  conflict: OpenConflict;
  canSettle: boolean;
  /** Why the buttons are disabled now (unsaved changes in the form), if they are. */
  blockedBy: string | null;
  busy: boolean;
  onSettle: (action: 'take' | 'keep') => void;
}) => (
  <Box borderColor="warning200" background="warning100" hasRadius padding={3} data-testid={`import-conflict-${conflict.field}`}>
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="omega" fontWeight="bold">
        {conflict.label}
      </Typography>
      <Grid.Root gap={2}>
        <Value label="Yours (the draft)" value={conflict.mine} testId="conflict-mine" />
        <Value label="The capture's" value={conflict.theirs} testId="conflict-theirs" />
      </Grid.Root>
      {canSettle ? (
        <Flex gap={2} wrap="wrap">
          <Button size="S" onClick={() => onSettle('take')} disabled={busy || blockedBy !== null}>
            Take the import's value
          </Button>
          <Button size="S" variant="tertiary" onClick={() => onSettle('keep')} disabled={busy || blockedBy !== null}>
            Keep mine
          </Button>
        </Flex>
      ) : null}
      {canSettle && blockedBy ? (
        <Typography variant="pi" textColor="neutral600">
          {blockedBy}
        </Typography>
      ) : null}
    </Flex>
  </Box>
);
