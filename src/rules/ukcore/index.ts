// Registry of the UK identifier rules (ukcore/*), one rule per file.
import dmdSystemUri from './dmd-system-uri.js';
import nhsNumberCheckDigit from './nhs-number-check-digit.js';
import nhsNumberTestRange from './nhs-number-test-range.js';
import odsCodeFormat from './ods-code-format.js';
import snomedCtIdentifier from './snomed-ct-identifier.js';

export const ukcoreRules = [nhsNumberCheckDigit, nhsNumberTestRange, odsCodeFormat, snomedCtIdentifier, dmdSystemUri];
