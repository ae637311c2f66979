-- What PostGraphile needs to answer the cases its tables alone cannot (counts in a time window, platform
-- figures, per-query statistics): computed columns and set-returning functions, the idiomatic PostGraphile way.
-- Kept in a schema of their own so that the gateway's tables are untouched.
create schema if not exists postgraphile_peer;

create or replace function postgraphile_peer.users_executions_24h(u public.users) returns int language sql stable as $$
  select count(*)::int from public.executions e where e.user_id = u.id and e.started_at >= now() - interval '24 hours'
$$;
create or replace function postgraphile_peer.users_notifications_7d(u public.users) returns int language sql stable as $$
  select count(*)::int from public.notifications n where n.user_id = u.id and n.audience = 'user' and n.created_at >= now() - interval '168 hours'
$$;

create or replace function postgraphile_peer.recent_errors(hours int) returns setof public.executions language sql stable as $$
  select * from public.executions e where e.status = 'failed' and e.started_at >= now() - hours * interval '1 hour' order by e.started_at desc, e.id desc
$$;

drop type if exists postgraphile_peer.error_type_count cascade;
create type postgraphile_peer.error_type_count as (error_type text, count int);
create or replace function postgraphile_peer.recent_error_types(hours int) returns setof postgraphile_peer.error_type_count language sql stable as $$
  select e.error_type, count(*)::int from public.executions e where e.status = 'failed' and e.started_at >= now() - hours * interval '1 hour'
  group by e.error_type order by count(*) desc, e.error_type
$$;

drop type if exists postgraphile_peer.search_query_stat cascade;
create type postgraphile_peer.search_query_stat as (
  search_query text, total_tasks int, active_tasks int, total_executions bigint, success_rate float8, avg_duration_ms int
);
create or replace function postgraphile_peer.search_query_stats() returns setof postgraphile_peer.search_query_stat language sql stable as $$
  select t.search_query, count(*)::int, (count(*) filter (where t.state = 'active'))::int, coalesce(sum(x.executions), 0)::int8,
         case when coalesce(sum(x.succeeded + x.failed), 0) = 0 then null else sum(x.succeeded)::float8 / sum(x.succeeded + x.failed) end,
         case when coalesce(sum(x.duration_count), 0) = 0 then null else round(sum(x.duration_sum)::numeric / sum(x.duration_count))::int end
  from public.tasks t left join public.task_execution_totals x on x.task_id = t.id
  group by t.search_query order by count(*) desc, t.search_query
$$;

drop type if exists postgraphile_peer.platform_stat cascade;
create type postgraphile_peer.platform_stat as (
  users_total int, users_active_30d int, users_new_7d int, tasks_total int, tasks_active int, tasks_paused int,
  executions_total_24h int, executions_success_24h int, executions_failed_24h int, executions_avg_duration_ms int,
  notifications_sent_24h int, notifications_sent_7d int
);
create or replace function postgraphile_peer.platform_stats() returns postgraphile_peer.platform_stat language sql stable as $$
  select u.*, t.*, e.*, n.* from
    (select count(*)::int, (count(*) filter (where last_login_at >= now() - interval '720 hours'))::int,
            (count(*) filter (where created_at >= now() - interval '168 hours'))::int from public.users) as u,
    (select count(*)::int, (count(*) filter (where state = 'active'))::int, (count(*) filter (where state = 'paused'))::int from public.tasks) as t,
    (select count(*)::int, (count(*) filter (where status = 'success'))::int, (count(*) filter (where status = 'failed'))::int,
            round(avg(duration_ms))::int from public.executions where started_at >= now() - interval '24 hours') as e,
    (select (count(*) filter (where created_at >= now() - interval '24 hours'))::int, count(*)::int
       from public.notifications where audience = 'user' and created_at >= now() - interval '168 hours') as n
$$;

drop type if exists postgraphile_peer.popular_query cascade;
create type postgraphile_peer.popular_query as (query text, count int);
create or replace function postgraphile_peer.popular_queries(lim int) returns setof postgraphile_peer.popular_query language sql stable as $$
  select search_query, count(*)::int from public.tasks group by search_query order by count(*) desc, search_query limit lim
$$;
