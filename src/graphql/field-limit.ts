import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Counts the fields an operation asks for, fragments expanded where they are spread, and
 * stops counting past the limit. Introspection (`__schema`, `__type`…) costs nothing per row
 * and is not counted, so the playground and code generators keep working.
 */
const countFields = (
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  limit: number,
  visiting: Set<string> = new Set()
): number => {
  let count = 0;
  for (const selection of selectionSet?.selections ?? []) {
    if (count > limit) break;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      count += 1 + countFields(selection.selectionSet, fragments, limit - count, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countFields(selection.selectionSet, fragments, limit - count, visiting);
    } else {
      const name = selection.name.value;
      // A fragment that spreads itself is GraphQL's own validation error (NoFragmentCycles).
      if (visiting.has(name) || !fragments[name]) continue;
      visiting.add(name);
      count += countFields(fragments[name].selectionSet, fragments, limit - count, visiting);
      visiting.delete(name);
    }
  }
  return count;
};

/**
 * A validation rule: an operation selecting more than `limit` fields (aliases of one field
 * count one each) is refused with 400 before anything runs. A thousand aliases of `articles`
 * would otherwise run a thousand queries.
 */
export const fieldLimit =
  (limit: number) =>
  (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      const count = countFields(operation.selectionSet, fragments, limit);
      if (count > limit) {
        context.reportError(new GraphQLError(`The operation selects more than ${limit} fields (aliases included); ask for less in each request`, { nodes: [operation] }));
      }
    },
  });
