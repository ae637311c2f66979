// PostGraphile v5 with the amber preset over the bench database, as a peer of the gateway in npm run bench.
//   DATABASE_URL=postgres://… PORT=0 node --import ./with-resolvers.mjs postgraphile.mjs
// Prints one line `listening <url>` when it serves /graphql.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

// The functions PostGraphile serves the windowed counts and statistics through (postgraphile-functions.sql).
const setup = new pg.Client({ connectionString: process.env.DATABASE_URL });
await setup.connect();
await setup.query(readFileSync(new URL('./postgraphile-functions.sql', import.meta.url), 'utf8'));
await setup.end();

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public', 'postgraphile_peer'], poolConfig: { max: 10 } })],
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
serv.addTo(server).catch((error) => {
  console.error(error);
  process.exit(1);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', async () => {
  await pgl.getSchema();
  console.log(`listening http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => {
  server.close();
  pgl.release().finally(() => process.exit(0));
});
