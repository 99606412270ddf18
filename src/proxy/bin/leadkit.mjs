#!/usr/bin/env node
// The `leadkit` command. The proxy is TypeScript run through tsx's loader, so a fresh
// clone needs no build step before `npm start`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
