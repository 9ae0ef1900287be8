import type { ValidationRule } from 'graphql';

// graphql-depth-limit (the GraphQL plugin's own depth rule) ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const depthLimit: (maxDepth: number) => ValidationRule = require('graphql-depth-limit');
