export { buildCli, runCli } from './cli.js';
export { EXIT } from './output.js';
