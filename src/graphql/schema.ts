import { builder } from './builder';
import './users';
import './audit-log';

export const schema = builder.toSchema({ sortSchema: false });
