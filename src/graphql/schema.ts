import { builder } from './builder';
import './users';

export const schema = builder.toSchema({ sortSchema: false });
