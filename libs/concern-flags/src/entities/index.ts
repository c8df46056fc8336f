import { ConcernFlag } from './concern-flag.entity.js';

export { ConcernFlag };
export * from './concern-flag.entity.js';

export const concernFlagEntities = [ConcernFlag];
