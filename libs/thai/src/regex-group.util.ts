/**
 * Reads a capture group that may not have participated in the match. TypeScript
 * types every group as `string`, but optional groups are `undefined` at run time.
 */
export function optionalGroup(match: RegExpExecArray, index: number): string | undefined {
  const value: string | undefined = match[index];
  return value;
}

/** Reads a capture group that always participates in the match of its pattern. */
export function requiredGroup(match: RegExpExecArray, index: number): string {
  const value = optionalGroup(match, index);
  if (value === undefined) {
    throw new Error(`Capture group ${String(index)} did not participate in the match`);
  }
  return value;
}
