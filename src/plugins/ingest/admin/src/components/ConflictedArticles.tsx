import { Box, Flex, Link, Td, Tr, Typography } from '@strapi/design-system';
import { Link as RouterLink } from 'react-router-dom';
import { articlePath } from '../paths';
import type { ConflictedArticle } from '../types';
import { HeadedTable } from './HeadedTable';

const HEADERS = ['Article', 'External id', 'Fields in conflict'];

/** Articles whose editor's value and capture's value differ, each linking to its edit view to settle them. */
export const ConflictedArticles = ({ articles }: { articles: ConflictedArticle[] }) => (
  <Box data-testid="conflicted-articles">
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="delta" tag="h2">
        Articles with open conflicts
      </Typography>
      <HeadedTable headers={HEADERS} rows={articles.length}>
        {articles.map((article) => (
          <Tr key={article.documentId} data-testid="conflicted-article">
            <Td style={{ whiteSpace: 'normal' }}>
              <Link tag={RouterLink} to={articlePath(article.documentId)}>
                {article.title}
              </Link>
            </Td>
            <Td>
              <Typography>{article.externalId}</Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal' }}>
              <Typography>{article.fields.map((field) => field.label).join(', ')}</Typography>
            </Td>
          </Tr>
        ))}
      </HeadedTable>
    </Flex>
  </Box>
);
