// Builds the workspace packages (`npm run build`: tsc into packages/*/dist) once per process, as
// a release does before `npm pack`: the package tests and the bundle bench use what is published.
import { PROJECT_ROOT } from "../deploy/hardhatNode.ts";
import { run, succeeded } from "./consumerProject.ts";

let built: Promise<void> | undefined;

export function buildPackages(): Promise<void> {
  built ??= run("npm", ["run", "build"], PROJECT_ROOT).then((result) => {
    succeeded("npm run build", result);
  });
  return built;
}
