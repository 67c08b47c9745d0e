import { HIERARCHY_ENTITIES } from '@wian/hierarchy';

/** Every entity of every bounded context: the data source maps exactly these. */
export const ENTITIES = [...HIERARCHY_ENTITIES];
