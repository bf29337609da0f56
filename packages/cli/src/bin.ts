import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends with its exit code.
if (code !== 0) process.exit(code);
