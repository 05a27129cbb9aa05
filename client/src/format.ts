/** `1 error`, `2 errors`: counts in the status item and in messages. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
