import { getNamedType, type GraphQLArgument, type GraphQLInputField, isInputObjectType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/core/schema';

/** Every argument and input field of type ID in the served schema, by where it is. */
function idInputs(): { where: string; input: GraphQLArgument | GraphQLInputField }[] {
  const found: { where: string; input: GraphQLArgument | GraphQLInputField }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) found.push({ where: `${type.name}.${field.name}(${arg.name})`, input: arg });
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) found.push({ where: `${type.name}.${field.name}`, input: field });
    }
  }
  return found.filter(({ input }) => getNamedType(input.type).name === 'ID');
}

describe('ID arguments and input fields', () => {
  it('are all global IDs of a named type, checked before the Relay plugin decodes them (node/nodes aside)', () => {
    const inputs = idInputs();
    const unchecked = inputs.filter(({ where, input }) => !/^Query\.nodes?\(/.test(where) && !(input.extensions.isRelayGlobalID && input.extensions.globalIdChecked));
    expect(unchecked.map(({ where }) => where)).toEqual([]);
    expect(inputs.map(({ where }) => where)).toEqual(expect.arrayContaining(['TaskFilter.ownerId', 'Mutation.deactivateUser(id)', 'ErrorAddedFilter.taskId']));
  });
});
