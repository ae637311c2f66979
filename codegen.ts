import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the REST routes (src/domains/*/rest.ts) and the tests: write graphql(`…`) from src/generated/gql,
// then `npm run codegen`. The output is checked in; CI fails when it drifts.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/rest/**/*.ts', 'src/domains/**/rest.ts', 'test/**/*.ts', '!src/generated/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/generated/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string' } },
    },
  },
};

export default config;
