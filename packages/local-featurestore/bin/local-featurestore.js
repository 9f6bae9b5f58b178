#!/usr/bin/env node
// `npx local-featurestore`: the built server, run by plain Node (`npm run build` makes dist/).
import '../dist/main.js';
