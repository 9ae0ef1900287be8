import { Flex, Link, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { formatDate } from '../../format';
import { runPath } from '../../paths';
import type { ImportPanel } from '../../types';
import { OutcomeBadge } from '../StatusBadge';

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex direction="column" alignItems="flex-start" gap={0}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="pi" tag="div" style={{ wordBreak: 'break-word' }}>
      {children}
    </Typography>
  </Flex>
);

/** Imports after the last one that wrote the article: they wrote nothing to it. */
const laterRunsText = (runs: number, latestAt: string | null) =>
  `${runs === 1 ? 'The one import since' : `The ${runs} imports since`} wrote nothing to it (latest ${formatDate(latestAt)})`;

/** What the latest import listed for an article it wrote nothing to: it could not import the capture. */
const LatestListed = ({ last }: { last: NonNullable<ImportPanel['lastImport']> }) =>
  last.latestOutcome ? (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid="latest-import">
      <Flex gap={1}>
        <Typography variant="pi">{last.laterRuns === 1 ? 'It' : 'The latest'}:</Typography>
        <OutcomeBadge outcome={last.latestOutcome} />
      </Flex>
      {last.latestError ? (
        <Typography variant="pi" textColor="danger600">
          {last.latestError}
        </Typography>
      ) : null}
    </Flex>
  ) : null;

/** Where an imported article came from, and what its last import did to it. */
export const ImportFacts = ({ panel }: { panel: ImportPanel }) => {
  const last = panel.lastImport;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="import-facts">
      <Fact label="External id">{panel.externalId}</Fact>
      <Fact label="From">{panel.origin?.kind === 'push' ? 'pushed through the API' : `file ${panel.origin?.file ?? ''}`}</Fact>
      {last ? (
        <Fact label="Last import">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <span>{formatDate(last.startedAt)}</span>
            {last.outcome ? (
              <OutcomeBadge outcome={last.outcome} />
            ) : (
              <Typography variant="pi" textColor="neutral600">
                what it did is no longer listed in the run log
              </Typography>
            )}
            {last.warnings.map((warning) => (
              <Typography key={warning} variant="pi" textColor="neutral600">
                {warning}
              </Typography>
            ))}
            <Link tag={RouterLink} to={runPath(last.runId)}>
              See that run ({last.trigger})
            </Link>
          </Flex>
        </Fact>
      ) : (
        <Fact label="Last written by the import">{formatDate(panel.lastWrittenAt ?? null)}</Fact>
      )}
      {last && last.laterRuns > 0 ? (
        <Fact label="Since then">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <span>{laterRunsText(last.laterRuns, last.latestRunAt)}</span>
            <LatestListed last={last} />
          </Flex>
        </Fact>
      ) : null}
    </Flex>
  );
};
