import type { ReactNode } from 'react';
import { Table, Tbody, Th, Thead, Tr, Typography } from '@strapi/design-system';

/** A table with one row of column headings; `children` are its body rows (`rows` of them). */
export const HeadedTable = ({ headers, rows, children }: { headers: string[]; rows: number; children: ReactNode }) => (
  <Table colCount={headers.length} rowCount={rows + 1}>
    <Thead>
      <Tr>
        {headers.map((header) => (
          <Th key={header}>
            <Typography variant="sigma">{header}</Typography>
          </Th>
        ))}
      </Tr>
    </Thead>
    <Tbody>{children}</Tbody>
  </Table>
);
