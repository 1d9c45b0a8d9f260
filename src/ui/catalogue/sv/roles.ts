/** The names of the roles a municipality has in an idea (core/idea.ts ROLES), in Swedish: the one place they are declared. */
import type { Role } from '../../../core/idea.js';

export const roles: Record<Role, string> = { owner: 'ägare', 'co-funder': 'medfinansiär', interested: 'intresserad' };
