import { builder } from '../../core/builder';
import { executionFailed } from './live';
import { errorTypeName, ExecutionError, readExecutionError } from './execution-errors';
import { Task } from '../tasks/graphql';
import { User } from '../users/graphql';
import { subscribeToRows } from '../../core/live-loaders';

const ErrorAddedFilter = builder.inputType('ErrorAddedFilter', {
  fields: (t) => ({
    errorType: t.string({ required: false, validate: errorTypeName, description: 'Only errors of this type, e.g. RateLimitError.' }),
    userId: t.globalID({ for: User, required: false, description: 'A User ID.' }),
    taskId: t.globalID({ for: Task, required: false, description: 'A Task ID.' }),
  }),
});

builder.subscriptionField('errorAdded', (t) =>
  t.field({
    type: ExecutionError,
    description: 'Each execution as it fails (inserted failed, or updated to FAILED), by any writer.',
    args: { filter: t.arg({ type: ErrorAddedFilter, required: false }) },
    subscribe: (_root, { filter }, context) => {
      const errorType = filter?.errorType ?? undefined;
      const userId = filter?.userId?.id;
      const taskId = filter?.taskId?.id;
      return subscribeToRows(context, executionFailed, {
        // The payload carries the owner and task ids, so those filters cost no query.
        accepts: (event) => (!userId || event.userId === userId) && (!taskId || event.taskId === taskId),
        load: (id) => readExecutionError(context.db, id),
        keeps: (row) => errorType === undefined || row.error_type === errorType,
      });
    },
    resolve: (row) => row,
  }),
);
