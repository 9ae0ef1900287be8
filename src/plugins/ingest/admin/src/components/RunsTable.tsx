import { Link, Td, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { formatCounts, formatDate, formatDuration, formatTrigger } from '../format';
import type { Run } from '../types';
import { HeadedTable } from './HeadedTable';
import { RunStatusBadge } from './StatusBadge';

const HEADERS = ['When', 'Trigger', 'Status', 'Files', 'Duration'];

/** Every recorded run, newest first; each links to its detail. */
export const RunsTable = ({ runs }: { runs: Run[] }) => (
  <HeadedTable headers={HEADERS} rows={runs.length}>
    {runs.map((run) => (
      <Tr key={run.documentId} data-testid="run-row">
        <Td>
          <Link tag={RouterLink} to={`runs/${run.documentId}`}>
            {formatDate(run.startedAt)}
          </Link>
        </Td>
        <Td>
          <Typography>{formatTrigger(run)}</Typography>
        </Td>
        <Td>
          <RunStatusBadge status={run.status} />
        </Td>
        <Td style={{ whiteSpace: 'normal' }}>
          <Typography>{run.status === 'skipped' || (run.status === 'failed' && !run.counts) ? run.error ?? '—' : formatCounts(run.counts)}</Typography>
        </Td>
        <Td>
          <Typography>{formatDuration(run.startedAt, run.finishedAt)}</Typography>
        </Td>
      </Tr>
    ))}
  </HeadedTable>
);
