import { Foundation1795824000000 } from './1795824000000-foundation.js';

/** Every migration, oldest first. A migration is never edited once it has landed on main. */
export const migrations = [Foundation1795824000000];
