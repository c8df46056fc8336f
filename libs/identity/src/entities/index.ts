import { BreakGlassGrant } from './break-glass-grant.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';

export { BreakGlassGrant, RefreshToken, User };

export const identityEntities = [User, RefreshToken, BreakGlassGrant];
