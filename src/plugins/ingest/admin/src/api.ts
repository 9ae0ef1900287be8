import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useRef } from 'react';
import type { ConflictsList, DryRunReport, ImportPanel, ImportPanelAnswer, Run, RunsPage } from './types';

/** The server's message for a failed request (a 409 says which import holds the lock). */
export const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
};

export const useIngestApi = () => {
  const { get, post } = useFetchClient();
  return {
    listRuns: useCallback(
      async (page: number): Promise<RunsPage> => (await get<RunsPage>('/ingest/runs', { params: { page, pageSize: 20 } })).data,
      [get]
    ),
    getRun: useCallback(async (runId: string): Promise<Run> => (await get<{ data: Run }>(`/ingest/runs/${runId}`)).data.data, [get]),
    startImport: useCallback(async (): Promise<string> => (await post<{ data: { runId: string } }>('/ingest/runs', {})).data.data.runId, [post]),
    dryRun: useCallback(async (): Promise<DryRunReport> => (await post<{ data: DryRunReport }>('/ingest/runs', { dryRun: true })).data.data, [post]),
    listConflicts: useCallback(async (): Promise<ConflictsList> => (await get<ConflictsList>('/ingest/conflicts')).data, [get]),
    getImportPanel: useCallback(
      async (documentId: string): Promise<ImportPanelAnswer> => (await get<ImportPanelAnswer>(`/ingest/articles/${documentId}/import`)).data,
      [get]
    ),
    settleConflict: useCallback(
      async (documentId: string, field: string, action: 'take' | 'keep'): Promise<ImportPanel> =>
        (await post<{ data: ImportPanel }>(`/ingest/articles/${documentId}/conflicts/${field}`, { action })).data.data,
      [post]
    ),
  };
};

/** Calls `load` every `intervalMs` while `active`; the latest `load` is always the one called. */
export const usePolling = (load: () => unknown, active: boolean, intervalMs = 1000) => {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => void latest.current(), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
};
