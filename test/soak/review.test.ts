/**
 * The soak's review-file parser and comparison (the soak itself is `npm run test:soak`; this is its fast unit test,
 * plus a check that the committed review.md is well-formed).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { compare, excerptMatches, findingRowTemplate, parseReview, tableCells } from './review';

const REVIEW = [
  '# Review',
  '## Findings',
  '| file | rule | at | message | verdict | why |',
  '| --- | --- | --- | --- | --- | --- |',
  '### a sub-heading stays in the section',
  '| `a@1.0.0/x.js` | `poolguard/require-pool-limit` | 3:5 | `node:http new Agent() has no size limit` | true positive | real: `a \\|\\| b` |',
  '| `b@2.0.0/y.js` | `poolguard/no-client-per-request` | 1:1 | `pg Pool` | false positive (accepted) | because |',
  '## Fixed false positives',
  '| `c@1.0.0/z.js` | `poolguard/no-client-in-loop` | 2:2 | `ioredis` | false positive | fixed in the rule |',
  '## Parse errors',
  '| `d@1.0.0/w.js` | 3:24 | `Parsing error: Octal escape sequences are not allowed.` | sloppy-mode script |',
  '## Notes',
  '| `e@1.0.0/ignored.js` | not | a | table | we | read |',
].join('\n');

describe('soak review file', () => {
  it('splits table cells on pipes outside code spans, honouring \\|', () => {
    assert.deepEqual(tableCells('| `a|b` | c \\| d | e |'), ['`a|b`', 'c | d', 'e']);
  });

  it('parses findings, fixed false positives and parse errors by section', () => {
    const review = parseReview(REVIEW);
    assert.deepEqual(review.problems, []);
    assert.deepEqual(
      review.findings.map((row) => [row.file, row.rule, row.at, row.verdict]),
      [
        ['a@1.0.0/x.js', 'poolguard/require-pool-limit', '3:5', 'true positive'],
        ['b@2.0.0/y.js', 'poolguard/no-client-per-request', '1:1', 'false positive'],
      ],
    );
    assert.equal(review.findings[0]?.why, 'real: `a || b`');
    assert.deepEqual(review.fixed.map((row) => row.file), ['c@1.0.0/z.js']);
    assert.deepEqual(review.parseErrors.map((row) => [row.file, row.at]), [['d@1.0.0/w.js', '3:24']]);
  });

  it('reports malformed rows, unknown verdicts and duplicates', () => {
    const review = parseReview(
      [
        '## Findings',
        '| `a@1/x.js` | `r` | 1:1 | `m` | maybe | why |',
        '| `a@1/x.js` | `r` | 2:1 | `m` | true positive | |',
        '| `a@1/x.js` | `r` | 3:1 | `m` | true positive | why |',
        '| `a@1/x.js` | `r` | 3:1 | `m` | true positive | why |',
        '| `a@1/x.js` | `r` | 3:1 |',
      ].join('\n'),
    );
    assert.equal(review.problems.length, 4, review.problems.join('\n'));
  });

  it('matches message excerpts as prefixes, ignoring whitespace and a trailing ellipsis', () => {
    assert.ok(excerptMatches('node:http new Agent() has no size limit: maxSockets …', 'node:http new Agent() has no size limit'));
    assert.ok(excerptMatches('a  b c', 'a b…'));
    assert.ok(!excerptMatches('a b c', 'b'));
    assert.ok(!excerptMatches('a b c', ''));
  });

  it('compares a run with the review in both directions', () => {
    const review = parseReview(REVIEW);
    const comparison = compare(
      review,
      [
        { file: 'a@1.0.0/x.js', rule: 'poolguard/require-pool-limit', at: '3:5', message: 'node:http new Agent() has no size limit: …' },
        // The same package version installed twice: one row covers both.
        { file: 'a@1.0.0/x.js', rule: 'poolguard/require-pool-limit', at: '3:5', message: 'node:http new Agent() has no size limit: …' },
        { file: 'c@1.0.0/z.js', rule: 'poolguard/no-client-in-loop', at: '2:2', message: 'ioredis new Redis() …' },
        { file: 'new@1.0.0/n.js', rule: 'poolguard/require-idle-timeout', at: '9:9', message: 'mysql2 createPool(): x' },
      ],
      [{ file: 'f@1.0.0/v.js', at: '1:1', message: 'Parsing error: Unexpected token' }],
    );
    assert.deepEqual(comparison.matched.map(({ row }) => row.file), ['a@1.0.0/x.js']);
    assert.deepEqual(comparison.regressed.map(({ row }) => row.file), ['c@1.0.0/z.js']);
    assert.deepEqual(comparison.unreviewed.map((finding) => finding.file), ['new@1.0.0/n.js']);
    assert.deepEqual(comparison.disappeared.map((row) => row.file), ['b@2.0.0/y.js']);
    assert.deepEqual(comparison.unlistedParseErrors.map((error) => error.file), ['f@1.0.0/v.js']);
    assert.deepEqual(comparison.vanishedParseErrors.map((row) => row.file), ['d@1.0.0/w.js']);
  });

  it('flags a reviewed finding whose message no longer starts with the excerpt', () => {
    const comparison = compare(parseReview(REVIEW), [{ file: 'a@1.0.0/x.js', rule: 'poolguard/require-pool-limit', at: '3:5', message: 'reworded' }], []);
    assert.equal(comparison.messageChanged.length, 1);
  });

  it('prints paste-ready rows whose excerpt keeps module specifiers whole', () => {
    const row = findingRowTemplate({ file: 'a@1/x.js', rule: 'poolguard/require-pool-limit', at: '1:2', message: 'node:http new Agent() has no size limit: more' });
    assert.equal(row, '| `a@1/x.js` | `poolguard/require-pool-limit` | 1:2 | `node:http new Agent() has no size limit` | ??? | ??? |');
  });

  it('the committed review.md is well-formed', () => {
    const file = path.resolve(__dirname, '../../../test/soak/review.md');
    const review = parseReview(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(review.problems, []);
    assert.ok(review.findings.length > 0);
  });
});
