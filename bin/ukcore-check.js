#!/usr/bin/env node
// Shebang shim: hands over to the compiled CLI; nothing else lives here.
import('../dist/cli/main.js').then((m) => m.main(process.argv));
