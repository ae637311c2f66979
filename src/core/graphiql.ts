import type { GraphiQLOptions } from 'graphql-yoga';
import { GRAPHIQL_ASSET_PATH } from './graphiql-assets';

const TEMPORAL_HINT = `# Temporal (workflows, schedules, Task.schedule) is not configured here: those fields answer
# TEMPORAL_UNAVAILABLE. Run \`temporal server start-dev\` and restart with TEMPORAL_ADDRESS=localhost:7233
# (Temporal Cloud: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_API_KEY; see README, "Temporal").
`;

/**
 * The query GraphiQL opens with; its first lines say where the key goes (or that it is already there) and, without
 * Temporal, how to point the gateway at one.
 */
export function exampleQuery({ keyPrefilled, temporalConfigured }: { keyPrefilled: boolean; temporalConfigured: boolean }): string {
  const first = keyPrefilled
    ? '# Your admin key is already in the headers pane below. Press the run button.'
    : '# Put your admin API key into the headers pane below ("Bearer " and the key), then press the run button.';
  return `${temporalConfigured ? '' : TEMPORAL_HINT}${first}
query Overview {
  stats {
    executions { total24h success24h failed24h avgDurationMs }
    popularQueries(limit: 3) { query count }
  }
  users(first: 5) {
    totalCount
    edges {
      node { id email role state createdAt lastLogin tasksCount activeTasksCount executions24h notifications7d }
    }
    pageInfo { hasNextPage endCursor }
  }
  errors(first: 3, filter: { hours: 24 }) {
    totalCount
    errorTypes { errorType count }
    edges { node { errorType errorMessage userEmail searchQuery occurredAt } }
  }
}
`;
}

// ASCII only: the browser refuses to send a header value with other characters, so no request would be made at all.
export const HEADERS_TEMPLATE_KEY = '<your admin API key>';

/** The headers pane's first content: the demo key, or a template that shows where a key goes. */
export function headersPane(demoApiKey: string | undefined): string {
  return JSON.stringify({ Authorization: `Bearer ${demoApiKey ?? HEADERS_TEMPLATE_KEY}` }, null, 2);
}

/** GraphiQL's page options for one caller: `demoKey` is what `demoKeyFor` allows this caller to see. */
export function graphiqlOptions({ demoKey, temporalConfigured }: { demoKey: string | undefined; temporalConfigured: boolean }): GraphiQLOptions {
  return {
    title: 'Admin gateway',
    defaultQuery: exampleQuery({ keyPrefilled: demoKey !== undefined, temporalConfigured }),
    headers: headersPane(demoKey),
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * GraphiQL from the gateway's own files. Monaco's workers load from the same origin when first needed, instead of
 * being downloaded in full before the first render. GraphiQL fetches the schema once, with the headers of that
 * moment; `onEditHeaders` fetches it again (through GraphiQL's own re-fetch button) once edited headers settle.
 */
export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  const { defaultQuery, ...rest } = options;
  const pageOptions = JSON.stringify({ ...rest, ...(defaultQuery ? { query: defaultQuery } : {}) }).replace(/</g, '\\u003c');
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${GRAPHIQL_ASSET_PATH}graphiql.css">
</head>
<body>
<div id="root" style="height: 100vh">Loading ${title}…</div>
<script>
  const workerUrls = {
    editorWorkerService: '${GRAPHIQL_ASSET_PATH}monacoeditorwork/editor.worker.bundle.js',
    json: '${GRAPHIQL_ASSET_PATH}monacoeditorwork/json.worker.bundle.js',
    graphql: '${GRAPHIQL_ASSET_PATH}monacoeditorwork/graphql.worker..bundle.js',
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (moduleId, label) => workerUrls[label] };
</script>
<script src="${GRAPHIQL_ASSET_PATH}yoga-graphiql.umd.js"></script>
<script>
  let lastHeaders = ${JSON.stringify(options.headers ?? '').replace(/</g, '\\u003c')};
  let settle;
  function refetchSchemaWhenSettled(headers) {
    clearTimeout(settle);
    settle = setTimeout(() => {
      try { JSON.parse(headers); } catch { return; }
      if (headers === lastHeaders) return;
      lastHeaders = headers;
      document.querySelector('button[aria-label^="Re-fetch GraphQL schema"]')?.click();
    }, 400);
  }
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), { ...${pageOptions}, onEditHeaders: refetchSchemaWhenSettled });
</script>
</body>
</html>
`;
}
