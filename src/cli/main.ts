#!/usr/bin/env node
// Entry point of the `credanchor` command: parse, run, map errors to exit codes.
import { CommanderError } from "commander";
import { EXIT } from "./exitCodes.ts";
import { reportError } from "./output.ts";
import { buildProgram } from "./program.ts";

const json = process.argv.includes("--json");
// A reader that stops early (`credanchor --help | head`) closes the pipe: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}
try {
  const program = await buildProgram();
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else {
    process.exitCode = reportError(error, json);
  }
}
