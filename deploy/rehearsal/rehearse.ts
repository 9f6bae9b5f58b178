/**
 * `npm run rehearse`: synthesizes deploy/ and serves the built console (dist/) through a
 * local edge made from the synthesized CloudFront distribution, in front of the local
 * Feature Store and its user pool. Environment: REHEARSAL_PORT (8081), LOCAL_FEATURESTORE_PORT
 * (4566), CONSOLE_DIR (dist). Data is in memory: it ends with the rehearsal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRehearsal, synthesizeDeploy } from './rehearsal';
import { checkRelayedRefusals } from './relayCheck';

const consoleDirectory = path.resolve(process.env.CONSOLE_DIR ?? fileURLToPath(new URL('../../dist', import.meta.url)));
const deploy = synthesizeDeploy({ consoleDirectory });
// The cloud assembly (a copy of the build and the BucketDeployment's layer) is read once, at start: then it goes.
const removeAssembly = () => fs.rmSync(deploy.assembly.directory, { recursive: true, force: true });
process.on('exit', removeAssembly);
const rehearsal = await startRehearsal({
  deploy,
  port: Number(process.env.REHEARSAL_PORT ?? 8081),
  featureStorePort: Number(process.env.LOCAL_FEATURESTORE_PORT ?? 4566),
});
removeAssembly();
try {
  await checkRelayedRefusals(rehearsal.url, rehearsal.distribution, rehearsal.region);
} catch (error) {
  console.error(`[rehearsal] ${error instanceof Error ? error.message : String(error)}`);
  await rehearsal.close();
  process.exit(1);
}
const behaviours = rehearsal.distribution.behaviours.map(
  (behaviour) => `${behaviour.pathPattern ?? '(default)'} → ${behaviour.origin.kind === 's3' ? 'site bucket' : behaviour.origin.domainName}`,
);
console.log(`[rehearsal] Behaviours: ${behaviours.join('; ')}`);
console.log(`[rehearsal] Stand-ins: ${[...rehearsal.standIns].map(([aws, local]) => `${aws} → ${local}`).join('; ')}`);
console.log(`[rehearsal] Local Feature Store and user pool on ${rehearsal.featureStore.url}`);
console.log(`[rehearsal] Console (as deployed) on ${rehearsal.url}`);

function stop(): void {
  void rehearsal.close().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
