#!/usr/bin/env node
// `npx local-featurestore`: runs the TypeScript sources through tsx, so the package
// shares the console's record contract (src/domain) without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
