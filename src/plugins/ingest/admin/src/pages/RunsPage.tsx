import { Badge, Box, Button, EmptyStateLayout, Flex, TextButton, Typography } from '@strapi/design-system';
import { Eye, Play } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage, useIngestApi, usePolling } from '../api';
import { ConflictedArticles } from '../components/ConflictedArticles';
import { ReportItems } from '../components/ReportItems';
import { RunProgress } from '../components/RunProgress';
import { RunsTable } from '../components/RunsTable';
import { formatCounts } from '../format';
import { PERMISSIONS } from '../permissions';
import type { ConflictsList, DryRunReport, Progress, RunsPage as RunsPageData } from '../types';

/** The Ingest page: recorded runs, and (with the trigger permission) a dry run or an import of the configured folder. */
export const RunsPage = () => {
  const api = useIngestApi();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.trigger);
  const [page, setPage] = useState(1);
  const [runs, setRuns] = useState<RunsPageData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState<'import' | 'dry-run' | null>(null);
  const [dryRun, setDryRun] = useState<DryRunReport | null>(null);
  const [conflicts, setConflicts] = useState<ConflictsList | null>(null);

  const load = useCallback(async () => {
    try {
      const next = await api.listRuns(page);
      setRuns(next);
      setConflicts(await api.listConflicts());
      setLoadError(null);
      const active = next.meta.activeRunId;
      setProgress(active ? ((await api.getRun(active)).progress ?? null) : null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api.listRuns, api.getRun, api.listConflicts, page]);

  useEffect(() => {
    void load();
  }, [load]);

  const startedHere = Boolean(runs?.meta.activeRunId);
  const running = startedHere || Boolean(runs?.data.some((run) => run.status === 'running'));
  // A run of this server reports its progress; one elsewhere only its record, which moves slowly.
  usePolling(load, running, startedHere ? 1000 : 5000);

  const startImport = async () => {
    setBusy('import');
    try {
      await api.startImport();
      toggleNotification({ type: 'success', message: 'Import started' });
      setPage(1);
      await load();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const startDryRun = async () => {
    setBusy('dry-run');
    try {
      setDryRun(await api.dryRun());
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const actions = allowedActions.canTrigger ? (
    <Flex gap={2}>
      <Button variant="secondary" startIcon={<Eye />} onClick={startDryRun} loading={busy === 'dry-run'} disabled={busy !== null}>
        Dry run
      </Button>
      <Button startIcon={<Play />} onClick={startImport} loading={busy === 'import'} disabled={busy !== null || running}>
        Import now
      </Button>
    </Flex>
  ) : undefined;

  if (!runs && !loadError) return <Page.Loading />;
  if (!runs) return <Page.Error />;
  const { pagination, dir } = runs.meta;
  const pageCount = Math.max(1, Math.ceil(pagination.total / pagination.pageSize));
  const conflictCount = conflicts?.meta.total ?? 0;

  return (
    <Page.Main>
      <Page.Title>Ingest</Page.Title>
      <Layouts.Header
        title="Ingest"
        subtitle={`Imports of ${dir}: who or what started them, and what each file became`}
        primaryAction={actions}
        secondaryAction={
          <Badge variant={conflictCount > 0 ? 'warning' : 'neutral'} data-testid="conflict-count">
            {conflictCount === 1 ? '1 article with open conflicts' : `${conflictCount} articles with open conflicts`}
          </Badge>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {running ? <RunProgress progress={progress} /> : null}
          {dryRun ? (
            <Box background="neutral0" hasRadius shadow="tableShadow" padding={4} data-testid="dry-run-report">
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Flex justifyContent="space-between">
                  <Typography variant="delta" tag="h2">
                    Dry run: {formatCounts(dryRun.counts)} (nothing was written)
                  </Typography>
                  <TextButton onClick={() => setDryRun(null)}>Close</TextButton>
                </Flex>
                <ReportItems items={dryRun.items} />
                {dryRun.missing.length > 0 ? <Typography variant="pi">Missing from the folder (left alone): {dryRun.missing.join(', ')}</Typography> : null}
              </Flex>
            </Box>
          ) : null}
          {conflicts && conflicts.data.length > 0 ? <ConflictedArticles articles={conflicts.data} /> : null}
          {runs.data.length === 0 ? (
            <EmptyStateLayout content="No import has run yet." />
          ) : (
            <>
              <RunsTable runs={runs.data} />
              {pageCount > 1 ? (
                <Flex gap={4} justifyContent="flex-end">
                  <TextButton disabled={page <= 1} onClick={() => setPage(page - 1)}>
                    Newer
                  </TextButton>
                  <Typography variant="pi">
                    Page {page} of {pageCount}
                  </Typography>
                  <TextButton disabled={page >= pageCount} onClick={() => setPage(page + 1)}>
                    Older
                  </TextButton>
                </Flex>
              ) : null}
            </>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
