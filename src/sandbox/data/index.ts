// Everything the sandbox serves, in a stable order (search results follow it).
import { allergies } from './allergies.js';
import { conditions, encounters, observations, procedures } from './clinical.js';
import type { Resource } from './common.js';
import { locations, organizations, practitionerRoles, practitioners } from './directory.js';
import { immunizations } from './immunizations.js';
import { medicationAdministrations, medicationDispenses, medicationRequests, medicationStatements } from './medications.js';
import { patients } from './patients.js';

export type { Resource } from './common.js';

export const SANDBOX_RESOURCES: readonly Resource[] = [
  ...patients, ...allergies, ...immunizations, ...medicationAdministrations, ...medicationDispenses,
  ...medicationRequests, ...medicationStatements, ...conditions, ...encounters, ...observations, ...procedures,
  ...organizations, ...practitioners, ...practitionerRoles, ...locations,
];
