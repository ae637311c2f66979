import { builder } from './builder';
import './users';
import './tasks';
import './executions';
import './execution-errors';
import './api-keys';
import './search-queries';
import './stats';
import './audit-log';
import './notifications';
import './feedback';
import './error-feed';

export const schema = builder.toSchema({ sortSchema: false });
