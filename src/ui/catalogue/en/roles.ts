/** The names of the roles a municipality has in an idea (core/idea.ts ROLES), in English: the one place they are declared. */
import type { Role } from '../../../core/idea.js';

export const roles: Record<Role, string> = { owner: 'owner', 'co-funder': 'co-funder', interested: 'interested' };
