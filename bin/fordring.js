#!/usr/bin/env node
// The `fordring` command. TypeScript sources run through tsx's loader, so there is no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main/fordring.ts");
process.exitCode = await main(process.argv.slice(2));
