import { Box, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { errorMessage, useIngestApi, usePolling } from '../api';
import { ReportItems } from '../components/ReportItems';
import { RunProgress } from '../components/RunProgress';
import { RunStatusBadge } from '../components/StatusBadge';
import { formatCounts, formatDate, formatDuration, formatTrigger } from '../format';
import type { Run } from '../types';

const Fact = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Grid.Item col={4} s={12} direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography tag="div">{children}</Typography>
  </Grid.Item>
);

const filesOf = (counts: Run['counts']) =>
  counts ? counts.created + counts.updated + counts.unchanged + counts.failed + counts.duplicate : 0;

/** What the list of files leaves out: quiet unchanged files, or everything once the run is old. */
const UnlistedNote = ({ run }: { run: Run }) => {
  if (run.itemsPruned) {
    return (
      <Typography variant="pi" textColor="neutral600" data-testid="items-pruned">
        This run's file list was removed to save space (only the most recent runs keep theirs, INGEST_KEEP_RUNS); its counts above are complete.
      </Typography>
    );
  }
  const unlisted = filesOf(run.counts) - (run.items?.length ?? 0);
  if (run.status === 'running' || !run.items || unlisted <= 0) return null;
  return (
    <Typography variant="pi" textColor="neutral600" data-testid="items-unlisted">
      {unlisted === 1 ? '1 file' : `${unlisted} files`} unchanged, with no warning or conflict: not listed.
    </Typography>
  );
};

/** One run: when and how it ran, and each file's outcome, warnings, conflicts and error. */
export const RunPage = () => {
  const { runId = '' } = useParams<{ runId: string }>();
  const api = useIngestApi();
  const [run, setRun] = useState<Run | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setRun(await api.getRun(runId));
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api.getRun, runId]);

  useEffect(() => {
    void load();
  }, [load]);
  usePolling(load, run?.status === 'running');

  if (!run && !loadError) return <Page.Loading />;
  if (!run) return <Page.Error content={loadError ?? undefined} />;

  return (
    <Page.Main>
      <Page.Title>Import run</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={RouterLink} to=".." relative="path" startIcon={<ArrowLeft />}>
            All runs
          </Link>
        }
        title={`Import run of ${formatDate(run.startedAt)}`}
        subtitle={run.dir ?? undefined}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {run.status === 'running' ? <RunProgress progress={run.progress} /> : null}
          <Box background="neutral0" hasRadius shadow="tableShadow" padding={6}>
            <Grid.Root gap={4}>
              <Fact label="Status">
                <RunStatusBadge status={run.status} />
              </Fact>
              <Fact label="Trigger">{formatTrigger(run)}</Fact>
              <Fact label="Duration">{formatDuration(run.startedAt, run.finishedAt)}</Fact>
              <Fact label="Started">{formatDate(run.startedAt)}</Fact>
              <Fact label="Finished">{formatDate(run.finishedAt)}</Fact>
              <Fact label="Files">{formatCounts(run.counts)}</Fact>
            </Grid.Root>
          </Box>
          {run.error ? (
            <Typography textColor="danger600" data-testid="run-error">
              {run.error}
            </Typography>
          ) : null}
          {run.items && run.items.length > 0 ? <ReportItems items={run.items} /> : null}
          <UnlistedNote run={run} />
          {run.missing && run.missing.length > 0 ? (
            <Typography variant="pi">Missing from the folder (left alone): {run.missing.join(', ')}</Typography>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
