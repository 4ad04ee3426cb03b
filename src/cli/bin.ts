#!/usr/bin/env node
// The executable package.json names (dist/cli/bin.js): it only starts the program.
import '../main.js';
