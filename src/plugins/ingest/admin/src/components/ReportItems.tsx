import { Flex, Td, Tr, Typography } from '@strapi/design-system';
import type { ReportItem } from '../types';
import { HeadedTable } from './HeadedTable';
import { OutcomeBadge } from './StatusBadge';

const HEADERS = ['File', 'Outcome', 'External id', 'Warnings, conflicts, errors'];

const Notes = ({ item }: { item: ReportItem }) => (
  <Flex direction="column" alignItems="flex-start" gap={1}>
    {item.error ? (
      <Typography variant="pi" textColor="danger600">
        {item.error}
      </Typography>
    ) : null}
    {item.conflicts.length > 0 ? (
      <Typography variant="pi" textColor="warning600">
        Editor's value kept: {item.conflicts.join(', ')}
      </Typography>
    ) : null}
    {item.warnings.map((warning) => (
      <Typography key={warning} variant="pi" textColor="neutral600">
        {warning}
      </Typography>
    ))}
  </Flex>
);

/** Each file of a run or a dry run: its outcome, warnings, conflicts and error. */
export const ReportItems = ({ items }: { items: ReportItem[] }) => (
  <HeadedTable headers={HEADERS} rows={items.length}>
    {items.map((item, index) => (
      <Tr key={`${index}:${item.externalId}`} data-testid="report-item">
        <Td>
          <Typography>{item.file ?? '(pushed)'}</Typography>
        </Td>
        <Td>
          <OutcomeBadge outcome={item.outcome} />
        </Td>
        <Td>
          <Typography>{item.externalId}</Typography>
        </Td>
        <Td style={{ whiteSpace: 'normal' }}>
          <Notes item={item} />
        </Td>
      </Tr>
    ))}
  </HeadedTable>
);
