// The floor of npm run bench: the rows of each benchmark case by hand-written SQL through `pg`, behind a bare
// node:http handler (no framework, no GraphQL, no authentication). Nothing serves them with less work.
//   DATABASE_URL=postgres://… PORT=0 node floor.mjs        prints `listening <url>`
import { createServer } from 'node:http';
import pg from 'pg';

pg.types.setTypeParser(20, Number); // int8 counts as numbers, as the gateway reads them
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => {});

const HOUR = "interval '1 hour'";
const rows = (text, values = []) => pool.query(text, values).then((result) => result.rows);
const pageOf = (fetched, size) => ({ rows: fetched.slice(0, size), hasNextPage: fetched.length > size });

const EXECUTION_ROW = `e.id, e.task_id, u.email as user_email, t.search_query, e.status, e.condition_met, e.duration_ms, e.started_at, e.completed_at`;
const ERROR_ROW = `e.id as execution_id, e.task_id, u.email as user_email, t.search_query, e.error_message, e.error_type, e.retry_count, e.will_retry, e.started_at as occurred_at`;

/** The page of executions started in the last `hours`, after the first `offset` of them (found by an index-only seek). */
async function executionsPage(hours, limit, offset) {
  const window = `e.started_at >= now() - $1 * ${HOUR}`;
  const seek = offset > 0
    ? `and (e.started_at, e.id) <= (select started_at, id from executions e where ${window} order by started_at desc, id desc offset ${offset} limit 1)`
    : '';
  const [page, [{ total }]] = await Promise.all([
    rows(`select ${EXECUTION_ROW} from executions e join tasks t on t.id = e.task_id join users u on u.id = e.user_id
          where ${window} ${seek} order by e.started_at desc, e.id desc limit ${limit}`, [hours]),
    rows(`select count(*)::int as total from executions e where ${window}`, [hours]),
  ]);
  return { executions: page, total };
}

async function recentErrors(hours, limit) {
  const window = `e.status = 'failed' and e.started_at >= now() - $1 * ${HOUR}`;
  const [page, types] = await Promise.all([
    rows(`select ${ERROR_ROW} from executions e join tasks t on t.id = e.task_id join users u on u.id = e.user_id
          where ${window} order by e.started_at desc, e.id desc limit ${limit + 1}`, [hours]),
    rows(`select e.error_type, count(*)::int as count from executions e where ${window} group by e.error_type order by count desc, e.error_type`, [hours]),
  ]);
  return { page, types, total: types.reduce((sum, type) => sum + type.count, 0) };
}

const routes = {
  async '/executions'() {
    return pageOf(await rows(`select e.id, e.status, e.started_at, e.duration_ms, t.search_query, u.email
      from executions e join tasks t on t.id = e.task_id join users u on u.id = e.user_id
      order by e.started_at desc, e.id desc limit 51`), 50);
  },
  async '/users'() {
    return pageOf(await rows(`select u.id, u.email,
        (select count(*)::int from tasks t where t.user_id = u.id) as tasks_count,
        (select count(*)::int from tasks t where t.user_id = u.id and t.state = 'active') as active_tasks_count,
        (select count(*)::int from executions e where e.user_id = u.id and e.started_at >= now() - 24 * ${HOUR}) as executions_24h,
        (select count(*)::int from notifications n where n.user_id = u.id and n.audience = 'user' and n.created_at >= now() - 168 * ${HOUR}) as notifications_7d
      from users u order by u.created_at desc, u.id desc limit 51`), 50);
  },
  async '/stats'() {
    const [stats] = await rows(`select
        (select json_build_object('total', count(*), 'active30d', count(*) filter (where last_login_at >= now() - 720 * ${HOUR}),
                'new7d', count(*) filter (where created_at >= now() - 168 * ${HOUR})) from users) as users,
        (select json_build_object('total', count(*), 'active', count(*) filter (where state = 'active'), 'paused', count(*) filter (where state = 'paused')) from tasks) as tasks,
        (select json_build_object('total24h', count(*), 'success24h', count(*) filter (where status = 'success'), 'failed24h', count(*) filter (where status = 'failed'),
                'avgDurationMs', round(avg(duration_ms))::int) from executions where started_at >= now() - 24 * ${HOUR}) as executions,
        (select json_build_object('sent24h', count(*) filter (where created_at >= now() - 24 * ${HOUR}), 'sent7d', count(*))
           from notifications where audience = 'user' and created_at >= now() - 168 * ${HOUR}) as notifications,
        (select coalesce(json_agg(popular), '[]') from (select search_query as query, count(*)::int as count from tasks
           group by search_query order by count desc, search_query limit 10) as popular) as "popularQueries"`);
    return stats;
  },
  async '/errors'() {
    const { page, types, total } = await recentErrors(24, 50);
    return { ...pageOf(page, 50), errorTypes: types, totalCount: total };
  },
  async '/search-queries'() {
    const fetched = await rows(`select stats.*, count(*) over ()::int as total from (
        select t.search_query, count(*)::int as total_tasks, (count(*) filter (where t.state = 'active'))::int as active_tasks,
               coalesce(sum(x.executions), 0)::int8 as total_executions, coalesce(sum(x.succeeded), 0)::int8 as succeeded,
               coalesce(sum(x.failed), 0)::int8 as failed, coalesce(sum(x.duration_sum), 0)::int8 as duration_sum,
               coalesce(sum(x.duration_count), 0)::int8 as duration_count
        from tasks t left join task_execution_totals x on x.task_id = t.id group by t.search_query) as stats
      order by stats.total_tasks desc, stats.search_query limit 51`);
    return { ...pageOf(fetched, 50), totalCount: fetched[0]?.total ?? 0 };
  },
  async '/admin/executions'(query) {
    const limit = Number(query.get('limit') ?? 50);
    const page = Number(query.get('page') ?? 1);
    const { executions, total } = await executionsPage(Number(query.get('hours') ?? 24), limit, (page - 1) * limit);
    return { executions, total, page, limit };
  },
  async '/admin/errors'(query) {
    const limit = Number(query.get('limit') ?? 50);
    const { page, types, total } = await recentErrors(Number(query.get('hours') ?? 24), limit);
    return { errors: page.slice(0, limit), total, error_types: Object.fromEntries(types.map((type) => [type.error_type, type.count])) };
  },
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  const route = routes[url.pathname];
  if (!route) return res.writeHead(404).end();
  try {
    const body = JSON.stringify(await route(url.searchParams));
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    console.error(error);
    res.writeHead(500).end();
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`listening http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
