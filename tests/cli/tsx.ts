/**
 * Arguments to run a TypeScript tool with this Node and tsx's loader directly: cheaper and
 * steadier than `npx tsx`, which starts npm first.
 */
export function tsxArgs(script: string, ...args: string[]): string[] {
  return ['--import', 'tsx', script, ...args];
}
