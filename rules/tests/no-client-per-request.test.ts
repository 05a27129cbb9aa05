import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-client-per-request';
import { invalid, valid } from './cases/no-client-per-request';
import { describeFixOutputs } from './util/fix-outputs';

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

ruleTester.run('no-client-per-request', rule, { valid, invalid });

describeFixOutputs('no-client-per-request', rule, invalid);
