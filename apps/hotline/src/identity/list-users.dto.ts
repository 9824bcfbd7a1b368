import { IdParams, PageQuery } from '@platform/nest-kit';

export class ListUsersQuery extends PageQuery {}

export class UserIdParams extends IdParams {}
