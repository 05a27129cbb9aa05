import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-client-per-request';
import { invalid, valid } from './cases/no-client-per-request';
import { verifySuggestionsAndFixes } from './util/verify-fixes';

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

ruleTester.run('no-client-per-request', rule, { valid, invalid });

verifySuggestionsAndFixes('no-client-per-request', invalid);
