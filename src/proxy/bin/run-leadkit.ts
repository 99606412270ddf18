#!/usr/bin/env node
/**
 * The `leadkit` command of the `@leadkit/proxy` package, compiled to its bin/leadkit.js (a clone
 * runs bin/leadkit.mjs, the same CLI through tsx).
 */
import { runCli } from '../cli/cli';

process.exitCode = await runCli(process.argv.slice(2));
