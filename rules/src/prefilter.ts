/**
 * A sound text prefilter (spec §4: "a file with no catalogue import is answered without parsing"). Every construction
 * the rules can report resolves to an import, `require()` or `import()` of a catalogue module written as a static
 * string, or — for Prisma's generated client at any path — names `PrismaClient`. A text with none of these cannot
 * produce a finding, so a host may skip parsing it. Derived from the knowledge base, never hand-listed.
 */
import { constructions } from './knowledge/drivers';
import type { UserFactory } from './knowledge/types';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function buildPattern(): RegExp {
  const quoted = new Set<string>();
  const names = new Set<string>();
  for (const construction of constructions) {
    for (const matcher of construction.modules) {
      if ('name' in matcher) quoted.add(`${escapeRegExp(matcher.name)}['"\`]`);
      else if ('prefix' in matcher) quoted.add(escapeRegExp(matcher.prefix));
      else {
        // Any module path: the export name itself must appear (`PrismaClient`).
        for (const callee of construction.callees) if ('path' in callee && callee.path[0]) names.add(escapeRegExp(callee.path[0]));
      }
    }
  }
  const alternatives = [`['"\`](?:${[...quoted].join('|')})`, ...names];
  return new RegExp(alternatives.join('|'));
}

const pattern = buildPattern();

/**
 * False only when the text cannot contain a catalogue construction or a call of one of the user's declared
 * factories (`clientFactories`); true means "lint it".
 */
export function mayContainConstruction(text: string, factories: readonly UserFactory[] = []): boolean {
  return pattern.test(text) || factories.some((factory) => text.includes(factory.name));
}
