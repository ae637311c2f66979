import { builder } from './builder';
import './users';
import './notifications';
import './feedback';

export const schema = builder.toSchema({ sortSchema: false });
