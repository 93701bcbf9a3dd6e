// The Node options a worker thread is started with: this process's own, so a worker loads
// TypeScript sources, loaders and flags as the main thread does.

/**
 * This process's Node options, less those that only concern a main script given as a string
 * (`node -e`, `-p`, `--input-type`): a worker inheriting them refuses to start.
 */
export function workerExecArgv(): string[] {
  const kept: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (["-e", "--eval", "-p", "--print", "-pe"].includes(arg)) i++;
    else if (!/^--(input-type|eval|print)=/.test(arg)) kept.push(arg);
  }
  return kept;
}
