import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

function fieldsNamed(selectionSet: SelectionSetNode | undefined, name: string, fragments: Record<string, FragmentDefinitionNode>, found: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === 'Field') {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === 'InlineFragment') {
      fieldsNamed(selection.selectionSet, name, fragments, found);
    } else {
      fieldsNamed(fragments[selection.name.value]?.selectionSet, name, fragments, found);
    }
  }
  return found;
}

/**
 * Whether the field being resolved selects `path` below it (through fragments, any alias), e.g.
 * `selects(info, 'edges', 'node', 'task')` on a connection: so that a list reads what its page will need in the
 * page's own statement instead of a loader round trip afterwards. Directives are not evaluated (a field under
 * `@skip` counts as selected, which only costs an unused column).
 */
export function selects(info: GraphQLResolveInfo, ...path: string[]): boolean {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((field) => fieldsNamed(field.selectionSet, name, info.fragments));
    if (level.length === 0) return false;
  }
  return true;
}
