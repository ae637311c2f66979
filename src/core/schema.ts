import { builder } from './builder';
import '../domains/users/graphql';
import '../domains/tasks/graphql';
import '../domains/executions/graphql';
import '../domains/executions/execution-errors';
import '../domains/api-keys/graphql';
import '../domains/search-queries/graphql';
import '../domains/stats/graphql';
import '../domains/audit-log/graphql';
import '../domains/notifications/graphql';
import '../domains/feedback/graphql';
import '../domains/executions/error-feed';

export const schema = builder.toSchema({ sortSchema: false });
