/**
 * Runs a program in a directory as a user's shell would: no npm_* variables or node_modules/.bin
 * directories inherited from an `npm run` of this repository (which would let a command find the
 * repository's packages instead of the project's), and no AIRBYTE_* settings of the machine.
 */
import { spawn } from "node:child_process";
import { delimiter, sep } from "node:path";

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|AIRBYTE_)/i.test(name) && name !== "INIT_CWD"),
  );
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((entry) => !entry.includes(`node_modules${sep}.bin`))
    .join(delimiter);
  return env;
}

/** `run(command, args)` in `cwd`, resolving with the exit code and both outputs once it has ended. */
export function runIn(cwd: string, env: NodeJS.ProcessEnv = userEnv()) {
  return (command: string, args: string[]): Promise<Ran> =>
    new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
