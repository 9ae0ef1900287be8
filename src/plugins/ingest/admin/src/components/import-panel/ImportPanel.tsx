import { Flex, Loader, Typography } from '@strapi/design-system';
import { unstable_useDocument, useForm, useNotification, useQueryParams, useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage, useIngestApi } from '../../api';
import { ARTICLE_UID } from '../../paths';
import { PERMISSIONS } from '../../permissions';
import type { ImportPanelAnswer } from '../../types';
import { ConflictCard } from './ConflictCard';
import { Decisions } from './Decisions';
import { ImportFacts } from './ImportFacts';

/** The edit view's query, as the Content Manager turns it into the document's request params. */
const documentParams = (query: Record<string, unknown> | undefined) => {
  const { plugins, ...rest } = query ?? {};
  return Object.assign(rest, ...Object.values((plugins ?? {}) as Record<string, object>));
};

const ImportPanelBody = ({ documentId, collectionType }: { documentId: string; collectionType: string }) => {
  const api = useIngestApi();
  const { toggleNotification } = useNotification();
  const [{ query }] = useQueryParams();
  // The edit view's own document query: refetched after a take, so the form shows the new value.
  const { refetch } = unstable_useDocument({ collectionType, model: ARTICLE_UID, documentId, params: documentParams(query as Record<string, unknown>) });
  const modified = useForm('ImportPanel', (state) => state.modified);
  const [answer, setAnswer] = useState<ImportPanelAnswer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setAnswer(await api.getImportPanel(documentId));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [api.getImportPanel, documentId]);

  useEffect(() => {
    void load();
  }, [load]);

  const settle = async (field: string, action: 'take' | 'keep') => {
    setBusy(true);
    try {
      const panel = await api.settleConflict(documentId, field, action);
      setAnswer((previous) => previous && { ...previous, data: panel });
      if (action === 'take') await refetch();
      toggleNotification({ type: 'success', message: action === 'take' ? "The import's value is in the draft" : 'Your value is kept' });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <Typography textColor="danger600">{loadError}</Typography>;
  if (!answer) return <Loader small>Loading the import's record</Loader>;
  const { data: panel, meta } = answer;
  if (!panel.imported) return <Typography variant="pi" textColor="neutral600">Not created by the import.</Typography>;
  const conflicts = panel.conflicts ?? [];

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="import-panel" width="100%">
      <ImportFacts panel={panel} />
      <Typography variant="sigma" textColor={conflicts.length > 0 ? 'warning600' : 'neutral600'}>
        {conflicts.length > 0 ? `Open conflicts (${conflicts.length})` : 'No open conflict'}
      </Typography>
      {conflicts.map((conflict) => (
        <ConflictCard
          key={conflict.field}
          conflict={conflict}
          canSettle={meta.canSettle}
          busy={busy}
          blockedBy={modified ? 'Save or discard your changes first.' : null}
          onSettle={(action) => void settle(conflict.field, action)}
        />
      ))}
      <Decisions decisions={panel.decisions ?? []} />
    </Flex>
  );
};

/**
 * The Import panel of an Article's edit view (the Content Manager's side panels): where the
 * article came from, its last import, and its open conflicts to settle. Shown to admins who may
 * read import runs; the buttons need the Content Manager's update permission too.
 */
export const ImportPanel: PanelComponent = ({ model, documentId, collectionType }: PanelComponentProps) => {
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.read);
  if (model !== ARTICLE_UID || !documentId || isLoading || !allowedActions.canRead) return null;
  return { title: 'Import', content: <ImportPanelBody documentId={documentId} collectionType={collectionType} /> };
};
