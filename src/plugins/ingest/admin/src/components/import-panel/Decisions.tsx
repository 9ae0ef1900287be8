import { Flex, Typography } from '@strapi/design-system';
import { formatDate } from '../../format';
import type { ConflictDecision } from '../../types';

const describe = (decision: ConflictDecision) =>
  `${decision.userName ?? 'Someone'} ${decision.action === 'take' ? "took the import's" : 'kept their'} ${decision.label.toLowerCase()}`;

/** Conflicts settled on this article: who, when, which field, which way. */
export const Decisions = ({ decisions }: { decisions: ConflictDecision[] }) =>
  decisions.length === 0 ? null : (
    <Flex direction="column" alignItems="stretch" gap={1} data-testid="import-decisions">
      <Typography variant="sigma" textColor="neutral600">
        Settled
      </Typography>
      {decisions.map((decision) => (
        <Typography key={`${decision.decidedAt}-${decision.field}`} variant="pi" data-testid="import-decision">
          {describe(decision)}, {formatDate(decision.decidedAt)}
        </Typography>
      ))}
    </Flex>
  );
