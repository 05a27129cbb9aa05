/**
 * Wires @typescript-eslint/rule-tester to mocha. RuleTester reads its hooks from static properties; mocha has no
 * global `afterAll`, so map it to `after`. Loaded once through `.mocharc.json` before any test file.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import * as mocha from 'mocha';

RuleTester.afterAll = mocha.after;
RuleTester.describe = mocha.describe;
RuleTester.it = mocha.it;
RuleTester.itOnly = mocha.it.only;
